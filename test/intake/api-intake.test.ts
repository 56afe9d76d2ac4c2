/**
 * The import API over a real core (temp database, real blob store, the real recognition engine): uploads in
 * chunks — in order only, an empty file recorded as failed, the same bytes twice a duplicate — imports from
 * paths (files and folders mixed), the pushed events, and cancelling.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callMethod } from '../../main/api/call-method.ts';
import { startCore, type AppCore } from '../../main/bootstrap.ts';
import { ApiError, type EventPayload } from '../../shared/api/contract.ts';
import { UPLOAD_CHUNK_BYTES } from '../../shared/api/methods/intake.ts';

const BUPATI = 2;
let dir: string;
let core: AppCore;
const seen: EventPayload<'importProgress'>[] = [];
const call = <T>(name: string, input: unknown) => callMethod(core.api, name as never, input, 'operator') as Promise<T>;

type Item = { name: string; state: string; message: string | null; sheets: unknown[] };

async function untilSettled(batchId: number, timeoutMs = 60_000): Promise<Item[]> {
  const start = Date.now();
  for (;;) {
    const { items } = await call<{ items: Item[] }>('listImportItems', { batchId });
    if (items.length > 0 && items.every((i) => i.state !== 'queued' && i.state !== 'reading')) return items;
    if (Date.now() - start > timeoutMs) assert.fail(`impor #${batchId} tidak selesai: ${JSON.stringify(items)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends a file as the import screen does: 512 KiB chunks of base64, in order. */
async function upload(batchId: number, name: string, bytes: Uint8Array) {
  let uploadId: string | null = null;
  let offset = 0;
  for (;;) {
    const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    type Answer = { kind: string; uploadId: string; received?: number; itemId?: number | null; message?: string };
    const answer: Answer = await call<Answer>('uploadImportChunk', {
      batchId, uploadId, name, size: bytes.byteLength, offset, data: Buffer.from(chunk).toString('base64'),
    });
    if (answer.kind !== 'partial') return answer;
    uploadId = answer.uploadId;
    offset = answer.received!;
  }
}

describe('import API', () => {
  before(() => {
    process.env.PLENO_IMPORT_WORKERS = '0';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-import-api-'));
    core = startCore({ dbPath: path.join(dir, 'pleno.db'), seedDemo: true, face: 'browser', validateOutputs: true });
    core.api.events.on('importProgress', (e) => seen.push(e));
  });
  after(() => {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.PLENO_IMPORT_WORKERS;
  });

  test('uploads: chunked, in order; empty, corrupt and duplicate files each say what they are', async () => {
    const { batchId } = await call<{ batchId: number }>('startUploadImport', { electionId: BUPATI });
    // a "JPEG" of 1.2 MB that is not one: three chunks, then the reader refuses it
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1_200_000)]);
    const first = await upload(batchId, '3506012001001_hal1.jpg', corrupt);
    assert.equal(first.kind, 'queued');
    // a chunk out of order changes nothing
    const refused = await call('uploadImportChunk', { batchId, uploadId: null, name: 'x.jpg', size: 10, offset: 5, data: 'AAAA' }).catch((e: unknown) => e);
    assert.ok(refused instanceof ApiError && refused.code === 'conflict', String(refused));
    const empty = await upload(batchId, 'kosong.jpg', new Uint8Array(0));
    assert.equal(empty.kind, 'rejected');
    assert.match(empty.message!, /kosong \(0 byte\)/);
    const again = await upload(batchId, 'salinan/3506012001001_hal1.jpg', corrupt);
    assert.equal(again.kind, 'queued');

    const items = await untilSettled(batchId);
    assert.deepEqual(items.map((i) => [i.name, i.state]), [
      ['3506012001001_hal1.jpg', 'failed'],
      ['kosong.jpg', 'failed'],
      ['salinan/3506012001001_hal1.jpg', 'duplicate'],
    ]);
    assert.match(items[2]!.message!, /Sama persis dengan berkas "3506012001001_hal1.jpg"/);
    // one stored copy of the bytes
    const status = await call<{ batches: { id: number; counts: { failed: number; duplicate: number; total: number } }[] }>('getImportStatus', {});
    const batch = status.batches.find((b) => b.id === batchId)!;
    assert.deepEqual([batch.counts.failed, batch.counts.duplicate, batch.counts.total], [2, 1, 3]);
    assert.equal(core.store.db.prepare('SELECT count(*) FROM blob').pluck().get(), 1);
    // the screen heard each file settle
    assert.ok(seen.some((e) => e.kind === 'item' && e.item.name === 'salinan/3506012001001_hal1.jpg' && e.item.state === 'duplicate'));
    assert.ok(seen.some((e) => e.kind === 'progress'));
    // the batch names who imported
    assert.equal((await call<{ batch: { actor: string } }>('listImportItems', { batchId })).batch.actor, core.api.accounts.actor());
  });

  test('paths: files and folders mixed; other files skipped; a cancelled import takes no more uploads', async () => {
    const folder = path.join(dir, 'kpps');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'sub', 'rusak.jpg'), Buffer.from('bukan jpeg'));
    fs.writeFileSync(path.join(folder, 'catatan.txt'), 'x');
    const loose = path.join(dir, 'kosong.pdf');
    fs.writeFileSync(loose, '');
    const started = await call<{ batchId: number; added: number; skipped: string[] }>('importPaths', { paths: [folder, loose], electionId: BUPATI });
    assert.equal(started.added, 1);
    assert.deepEqual(started.skipped, ['kpps/catatan.txt']);
    const items = await untilSettled(started.batchId);
    assert.deepEqual(items.map((i) => [i.name, i.state]), [['kpps/sub/rusak.jpg', 'failed'], ['kosong.pdf', 'failed']]);

    const { batchId } = await call<{ batchId: number }>('startUploadImport', {});
    assert.deepEqual(await call('cancelImport', { batchId }), { cancelled: true });
    const late = await upload(batchId, 'telat.jpg', Buffer.from('x')).catch((e: unknown) => e);
    assert.ok(late instanceof ApiError && late.code === 'conflict');
    await assert.rejects(call('importPaths', { paths: [path.join(dir, 'tidak-ada')] }), (e: ApiError) => e.code === 'invalid_input');
  });
});
