/**
 * Decoding input files into upright gray pages: formats by magic bytes, EXIF orientation, shrink-on-load
 * sizes, PDF pages (rendered and embedded scans), and every way a file can be unusable — each an error
 * value with an Indonesian message, found before any large allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeInput, openInput, PREVIEW_SIZE, WORKING_SIZE } from '../../main/recognition/decode/index.ts';
import { orientGray } from '../../main/recognition/decode/orient.ts';
import { emptyPdf, hugeHeaderPng, markedImage, meanOf, scannedPdf, vectorPdf } from './decode-support.ts';

const OFFICIAL_PDF = new URL('../../../shared/forms/C.HASIL-PPWP-2024.pdf', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pleno-decode-'));

async function decodeOne(input: string | Uint8Array, opts = {}) {
  const r = await decodeInput(input, opts);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

test('JPEG with EXIF orientation 6 comes out upright (turned 90° clockwise)', async () => {
  // Stored 400×300 with the block top-left; a viewer turns it clockwise: 300×400, block top-right.
  const jpeg = await sharp(await markedImage(400, 300)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
  const [page] = await decodeOne(jpeg);
  assert.equal(page.gray.width, 300);
  assert.equal(page.gray.height, 400);
  assert.equal(page.originalWidth, 300);
  assert.ok(meanOf(page.gray, 0.75, 0.05, 0.95, 0.25) < 60, 'block top-right');
  assert.ok(meanOf(page.gray, 0.05, 0.05, 0.25, 0.25) > 200, 'top-left is paper');
});

test('every EXIF orientation matches sharp’s own auto-orient', async () => {
  const w = 37;
  const h = 23;
  const data = new Uint8Array(w * h).map((_, i) => (i * 7919) % 251);
  for (let o = 1; o <= 8; o++) {
    const ours = orientGray({ width: w, height: h, data }, o);
    const jpegless = await sharp(Buffer.from(data), { raw: { width: w, height: h, channels: 1 } })
      .png()
      .withMetadata({ orientation: o })
      .toBuffer();
    const theirs = await sharp(jpegless).rotate().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    assert.equal(ours.width, theirs.info.width, `orientation ${o}`);
    assert.deepEqual(Buffer.from(ours.data), theirs.data, `orientation ${o}`);
  }
});

test('PNG with transparency: transparent is paper, ink stays ink', async () => {
  const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: { create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
  const file = join(dir, 'transparan.png');
  writeFileSync(file, png);
  const [page] = await decodeOne(file);
  assert.equal(page.origin, 'image');
  assert.equal(page.gray.width, 200);
  assert.ok(meanOf(page.gray, 0, 0, 0.25, 0.5) < 10);
  assert.ok(meanOf(page.gray, 0.5, 0.5, 1, 1) > 245);
});

test('16-bit grey PNG decodes to 8-bit gray', async () => {
  const png = await sharp(await markedImage(120, 80)).toColourspace('grey16').png().toBuffer();
  const [page] = await decodeOne(png);
  assert.equal(page.gray.data.length, 120 * 80);
  assert.ok(meanOf(page.gray, 0.07, 0.07, 0.3, 0.3) < 40);
});

test('a 12 MP JPEG comes out at 1/2 (working) and 1/4 (preview) of its size', async () => {
  const jpeg = await sharp(await markedImage(4000, 3000)).jpeg({ quality: 80 }).toBuffer();
  const opened = await openInput(jpeg);
  assert.ok(opened.ok);
  const [source] = opened.value.pages;
  assert.deepEqual([source.width, source.height], [4000, 3000]);
  const work = await source.load(WORKING_SIZE);
  const preview = await source.load(PREVIEW_SIZE);
  assert.ok(work.ok && preview.ok);
  assert.deepEqual([work.value.width, work.value.height], [2000, 1500]);
  assert.deepEqual([preview.value.width, preview.value.height], [1000, 750]);
  await opened.value.close();
});

test('a preview asked first is its own small decode (a photo of something else never pays the full decode); working after it is whole', async () => {
  const jpeg = await sharp(await markedImage(4000, 3000)).jpeg({ quality: 80 }).toBuffer();
  const opened = await openInput(jpeg);
  assert.ok(opened.ok);
  const [source] = opened.value.pages;
  const preview = await source.load(PREVIEW_SIZE);
  const work = await source.load(WORKING_SIZE);
  assert.ok(work.ok && preview.ok);
  assert.deepEqual([preview.value.width, preview.value.height], [1000, 750]);
  assert.deepEqual([work.value.width, work.value.height], [2000, 1500]);
  // the two decodes show the same picture: the dark block top-left, paper elsewhere
  for (const img of [preview.value, work.value]) {
    assert.ok(meanOf(img, 0.05, 0.05, 0.25, 0.25) < 60, 'block top-left');
    assert.ok(meanOf(img, 0.75, 0.75, 0.95, 0.95) > 200, 'paper bottom-right');
  }
  await opened.value.close();
});

test('official C.HASIL-PPWP PDF: 3 pages of plano proportions, rendered upright with the tag in ink', async () => {
  const opened = await openInput(OFFICIAL_PDF, { working: { min: 700, max: 900 } });
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  const { pages } = opened.value;
  assert.deepEqual(pages.map((p) => p.pageNumber), [1, 2, 3]);
  for (const p of pages) assert.ok(Math.abs(p.width / p.height - 600 / 900) < 0.01);
  // Rendering is the slow part (pdf.js): one page is enough to show it works.
  const loaded = await pages[2].load({ min: 700, max: 900 });
  assert.ok(loaded.ok);
  const g = loaded.value;
  assert.equal(pages[2].origin, 'pdf-rendered');
  assert.ok(Math.max(g.width, g.height) <= 900 && Math.max(g.width, g.height) >= 890);
  // The page tag sits near the top-right: a dark patch.
  let darkest = 255;
  for (let y = Math.round(g.height * 0.08); y < g.height * 0.2; y++) {
    for (let x = Math.round(g.width * 0.78); x < g.width * 0.92; x++) darkest = Math.min(darkest, g.data[y * g.width + x]);
  }
  assert.ok(darkest < 60, 'tag ink');
  await opened.value.close();
});

test('a scanned PDF page yields its embedded image at native resolution', async () => {
  const scan = await sharp(await markedImage(620, 877)).jpeg({ quality: 92 }).toBuffer();
  const pdf = await scannedPdf(scan, 595.28, 841.89);
  const [page] = await decodeOne(pdf, { working: { min: 2000, max: 3300 } });
  assert.equal(page.origin, 'pdf-embedded-image');
  assert.deepEqual([page.gray.width, page.gray.height], [620, 877]);
  assert.ok(meanOf(page.gray, 0.07, 0.07, 0.3, 0.3) < 40, 'the block is top-left');
});

test('a vector PDF page is rendered, and each page of a multi-page PDF is its own page', async () => {
  const pages = await decodeOne(await vectorPdf(2), { working: { min: 800, max: 1000 } });
  assert.equal(pages.length, 2);
  assert.equal(pages[1].origin, 'pdf-rendered');
  assert.ok(meanOf(pages[0].gray, 0.08, 0.06, 0.15, 0.1) < 40, 'black square top-left');
});

test('unusable files are error values with Indonesian messages', async () => {
  const cases: { name: string; input: string | Uint8Array; code: string; message: RegExp }[] = [
    { name: '0 byte', input: new Uint8Array(0), code: 'empty', message: /kosong/ },
    { name: 'text named .jpg', input: writeTemp('catatan.jpg', 'Ini bukan foto, hanya catatan.\n'), code: 'unsupported', message: /teks/ },
    { name: 'missing file', input: join(dir, 'tidak-ada.jpg'), code: 'not_found', message: /tidak ditemukan/ },
    { name: 'HEIC', input: heicHeader(), code: 'unsupported', message: /HEIC/ },
    { name: 'PDF without pages', input: emptyPdf(), code: 'pdf_no_pages', message: /tidak berisi halaman/ },
    { name: 'garbage after a PDF header', input: Buffer.from('%PDF-1.7\n' + 'x'.repeat(500)), code: 'corrupt', message: /rusak/ },
  ];
  for (const c of cases) {
    const r = await decodeInput(c.input);
    assert.equal(r.ok, false, c.name);
    if (r.ok) continue;
    assert.equal(r.error.code, c.code, c.name);
    assert.match(r.error.message, c.message, c.name);
  }
});

test('corrupt and truncated JPEGs are refused when their pixels are decoded', async () => {
  const jpeg = await sharp(await markedImage(800, 600)).jpeg({ quality: 90 }).toBuffer();
  const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
  const scrambled = Buffer.concat([jpeg.subarray(0, 600), Buffer.alloc(jpeg.length - 600, 0x5a)]);
  for (const [name, bytes] of [['terpotong', truncated], ['acak', scrambled]] as const) {
    const r = await decodeInput(bytes);
    assert.equal(r.ok, false, name);
    if (!r.ok) {
      assert.equal(r.error.code, 'corrupt', name);
      assert.match(r.error.message, /rusak atau tidak lengkap/);
    }
  }
});

test('a PNG claiming 200 MP is refused from its header, fast, without allocating the pixels', async () => {
  for (const png of [hugeHeaderPng(20_000, 10_000), hugeHeaderPng(20_000, 10_000, 16)]) {
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await decodeInput(png);
    const ms = performance.now() - t0;
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, 'too_large');
      assert.match(r.error.message, /200 MP .*20000×10000.*batasnya 100 MP/);
    }
    assert.ok(ms < 200, `${ms.toFixed(0)} ms`);
    assert.ok(process.memoryUsage().rss - rss0 < 100e6, 'no 200 MP buffer');
  }
  // A 120 MP JPEG header is caught the same way (the SOF segment is read without libjpeg).
  const jpeg = await sharp(await markedImage(64, 48)).jpeg().toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(9000, sof + 5);
  jpeg.writeUInt16BE(13_400, sof + 7);
  const big = await decodeInput(jpeg);
  assert.ok(!big.ok && big.error.code === 'too_large');
  // The limit is a parameter.
  const small = await decodeInput(await markedImage(300, 200), { maxMegapixels: 0.05 });
  assert.equal(small.ok, false);
});

test('a password-protected PDF is refused as such', async () => {
  const scan = await sharp(await markedImage(100, 140)).jpeg().toBuffer();
  const r = await decodeInput(await scannedPdf(scan, 200, 280, 'rahasia'));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'pdf_encrypted');
    assert.match(r.error.message, /kata sandi/);
  }
});

function writeTemp(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function heicHeader(): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(24, 0);
  b.write('ftypheic', 4, 'ascii');
  return b;
}
