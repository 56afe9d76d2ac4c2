import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppStore } from '../../main/bootstrap.ts';
import { runCli } from '../../main/cli/run.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin', 'pleno.mjs');
const TPS = '3506012001001';

let tmp: string;
let db: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-print-form-'));
  db = path.join(tmp, 'pleno.db');
  openAppStore({ dbPath: db, seedDemo: true }).store.close();
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function env(): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PLENO_'))) as Record<string, string>;
  return { ...clean, PLENO_DATA_DIR: path.join(tmp, 'data') };
}

async function inProcess(args: string[]) {
  let stderr = '';
  const chunks: Uint8Array[] = [];
  const io = {
    stdout: () => assert.fail('text on stdout'),
    stderr: (t: string) => void (stderr += t),
    stdoutBytes: (b: Uint8Array) => void chunks.push(b),
    env: env(),
    cwd: tmp,
  };
  const code = await runCli(args, io);
  return { code, stderr, bytes: Buffer.concat(chunks) };
}

/** Opens the PDF with pdfjs: page count and the text of every page. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const text: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text };
}

describe('pleno print-form', () => {
  test('as a process: PDF on stdout, 2 pages, the TPS, its regions and the paslon filled in', async () => {
    const r = spawnSync(process.execPath, [bin, 'print-form', '--tps', TPS, '--race', 'bupati', '--db', db], { cwd: tmp, env: env(), timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr.toString());
    assert.equal(r.stdout.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdf = await readPdf(r.stdout);
    assert.equal(pdf.pages, 2);
    assert.match(pdf.text[0]!, /SEMEN/);
    assert.match(pdf.text[0]!, /KEDIRI/);
    assert.match(pdf.text[0]!, new RegExp(TPS));
    assert.match(pdf.text.join(' '), /BAGUS\s+WICAKSANA/);
  });

  test('--out writes a file; the gubernur race of the same TPS works too', async () => {
    const out = await inProcess(['print-form', '--tps', TPS, '--race', 'gubernur', '--db', db, '--out', 'gub.pdf']);
    assert.equal(out.code, 0, out.stderr);
    const bytes = fs.readFileSync(path.join(tmp, 'gub.pdf'));
    const pdf = await readPdf(bytes);
    assert.equal(pdf.pages, 2);
    assert.match(pdf.text.join(' '), /GUBERNUR/);
    const piped = await inProcess(['print-form', '--tps', TPS, '--race', 'bupati', '--db', db]);
    assert.equal(piped.code, 0);
    assert.equal(piped.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  });

  test('unknown TPS, race or missing options: one line, no PDF', async () => {
    const cases: [string[], RegExp, number][] = [
      [['--tps', '3506012001999', '--race', 'bupati'], /TPS tidak ditemukan: 3506012001999/, 1],
      [['--tps', TPS, '--race', 'walikota'], /tidak ada pemilihan walikota untuk TPS/, 1],
      [['--tps', TPS, '--race', 'presiden'], /--race tidak dikenal: presiden/, 2],
      [['--tps', '350601', '--race', 'bupati'], /--tps tidak sah/, 2],
      [['--race', 'bupati'], /--tps wajib/, 2],
      [['--tps', TPS], /--race wajib/, 2],
    ];
    for (const [args, pattern, exit] of cases) {
      const r = await inProcess(['print-form', ...args, '--db', db]);
      assert.equal(r.code, exit, args.join(' '));
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^pleno: /);
      assert.match(lines[0]!, pattern);
      assert.equal(r.bytes.length, 0);
    }
    const noDb = await inProcess(['print-form', '--tps', TPS, '--race', 'bupati', '--db', path.join(tmp, 'tidak-ada.db')]);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /basis data tidak ditemukan/);
  });
});
