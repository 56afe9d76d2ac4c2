/**
 * libjpeg's scaled decode of a big JPEG file (LongSide.dctShrink): what registration asks for when a close
 * approximation of the box-averaged page will do. It must give the same picture at the same size and
 * upright, only when asked and only for a file it can name safely; everything else decodes as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openInput, PREVIEW_SIZE, WORKING_SIZE, type LongSide } from '../../main/recognition/decode/index.ts';
import { fileShrink } from '../../main/recognition/decode/raster.ts';
import type { GrayImage } from '../../main/recognition/gray-image.ts';
import { meanOf } from './decode-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'pleno-decode-scaled-'));
/** One 12 MP photo file shared by the tests that need no particular orientation. */
let twelve: Promise<string> | undefined;
const twelveMp = () => (twelve ??= photoFile('dua-belas.jpg', 4000, 3000));

/** Paper with a dark block top-left (as markedImage) and a fine texture, so any difference in decoding shows. */
async function photoFile(name: string, width: number, height: number, orientation = 1): Promise<string> {
  const px = Buffer.alloc(width * height * 3);
  const bx0 = Math.round(width / 16), bx1 = bx0 + Math.round(width / 4);
  const by0 = Math.round(height / 16), by1 = by0 + Math.round(height / 4);
  for (let y = 0, i = 0; y < height; y++) {
    const inY = y >= by0 && y < by1;
    for (let x = 0; x < width; x++, i += 3) {
      const v = (inY && x >= bx0 && x < bx1 ? 20 : 215) + ((x * 7 + y * 13) % 23);
      px[i] = v;
      px[i + 1] = v;
      px[i + 2] = v;
    }
  }
  let pipe = sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 });
  if (orientation !== 1) pipe = pipe.withMetadata({ orientation });
  const file = join(dir, name);
  writeFileSync(file, await pipe.toBuffer());
  return file;
}

async function loadFrom(input: string | Uint8Array, size: LongSide): Promise<GrayImage> {
  const opened = await openInput(input);
  assert.ok(opened.ok, opened.ok ? '' : opened.error.message);
  const r = await opened.value.pages[0].load(size);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

function meanAbsDiff(a: GrayImage, b: GrayImage): number {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
  return s / a.data.length;
}

test('fileShrink: the largest of 1/8, 1/4, 1/2 that keeps the working minimum; none for small images or bracketed paths', () => {
  assert.equal(fileShrink('/foto/a.jpg', 4000, 3000, WORKING_SIZE), 2);
  assert.equal(fileShrink('/foto/a.jpg', 2598, 4618, WORKING_SIZE), 2);
  assert.equal(fileShrink('/foto/a.jpg', 8000, 6000, WORKING_SIZE), 4);
  assert.equal(fileShrink('/foto/a.jpg', 16000, 12000, WORKING_SIZE), 8);
  // 1951 px at 1/2 would fall under the working minimum; 3264 px is decoded as it is.
  assert.equal(fileShrink('/foto/a.jpg', 2926, 3902, WORKING_SIZE), 1);
  assert.equal(fileShrink('/foto/a.jpg', 3264, 2448, WORKING_SIZE), 1);
  assert.equal(fileShrink('/foto/a[1].jpg', 4000, 3000, WORKING_SIZE), 1);
  assert.equal(fileShrink('/foto/a.jpg', 4000, 3000, PREVIEW_SIZE), 4);
});

test('a 12 MP JPEG file asked with dctShrink: working 2000 px and preview 1000 px, the same picture as the box-averaged decode', async () => {
  const file = await twelveMp();
  const exact = await loadFrom(file, WORKING_SIZE);
  const scaled = await loadFrom(file, { ...WORKING_SIZE, dctShrink: true });
  assert.deepEqual([scaled.width, scaled.height], [2000, 1500]);
  assert.ok(meanAbsDiff(exact, scaled) < 1.5, `mean |Δ| ${meanAbsDiff(exact, scaled)}`);
  assert.notDeepEqual(Buffer.from(exact.data), Buffer.from(scaled.data), 'really the scaled decode, not the box average');
  const previewExact = await loadFrom(file, PREVIEW_SIZE);
  const preview = await loadFrom(file, { ...PREVIEW_SIZE, dctShrink: true });
  assert.deepEqual([preview.width, preview.height], [1000, 750]);
  assert.ok(meanAbsDiff(previewExact, preview) < 2, `preview mean |Δ| ${meanAbsDiff(previewExact, preview)}`);
  for (const img of [scaled, preview]) {
    assert.ok(meanOf(img, 0.05, 0.05, 0.25, 0.25) < 60, 'block top-left');
    assert.ok(meanOf(img, 0.75, 0.75, 0.95, 0.95) > 200, 'paper bottom-right');
  }
});

test('without dctShrink, or from bytes, or from a bracketed path, the working image is the box average exactly as before', async () => {
  const file = await twelveMp();
  const bracketed = join(dir, 'foto [2].jpg');
  writeFileSync(bracketed, readFileSync(file));
  const fromBytes = await loadFrom(new Uint8Array(readFileSync(file)), { ...WORKING_SIZE, dctShrink: true });
  const plain = await loadFrom(file, WORKING_SIZE);
  assert.deepEqual(Buffer.from(plain.data), Buffer.from(fromBytes.data));
  const viaBrackets = await loadFrom(bracketed, { ...WORKING_SIZE, dctShrink: true });
  assert.deepEqual(Buffer.from(plain.data), Buffer.from(viaBrackets.data));
});

test('dctShrink on an EXIF-turned 12 MP file comes out upright (orientation 6: block top-right)', async () => {
  const file = await photoFile('miring.jpg', 4000, 3000, 6);
  const img = await loadFrom(file, { ...WORKING_SIZE, dctShrink: true });
  assert.deepEqual([img.width, img.height], [1500, 2000]);
  assert.ok(meanOf(img, 0.75, 0.05, 0.95, 0.25) < 60, 'block top-right');
  assert.ok(meanOf(img, 0.05, 0.05, 0.25, 0.25) > 200, 'top-left is paper');
});

test('a 16:9 preview (which needs the working decode) takes the scaled one; a tagged page reuses it, a tagless one still gets the exact image', async () => {
  const file = await photoFile('lebar.jpg', 4618, 2598);
  const opened = await openInput(file);
  assert.ok(opened.ok);
  const source = opened.value.pages[0];
  const aspect = 4618 / 2598;
  const preview = await source.load({ min: PREVIEW_SIZE.min * aspect, max: PREVIEW_SIZE.max * aspect, dctShrink: true });
  const tagged = await source.load({ ...WORKING_SIZE, dctShrink: true });
  const tagless = await source.load(WORKING_SIZE);
  assert.ok(preview.ok && tagged.ok && tagless.ok);
  assert.deepEqual([preview.value.width, preview.value.height], [2309, 1299]);
  assert.equal(tagged.value, preview.value, 'the one scaled decode serves the preview and a tagged page');
  const exact = await loadFrom(file, WORKING_SIZE);
  assert.deepEqual(Buffer.from(tagless.value.data), Buffer.from(exact.data));
  assert.ok(meanAbsDiff(exact, tagged.value) < 1.5);
  assert.notDeepEqual(Buffer.from(exact.data), Buffer.from(tagged.value.data));
  // Once the exact image is there, a request that accepts either gets it.
  const again = await source.load({ ...WORKING_SIZE, dctShrink: true });
  assert.ok(again.ok);
  assert.equal(again.value, tagless.value);
});

test('a truncated 12 MP JPEG file is refused the scaled way too', async () => {
  const bytes = readFileSync(await twelveMp());
  const cut = join(dir, 'terpotong.jpg');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const opened = await openInput(cut);
  assert.ok(opened.ok);
  const r = await opened.value.pages[0].load({ ...WORKING_SIZE, dctShrink: true });
  assert.equal(r.ok, false);
});
