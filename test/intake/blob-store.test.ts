import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createBlobStore } from '../../main/intake/blob-store.ts';
import { sniffMime } from '../../main/intake/mime.ts';
import { tempDir } from './support/fixture.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('blob store', () => {
  test('a file is stored once under its sha256, read-only, with nothing left in tmp', async () => {
    const dir = tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a)]);
    const a = path.join(dir, 'a.jpg');
    const b = path.join(dir, 'copy of a.jpg');
    fs.writeFileSync(a, bytes);
    fs.writeFileSync(b, bytes);

    const first = await blobs.ingestFile(a);
    assert.ok(first.ok);
    assert.equal(first.blob.sha256, sha(bytes));
    assert.equal(first.blob.size, bytes.length);
    assert.equal(first.blob.mime, 'image/jpeg');
    assert.equal(first.blob.path, path.join(dir, 'blobs', first.blob.sha256.slice(0, 2), first.blob.sha256.slice(2)));
    assert.deepEqual(fs.readFileSync(first.blob.path), bytes);
    assert.equal(fs.statSync(first.blob.path).mode & 0o222, 0, 'stored blobs are read-only');

    const second = await blobs.ingestFile(b);
    assert.ok(second.ok);
    assert.equal(second.blob.path, first.blob.path);
    const stored = fs.readdirSync(path.join(dir, 'blobs', first.blob.sha256.slice(0, 2)));
    assert.deepEqual(stored, [first.blob.sha256.slice(2)]);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'blobs', 'tmp')), []);
    assert.ok(blobs.has(first.blob.sha256));
  });

  test('bytes handed over are stored the same way', async () => {
    const blobs = createBlobStore(path.join(tempDir(), 'blobs'));
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    const r = await blobs.ingestBytes(pdf);
    assert.ok(r.ok);
    assert.equal(r.blob.mime, 'application/pdf');
    assert.deepEqual(fs.readFileSync(blobs.pathOf(sha(pdf))), pdf);
    const again = await blobs.ingestBytes(pdf);
    assert.ok(again.ok && again.blob.path === r.blob.path);
  });

  test('empty, missing and non-files are values with Indonesian messages', async () => {
    const dir = tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    fs.writeFileSync(path.join(dir, 'kosong.jpg'), '');
    const empty = await blobs.ingestFile(path.join(dir, 'kosong.jpg'));
    assert.deepEqual(empty.ok ? null : [empty.code, /kosong \(0 byte\)/.test(empty.message)], ['empty', true]);
    const missing = await blobs.ingestFile(path.join(dir, 'tidak-ada.jpg'));
    assert.deepEqual(missing.ok ? null : [missing.code, /tidak ditemukan/.test(missing.message)], ['not_found', true]);
    const folder = await blobs.ingestFile(dir);
    assert.equal(folder.ok ? null : folder.code, 'not_a_file');
    const emptyBytes = await blobs.ingestBytes(new Uint8Array(0));
    assert.equal(emptyBytes.ok ? null : emptyBytes.code, 'empty');
  });

  test('a torn copy left by a crash does not stop the same file being stored', async () => {
    const dir = tempDir();
    const root = path.join(dir, 'blobs');
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n-some-png-bytes', 'latin1');
    const final = path.join(root, sha(bytes).slice(0, 2), sha(bytes).slice(2));
    fs.mkdirSync(path.dirname(final), { recursive: true });
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', 'dead.part'), bytes.subarray(0, 5)); // a crash mid-copy
    fs.writeFileSync(final, bytes.subarray(0, 7)); // a torn file where the blob belongs (not ours, but be safe)
    const src = path.join(dir, 'x.png');
    fs.writeFileSync(src, bytes);
    const r = await createBlobStore(root).ingestFile(src);
    assert.ok(r.ok);
    assert.equal(r.blob.mime, 'image/png');
    assert.deepEqual(fs.readFileSync(final), bytes, 'the wrong-sized file is replaced');
  });

  test('media types from the first bytes', () => {
    const b = (...x: number[]) => Uint8Array.from(x);
    assert.equal(sniffMime(b(0xff, 0xd8, 0xff, 0xdb)), 'image/jpeg');
    assert.equal(sniffMime(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffMime(b(0x49, 0x49, 0x2a, 0)), 'image/tiff');
    assert.equal(sniffMime(Buffer.from('\0\0\0\x18ftypheic')), 'image/heic');
    assert.equal(sniffMime(Buffer.from('hello')), 'application/octet-stream');
  });
});
