/**
 * `pleno read` as a user runs it (a real process): files that cannot be used get their own `error` object,
 * the others are still read, and the exit code is non-zero only when every file failed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin', 'pleno.mjs');

let tmp: string;

/** A PNG whose header claims width × height (checked before any pixel is decoded). */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const idat = zlib.deflateSync(Buffer.alloc(width + 1)); // one row only: the rest is missing
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-read-cli-'));
  fs.writeFileSync(path.join(tmp, 'kosong.jpg'), Buffer.alloc(0));
  fs.writeFileSync(path.join(tmp, 'catatan.txt'), 'bukan gambar\n');
  fs.writeFileSync(path.join(tmp, 'raksasa.png'), pngHeaderOnly(12_000, 9_000));
  const landscape = await generateNonFormPhoto({ seed: 'cli-read', kind: 'landscape', megapixels: 2 });
  fs.writeFileSync(path.join(tmp, 'pemandangan.jpg'), landscape.jpeg);
  // A JPEG cut off after its first 4 KB: the header is fine, the pixels are not there.
  fs.writeFileSync(path.join(tmp, 'terpotong.jpg'), landscape.jpeg.subarray(0, 4096));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function pleno(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PLENO_'))) as Record<string, string>;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, env: { ...env, PLENO_DATA_DIR: path.join(tmp, 'data') }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Obj {
  file: string;
  template: string | null;
  verdict: string;
  error?: string;
  fields: Record<string, unknown>;
  checks: unknown[];
}

describe('pleno read', () => {
  test('--json: one object per file, errors per file, exit 0 while some file was usable', () => {
    const files = ['kosong.jpg', 'catatan.txt', 'raksasa.png', 'terpotong.jpg', 'tidak-ada.jpg', 'pemandangan.jpg'];
    const r = pleno(['read', ...files, '--json', '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Obj[];
    assert.deepEqual(out.map((o) => o.file), files, 'files reported as given, in order');
    const byFile = Object.fromEntries(out.map((o) => [o.file, o]));
    assert.match(byFile['kosong.jpg'].error ?? '', /kosong/i);
    assert.match(byFile['catatan.txt'].error ?? '', /tidak didukung/);
    assert.match(byFile['raksasa.png'].error ?? '', /terlalu besar: 108 MP/);
    assert.match(byFile['terpotong.jpg'].error ?? '', /rusak/);
    assert.match(byFile['tidak-ada.jpg'].error ?? '', /tidak ditemukan/);
    const landscape = byFile['pemandangan.jpg'];
    assert.equal(landscape.error, undefined);
    assert.equal(landscape.verdict, 'not_a_form');
    assert.equal(landscape.template, null);
    assert.deepEqual(landscape.fields, {});
  });

  test('every file failed: exit 1 with one Indonesian line on stderr, the JSON still printed', () => {
    const r = pleno(['read', 'kosong.jpg', 'catatan.txt', '--json']);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout) as Obj[]).length, 2);
    assert.equal(r.stderr.trim(), 'pleno: tidak ada berkas yang dapat dibaca');
  });

  test('without --json: a readable report per file', () => {
    const r = pleno(['read', 'raksasa.png', 'pemandangan.jpg', '--workers', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /raksasa\.png\n {2}GAGAL: Gambar terlalu besar/);
    assert.match(r.stdout, /pemandangan\.jpg\n {2}formulir tidak dikenal — BUKAN FORMULIR C\.HASIL/);
  });

  test('usage errors exit 2', () => {
    assert.equal(pleno(['read']).code, 2);
    const bad = pleno(['read', 'x.jpg', '--workers', 'nol']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--workers harus bilangan bulat/);
  });
});
