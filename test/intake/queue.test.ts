/**
 * Queue mechanics with a stand-in reader (support/fake-reader.ts): batches of 1,000+ files, progress,
 * duplicates, cancel, pause and resume, dead runners, and what each result does to the store.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { batchReport, createIntake, type ImportProgress, type IntakeEvent } from '../../main/intake/index.ts';
import { appendAudit, verifyAuditChain } from '../../main/store/index.ts';
import { fakePhotoBytes, fakeReaderFactory, kwkPage } from './support/fake-reader.ts';
import { BUPATI, openDemoStore, TPS, writeFolder } from './support/fixture.ts';

function setup(readerOptions: Parameters<typeof fakeReaderFactory>[0] = {}, where: { ram?: boolean } = {}) {
  const { store, dir } = openDemoStore(where);
  const reads: string[] = [];
  const changed: string[] = [];
  const intake = createIntake({
    store,
    blobRoot: path.join(dir, 'blobs'),
    readerFactory: fakeReaderFactory({ ...readerOptions, onRead: (f) => reads.push(f) }),
    onDataChanged: (scope, region) => changed.push(`${scope}:${region}`),
  });
  return { store, dir, intake, reads, changed };
}

const rows = (store: ReturnType<typeof setup>['store'], sql: string, ...args: unknown[]) => store.db.prepare(sql).all(...args) as Record<string, unknown>[];
const one = (store: ReturnType<typeof setup>['store'], sql: string, ...args: unknown[]) => store.db.prepare(sql).pluck().get(...args);

describe('import queue', () => {
  test('1,000 files: one batch, every file read once, pages attached, statuses derived, progress reported', async () => {
    const { store, dir, intake, reads } = setup({}, { ram: true });
    const codes = store.db.prepare('SELECT code FROM tps ORDER BY code LIMIT 500').pluck().all() as string[];
    const files: Record<string, Buffer> = {};
    codes.forEach((code, i) => {
      files[`${code}_hal1.jpg`] = fakePhotoBytes({ id: `${code}-1`, pages: [kwkPage(1, i)] });
      files[`${code}_hal2.jpg`] = fakePhotoBytes({ id: `${code}-2`, pages: [kwkPage(2, i)] });
    });
    const folder = writeFolder(dir, files);
    const queued = await intake.enqueueFolder(folder, { electionId: BUPATI });
    assert.ok(queued.ok);
    assert.equal(queued.added, 1000);
    assert.equal(one(store, `SELECT count(*) FROM import_item WHERE batch_id = ? AND state = 'queued'`, queued.batchId), 1000);

    const progress: ImportProgress[] = [];
    const firstNeedsReview: string[] = [];
    const summary = await intake.run({
      workers: 2,
      onEvent: (e: IntakeEvent) => {
        if (e.kind === 'progress') progress.push(e.progress);
        if (e.kind === 'tps' && e.status === 'needs_review') firstNeedsReview.push(e.tpsCode);
      },
    }).done;

    assert.equal(summary.counts.done, 1000);
    assert.equal(summary.counts.total, 1000);
    assert.equal(summary.pages, 1000);
    assert.equal(reads.length, 1000, 'each file read exactly once');
    assert.equal(one(store, 'SELECT count(*) FROM sheet'), 1000);
    assert.equal(one(store, 'SELECT count(*) FROM reading'), 1000);
    assert.equal(one(store, 'SELECT count(DISTINCT blob_sha256) FROM sheet'), 1000);
    assert.equal(one(store, `SELECT state FROM import_batch WHERE id = ?`, queued.batchId), 'finished');
    assert.equal(one(store, `SELECT count(*) FROM tps_status WHERE election_id = ? AND status = 'needs_review'`, BUPATI), 500);
    assert.equal(firstNeedsReview.length, 500);
    // hal 2's machine values are the TPS's current numbers, with provenance
    const v = store.db.prepare(`SELECT value, source, confidence, evidence_sha256 FROM tally_value WHERE tps_code = ? AND election_id = ? AND field_id = 'IV.1'`)
      .get(codes[0], BUPATI) as { value: number; source: string; confidence: number; evidence_sha256: string };
    assert.deepEqual([v.value, v.source, v.confidence], [40, 'machine', 0.99]);
    assert.match(v.evidence_sha256, /^[0-9a-f]{64}$/);
    // progress: counts only move forward, end at zero left
    for (let i = 1; i < progress.length; i++) {
      const a = progress[i - 1]!.counts;
      const b = progress[i]!.counts;
      assert.ok(b.done >= a.done && b.queued <= a.queued, 'progress is monotonic');
    }
    const last = progress.at(-1)!;
    assert.equal(last.counts.queued + last.counts.reading, 0);
    assert.equal(last.etaSeconds, 0);
    assert.ok(progress.some((p) => p.filesPerSecond > 0 && p.etaSeconds !== null && p.etaSeconds > 0), 'a rate and time left are reported mid-run');
    assert.deepEqual(verifyAuditChain(store).ok, true);
  });

  test('the same photo twice is a duplicate: reported with the original, not read again', async () => {
    const { store, dir, intake, reads } = setup();
    const photo = fakePhotoBytes({ id: 'p', pages: [kwkPage(2)] });
    const folder = writeFolder(dir, { [`${TPS[0]}_hal2.jpg`]: photo, [`salinan/${TPS[0]}_hal2.jpg`]: photo });
    const first = await intake.enqueueFolder(folder, { electionId: BUPATI });
    assert.ok(first.ok);
    await intake.run({ workers: 2 }).done;
    const items = rows(store, 'SELECT name, state, duplicate_of, message FROM import_item ORDER BY seq');
    assert.deepEqual(items.map((i) => i.state).sort(), ['done', 'duplicate']);
    const dup = items.find((i) => i.state === 'duplicate')!;
    const orig = items.find((i) => i.state === 'done')!;
    assert.match(String(dup.message), new RegExp(`Sama persis dengan berkas "${String(orig.name).replace(/[/.]/g, '\\$&')}"`));
    assert.equal(reads.length, 1);

    // dropped again later (another folder, another batch)
    const again = writeFolder(dir, { 'lagi.jpg': photo });
    const second = await intake.enqueueFolder(again, { electionId: BUPATI });
    assert.ok(second.ok && second.batchId !== first.batchId);
    await intake.run({ workers: 1 }).done;
    assert.equal(one(store, `SELECT state FROM import_item WHERE name = 'lagi.jpg'`), 'duplicate');
    assert.equal(reads.length, 1, 'never read twice');
    assert.equal(one(store, 'SELECT count(*) FROM sheet'), 1);
    assert.equal(one(store, 'SELECT count(*) FROM blob'), 1, 'stored once');
  });

  test('a page filed under one TPS whose name says another is flagged, not merged; the operator resolves it', async () => {
    const { store, dir, intake } = setup();
    const folder = writeFolder(dir, {
      [`${TPS[1]}_hal2.jpg`]: fakePhotoBytes({ id: 'wrong', pages: [kwkPage(2, 7)] }),
    });
    const q = await intake.enqueueFolder(folder, { electionId: BUPATI, filedTps: TPS[0] });
    assert.ok(q.ok);
    await intake.run({ workers: 1 }).done;
    const sheet = store.db.prepare('SELECT s.id, s.tps_code, s.election_id, si.problem, si.problem_detail, si.claims FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id')
      .get() as { id: number; tps_code: string | null; election_id: number | null; problem: string; problem_detail: string; claims: string };
    assert.equal(sheet.problem, 'identity_conflict');
    assert.equal(sheet.tps_code, null, 'not attached to either TPS');
    assert.match(sheet.problem_detail, new RegExp(`pilihan operator menyebut TPS ${TPS[0]}, nama berkas menyebut TPS ${TPS[1]}`));
    assert.deepEqual(JSON.parse(sheet.claims), [{ source: 'operator', tps: TPS[0] }, { source: 'file_name', tps: TPS[1], halaman: 2 }]);
    assert.equal(one(store, 'SELECT count(*) FROM tally_value'), 0, 'no numbers merged');
    assert.equal(one(store, 'SELECT count(*) FROM tps_status'), 0);
    assert.equal(one(store, `SELECT state FROM import_item`), 'done', 'the file itself is done: nothing lost');

    const resolved = intake.attachSheet({ sheetId: sheet.id, tpsCode: TPS[1], electionId: BUPATI, actor: 'Operator PPK', reason: 'sesuai foto' });
    assert.ok(resolved.ok);
    assert.deepEqual(resolved.status, { status: 'received', reason: 'halaman 1 dari 2 belum ada' });
    assert.equal(one(store, 'SELECT problem FROM sheet_intake WHERE sheet_id = ?', sheet.id), null);
    assert.equal(one(store, `SELECT value FROM tally_value WHERE tps_code = ? AND field_id = 'IV.1'`, TPS[1]), 47);
    const audit = rows(store, `SELECT action, actor FROM audit_log WHERE entity = ? ORDER BY id`, `tps:${TPS[1]}`);
    assert.deepEqual(audit.map((a) => a.action), ['sheet.attach', 'tally.machine', 'tps.status']);
    assert.equal(audit[0]!.actor, 'Operator PPK');

    // moving it on takes its machine values along
    const moved = intake.attachSheet({ sheetId: sheet.id, tpsCode: TPS[2], electionId: BUPATI, actor: 'Operator PPK' });
    assert.ok(moved.ok);
    assert.equal(one(store, 'SELECT count(*) FROM tally_value WHERE tps_code = ?', TPS[1]), 0);
    assert.equal(one(store, 'SELECT status FROM tps_status WHERE tps_code = ?', TPS[1]), 'no_chasil');
    assert.ok(verifyAuditChain(store).ok);
  });

  test('identity from the page itself, the race and the form: conflicts, unknown TPS, no TPS, race to choose', async () => {
    const { store, dir, intake } = setup();
    const folder = writeFolder(dir, {
      // the QR says TPS 2, the name TPS 1
      [`${TPS[0]}_hal2.jpg`]: fakePhotoBytes({ id: 'qr', pages: [{ ...kwkPage(2), identity: { source: 'qr', tpsCode: TPS[1], jenis: 'bupati', halaman: 2 } }] }),
      // a 4-paslon form for a 3-paslon race
      [`${TPS[2]}_hal2.jpg`]: fakePhotoBytes({ id: 'four', pages: [{ template: 'pleno-kwk-4paslon-hal2', fields: { 'IV.1': 1 } }] }),
      // a TPS the master data does not have
      ['3506012001999_hal2.jpg']: fakePhotoBytes({ id: 'unknown', pages: [kwkPage(2)] }),
      // no code in the name
      ['IMG_0001.jpg']: fakePhotoBytes({ id: 'noname', pages: [kwkPage(2)] }),
      // the QR names the race: gubernur, though the batch is for bupati
      [`${TPS[3]}_hal1.jpg`]: fakePhotoBytes({ id: 'race', pages: [{ ...kwkPage(1), identity: { source: 'qr', tpsCode: TPS[3], jenis: 'gubernur' } }] }),
    });
    await intake.enqueueFolder(folder, { electionId: BUPATI });
    await intake.run({ workers: 2 }).done;
    const problems = Object.fromEntries(
      rows(store, 'SELECT s.source_name AS name, si.problem, si.problem_detail AS detail FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id')
        .map((r) => [r.name, [r.problem, r.detail]]),
    );
    assert.equal(problems[`${TPS[0]}_hal2.jpg`][0], 'identity_conflict');
    assert.match(problems[`${TPS[0]}_hal2.jpg`][1], new RegExp(`kode QR pada halaman menyebut TPS ${TPS[1]}, nama berkas menyebut TPS ${TPS[0]}`));
    assert.equal(problems[`${TPS[2]}_hal2.jpg`][0], 'identity_conflict');
    assert.match(problems[`${TPS[2]}_hal2.jpg`][1], /4 kolom suara paslon.*3 paslon/);
    assert.equal(problems['3506012001999_hal2.jpg'][0], 'unknown_tps');
    assert.equal(problems['IMG_0001.jpg'][0], 'no_tps');
    assert.equal(problems[`${TPS[3]}_hal1.jpg`][0], 'identity_conflict');
    assert.match(problems[`${TPS[3]}_hal1.jpg`][1], /untuk pemilihan gubernur/);
    assert.equal(one(store, 'SELECT count(*) FROM tally_value'), 0);
    // the batch report lists each flagged page with its reason
    const report = batchReport(store, 1)!;
    assert.deepEqual(report.attention.map((a) => a.kind).sort(), ['identity_conflict', 'identity_conflict', 'identity_conflict', 'no_tps', 'unknown_tps']);
    assert.equal(report.pages, 5);
    assert.ok(report.attention.every((a) => a.message.length > 20));

    // without a race chosen, a TPS with two races needs the operator; a QR naming the race settles it
    const other = writeFolder(dir, {
      [`${TPS[4]}_hal1.jpg`]: fakePhotoBytes({ id: 'norace', pages: [kwkPage(1)] }),
      [`${TPS[4]}_hal2.jpg`]: fakePhotoBytes({ id: 'qrrace', pages: [{ ...kwkPage(2), identity: { source: 'qr', tpsCode: TPS[4], jenis: 'gubernur' } }] }),
    });
    await intake.enqueueFolder(other);
    await intake.run({ workers: 1 }).done;
    const byName = (name: string) => store.db.prepare(`SELECT s.tps_code, s.election_id, s.attached_by, si.problem FROM sheet s JOIN sheet_intake si ON si.sheet_id = s.id WHERE s.source_name = ?`).get(name);
    assert.deepEqual(byName(`${TPS[4]}_hal1.jpg`), { tps_code: TPS[4], election_id: null, attached_by: 'file_name', problem: 'race_unknown' });
    assert.deepEqual(byName(`${TPS[4]}_hal2.jpg`), { tps_code: TPS[4], election_id: 1, attached_by: 'qr', problem: null });
  });

  test('a photo that is not a C.Hasil withholds its TPS automatically, with the reason and an audit entry', async () => {
    const { store, dir, intake } = setup();
    const folder = writeFolder(dir, {
      [`${TPS[0]}_hal1.jpg`]: fakePhotoBytes({ id: 'a', pages: [kwkPage(1)] }),
      [`${TPS[0]}_hal2.jpg`]: fakePhotoBytes({ id: 'b', pages: [{ verdict: 'not_a_form', reason: 'Bukan formulir C.Hasil: tidak ada penanda.' }] }),
    });
    await intake.enqueueFolder(folder, { electionId: BUPATI });
    await intake.run({ workers: 1 }).done;
    const status = store.db.prepare('SELECT status, reason FROM tps_status WHERE tps_code = ?').get(TPS[0]) as { status: string; reason: string };
    assert.equal(status.status, 'withheld');
    assert.equal(status.reason, `Bukan formulir C.Hasil: tidak ada penanda (berkas ${TPS[0]}_hal2.jpg).`);
    assert.equal(one(store, 'SELECT status FROM tps WHERE code = ?', TPS[0]), 'withheld', 'the combined status follows');
    const sheet = store.db.prepare(`SELECT withheld, withheld_reason, verdict FROM sheet WHERE source_name = ?`).get(`${TPS[0]}_hal2.jpg`);
    assert.deepEqual(sheet, { withheld: 1, withheld_reason: status.reason, verdict: 'not_a_form' });
    const audit = store.db.prepare(`SELECT actor, reason FROM audit_log WHERE action = 'sheet.withhold'`).get();
    assert.deepEqual(audit, { actor: 'sistem', reason: status.reason });
  });

  test('PDF pages become sheets with their page number; a page that fails is named, an empty PDF fails', async () => {
    const { store, dir, intake } = setup();
    const folder = writeFolder(dir, {
      [`${TPS[0]}.pdf`]: fakePhotoBytes({ id: 'pdf', pages: [kwkPage(1), kwkPage(2)] }),
      [`${TPS[1]}.pdf`]: fakePhotoBytes({ id: 'half', pages: [kwkPage(1), { error: 'Berkas rusak atau tidak lengkap sehingga gambarnya tidak dapat dibaca.' }] }),
      [`${TPS[2]}.pdf`]: fakePhotoBytes({ id: 'none', pages: [] }),
    });
    await intake.enqueueFolder(folder, { electionId: BUPATI });
    await intake.run({ workers: 1 }).done;
    assert.deepEqual(rows(store, 'SELECT blob_page, halaman, tps_code FROM sheet WHERE source_name = ? ORDER BY blob_page', `${TPS[0]}.pdf`),
      [{ blob_page: 1, halaman: 1, tps_code: TPS[0] }, { blob_page: 2, halaman: 2, tps_code: TPS[0] }]);
    assert.equal(one(store, 'SELECT status FROM tps_status WHERE tps_code = ?', TPS[0]), 'needs_review');
    const half = store.db.prepare('SELECT state, pages, message FROM import_item WHERE name = ?').get(`${TPS[1]}.pdf`);
    assert.deepEqual(half, { state: 'done', pages: 1, message: 'halaman 2: Berkas rusak atau tidak lengkap sehingga gambarnya tidak dapat dibaca.' });
    const none = store.db.prepare('SELECT state, message, blob_sha256 IS NOT NULL AS kept FROM import_item WHERE name = ?').get(`${TPS[2]}.pdf`);
    assert.deepEqual(none, { state: 'failed', message: 'Berkas PDF ini tidak berisi halaman.', kept: 1 });
  });

  test('cancel mid-batch: unread files are cancelled (kept, listed), nothing half-done', async () => {
    const { store, dir, intake, reads } = setup({ delayMs: 15 });
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 60; i++) files[`f${i}.jpg`] = fakePhotoBytes({ id: `c${i}`, pages: [kwkPage(2, i)] });
    const q = await intake.enqueueFolder(writeFolder(dir, files), { electionId: BUPATI, filedTps: TPS[0] });
    assert.ok(q.ok);
    let cancelled = false;
    const handle = intake.run({
      workers: 2,
      onEvent: (e) => {
        if (!cancelled && e.kind === 'progress' && e.progress.counts.done >= 10) {
          cancelled = true;
          assert.ok(intake.cancel(q.batchId));
        }
      },
    });
    const summary = await handle.done;
    assert.equal(summary.counts.queued + summary.counts.reading, 0);
    assert.ok(summary.counts.cancelled > 30, `cancelled ${summary.counts.cancelled}`);
    assert.equal(summary.counts.done + summary.counts.cancelled, 60);
    assert.equal(one(store, 'SELECT state FROM import_batch WHERE id = ?', q.batchId), 'cancelled');
    assert.equal(one(store, 'SELECT count(*) FROM sheet'), summary.counts.done, 'a sheet for each done file, none for cancelled ones');
    assert.ok(reads.length <= summary.counts.done + 2);
  });

  test('pause and resume in one process: every file ends done once, none lost', async () => {
    const { store, dir, intake, reads } = setup({ delayMs: 10 });
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) files[`${TPS[i % 5]}_p${i}.jpg`] = fakePhotoBytes({ id: `r${i}`, pages: [kwkPage(2, i)] });
    const folder = writeFolder(dir, files);
    const q = await intake.enqueueFolder(folder, { electionId: BUPATI, pattern: null });
    assert.ok(q.ok);
    const pause = new AbortController();
    const first = await intake.run({
      workers: 2, signal: pause.signal,
      onEvent: (e) => { if (e.kind === 'progress' && e.progress.counts.done >= 12) pause.abort(); },
    }).done;
    assert.equal(first.paused, true);
    assert.equal(first.counts.reading, 0, 'in-flight files went back to the queue');
    assert.ok(first.counts.queued > 0);
    assert.equal(one(store, `SELECT state FROM import_batch WHERE id = ?`, q.batchId), 'open');
    // running the same folder again resumes the same batch and adds nothing
    const again = await intake.enqueueFolder(folder, { electionId: BUPATI, pattern: null });
    assert.ok(again.ok);
    assert.deepEqual([again.batchId, again.added, again.resumed], [q.batchId, 0, true]);
    const second = await intake.run({ workers: 2 }).done;
    assert.equal(second.counts.done, 40);
    assert.equal(one(store, 'SELECT count(*) FROM sheet'), 40);
    assert.equal(one(store, 'SELECT count(*) FROM reading'), 40);
    // files aborted mid-read are read again (their result was never stored); finished ones never
    assert.ok(reads.length >= 40 && reads.length <= 42, `reads ${reads.length}`);
    assert.equal(new Set(rows(store, 'SELECT blob_sha256 FROM sheet').map((r) => r.blob_sha256)).size, 40);
    assert.equal(one(store, 'SELECT max(attempts) FROM import_item'), 1, 'a pause does not count as an attempt');
  });

  test('items held by a dead runner go back to the queue; a file that keeps killing the reader is given up', async () => {
    const { store, dir, intake } = setup();
    const folder = writeFolder(dir, {
      [`${TPS[0]}_hal2.jpg`]: fakePhotoBytes({ id: 'x', pages: [kwkPage(2)] }),
      [`${TPS[1]}_hal2.jpg`]: fakePhotoBytes({ id: 'y', pages: [kwkPage(2)] }),
    });
    const q = await intake.enqueueFolder(folder, { electionId: BUPATI });
    assert.ok(q.ok);
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    store.db.prepare(`INSERT INTO import_runner (id, host, pid, started_at, heartbeat_ms) VALUES ('ghost', ?, ?, '2024-11-27T00:00:00Z', ?)`)
      .run((await import('node:os')).hostname(), deadPid, Date.now());
    store.db.prepare(`UPDATE import_item SET state = 'reading', runner = 'ghost', attempts = 1 WHERE name = ?`).run(`${TPS[0]}_hal2.jpg`);
    store.db.prepare(`UPDATE import_item SET attempts = 3 WHERE name = ?`).run(`${TPS[1]}_hal2.jpg`);
    const summary = await intake.run({ workers: 1 }).done;
    assert.equal(summary.recovered, 1);
    const states = Object.fromEntries(rows(store, 'SELECT name, state, message FROM import_item').map((r) => [r.name, [r.state, r.message]]));
    assert.equal(states[`${TPS[0]}_hal2.jpg`][0], 'done');
    assert.equal(states[`${TPS[1]}_hal2.jpg`][0], 'failed');
    assert.match(states[`${TPS[1]}_hal2.jpg`][1], /terhenti 3 kali/);
    assert.equal(one(store, 'SELECT count(*) FROM import_runner'), 0);
  });

  test('machine values never overwrite a person\'s, and a verified TPS is left alone', async () => {
    const { store, dir, intake } = setup();
    // a number a person typed (as the review screen will write it: audited, source 'operator')
    const entry = appendAudit(store, { actor: 'Operator PPK', device: 'laptop', action: 'tally.set', entity: `tps:${TPS[0]}` });
    store.db.prepare(`INSERT INTO tally_value (election_id, tps_code, field_id, value, source, audit_id, updated_at) VALUES (?, ?, 'IV.1', 111, 'operator', ?, 'now')`)
      .run(BUPATI, TPS[0], entry.id);
    store.db.prepare(`INSERT INTO tps_status (tps_code, election_id, status, updated_at) VALUES (?, ?, 'verified', 'now')`).run(TPS[1], BUPATI);
    await intake.enqueueFolder(writeFolder(dir, {
      [`${TPS[0]}_hal2.jpg`]: fakePhotoBytes({ id: 'o', pages: [kwkPage(2)] }),
      [`${TPS[1]}_hal2.jpg`]: fakePhotoBytes({ id: 'v', pages: [kwkPage(2)] }),
    }), { electionId: BUPATI });
    await intake.run({ workers: 1 }).done;
    assert.deepEqual(store.db.prepare(`SELECT value, source FROM tally_value WHERE tps_code = ? AND field_id = 'IV.1'`).get(TPS[0]), { value: 111, source: 'operator' });
    assert.equal(one(store, `SELECT value FROM tally_value WHERE tps_code = ? AND field_id = 'IV.2'`, TPS[0]), 31);
    assert.equal(one(store, 'SELECT count(*) FROM tally_value WHERE tps_code = ?', TPS[1]), 0);
    assert.equal(one(store, 'SELECT status FROM tps_status WHERE tps_code = ?', TPS[1]), 'verified');
  });

  test('refusals are values: bad pattern, unknown race or TPS, empty folder', async () => {
    const { dir, intake } = setup();
    const folder = writeFolder(dir, { 'a.jpg': 'x' });
    const bad = async (p: Promise<{ ok: boolean; message?: string }>, re: RegExp) => {
      const r = await p;
      assert.equal(r.ok, false);
      assert.match(r.message!, re);
    };
    await bad(intake.enqueueFolder(folder, { pattern: '{hal}' }), /pola nama berkas tidak sah/);
    await bad(intake.enqueueFolder(folder, { electionId: 99 }), /pemilihan #99 tidak ditemukan/);
    await bad(intake.enqueueFolder(folder, { filedTps: '3506012001999' }), /tidak ada di data induk/);
    fs.mkdirSync(path.join(dir, 'kosong'));
    fs.writeFileSync(path.join(dir, 'kosong', 'catatan.txt'), 'x');
    await bad(intake.enqueueFolder(path.join(dir, 'kosong')), /tidak ada foto/);
    await bad(intake.enqueueFolder(path.join(dir, 'tidak-ada')), /folder tidak dapat dibaca/);
  });
});

describe('one background run for the app', () => {
  test('ensureRunning picks up batches enqueued while it runs; subscribers see every event', async () => {
    const { store, dir, intake } = setup({ delayMs: 5 });
    const events: IntakeEvent[] = [];
    const unsubscribe = intake.subscribe((e) => events.push(e));
    const files = (tag: string) => Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${TPS[i % 5]}_${tag}${i}.jpg`, fakePhotoBytes({ id: `${tag}${i}`, pages: [kwkPage(2, i)] })]));
    await intake.enqueueFolder(writeFolder(dir, files('a')), { electionId: BUPATI, pattern: null, filedTps: TPS[0] });
    const first = intake.ensureRunning({ workers: 2 });
    assert.equal(intake.isRunning(), true);
    await intake.enqueueFolder(writeFolder(dir, files('b')), { electionId: BUPATI, pattern: null, filedTps: TPS[1] });
    assert.equal(intake.ensureRunning({ workers: 2 }), first, 'the running run is reused');
    await first.done;
    while (intake.isRunning()) await new Promise((r) => setTimeout(r, 20));
    unsubscribe();
    assert.equal(one(store, `SELECT count(*) FROM import_item WHERE state = 'done'`), 16);
    assert.equal(events.filter((e) => e.kind === 'item').length, 16);
    assert.deepEqual(rows(store, 'SELECT state FROM import_batch').map((r) => r.state), ['finished', 'finished']);
  });
});

describe('runner leases', () => {
  test('only the items of runners that are gone go back to the queue', async () => {
    const { requeueOrphans, STALE_AFTER_MS } = await import('../../main/intake/runner-lease.ts');
    const os = await import('node:os');
    const { store, dir, intake } = setup();
    const q = await intake.enqueueFolder(writeFolder(dir, Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`${n}.jpg`, n]))), { pattern: null });
    assert.ok(q.ok);
    const now = Date.now();
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const runner = store.db.prepare(`INSERT INTO import_runner (id, host, pid, started_at, heartbeat_ms) VALUES (?, ?, ?, 'x', ?)`);
    runner.run('alive-here', os.hostname(), process.pid, now - 5 * 60_000); // this process: alive, even with an old heartbeat
    runner.run('dead-here', os.hostname(), deadPid, now);
    runner.run('fresh-elsewhere', 'laptop-lain', 1, now - 1000);
    runner.run('stale-elsewhere', 'laptop-lain', 2, now - STALE_AFTER_MS - 1000);
    const hold = store.db.prepare(`UPDATE import_item SET state = 'reading', runner = ? WHERE name = ?`);
    hold.run('alive-here', 'a.jpg');
    hold.run('dead-here', 'b.jpg');
    hold.run('fresh-elsewhere', 'c.jpg');
    hold.run('stale-elsewhere', 'd.jpg');
    assert.equal(requeueOrphans(store), 2);
    assert.deepEqual(rows(store, 'SELECT name, state FROM import_item ORDER BY name').map((r) => `${r.name}:${r.state}`),
      ['a.jpg:reading', 'b.jpg:queued', 'c.jpg:reading', 'd.jpg:queued']);
    assert.deepEqual(rows(store, 'SELECT id FROM import_runner ORDER BY id').map((r) => r.id), ['alive-here', 'fresh-elsewhere']);
  });
});
