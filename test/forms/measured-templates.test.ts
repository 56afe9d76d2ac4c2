/**
 * The measured templates against the documents they describe: the official plano PDF rendered at its canonical
 * 2000 px width, and the NETGRIT PNGs (their own canonical raster). Marks are re-detected independently at this
 * resolution (the measuring script worked at 4000 px), boxes and bubbles must sit on the printed ink.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
import { loadOpenCv } from '../../main/recognition/opencv/load.ts';
import type { GrayImage } from '../../main/recognition/gray-image.ts';
import type { FormTemplate } from '../../main/recognition/templates/schema.ts';
import { darkBlobs, detectAprilTags, findCornerMarker, renderPdfPage } from '../../scripts/measure-forms-lib.ts';
import { boxFits, bubbleFits, dist } from './raster-checks.ts';

const SHARED = new URL('../../../shared/forms/', import.meta.url).pathname;

async function cornersMatch(img: GrayImage, t: FormTemplate, tolPx: number): Promise<void> {
  for (const m of t.registration.marks) {
    if (m.type !== 'corner') continue;
    const found = await findCornerMarker(img, m.search, m.squares[0].w);
    assert.ok(found, `${t.id}: ${m.id} not found`);
    assert.ok(dist(found.anchor, m.anchor!) < tolPx, `${t.id} ${m.id}: found ${JSON.stringify(found.anchor)}, template ${JSON.stringify(m.anchor)}`);
  }
}

describe('official 2024 C.HASIL-PPWP plano templates', () => {
  for (const page of [1, 2, 3]) {
    it(`hal ${page}: AprilTag ${100 + page}, corner markers, boxes${page === 2 ? ' and bubbles' : ''} match the rendered PDF`, async () => {
      const t = getTemplate(`kpu-ppwp-2024-hal${page}`)!;
      const img = await renderPdfPage(`${SHARED}C.HASIL-PPWP-2024.pdf`, page, t.canonical.width);
      assert.equal(img.height, t.canonical.height);
      const tags = await detectAprilTags(img);
      const tag = t.registration.marks.find((m) => m.type === 'apriltag');
      assert.ok(tag?.type === 'apriltag' && tag.tagId === 100 + page);
      assert.deepEqual(tags.map((x) => x.id), [tag.tagId]);
      tags[0].corners.forEach((p, i) => assert.ok(dist(p, tag.corners[i]) < 2, `corner ${i}: ${JSON.stringify(p)} vs ${JSON.stringify(tag.corners[i])}`));
      await cornersMatch(img, t, 1.5);
      const fits = boxFits(img, t);
      assert.equal(fits.length, page === 1 ? 66 : 9);
      for (const b of fits) {
        assert.ok(b.border < 100 && b.outside > 200, `${t.id} ${b.field}: border ${b.border.toFixed(0)}, outside ${b.outside.toFixed(0)}`);
      }
      for (const b of bubbleFits(img, t)) {
        assert.ok(b.ring < 150 && b.outside > 200, `${t.id} ${b.field}: ring ${b.ring.toFixed(0)}, outside ${b.outside.toFixed(0)}`);
      }
      // Words areas are blank paper: the template keeps printed captions and instructions out of them.
      for (const f of t.fields) {
        if (!f.words) continue;
        const blobs = await darkBlobs(img, f.words, 200);
        assert.equal(blobs.length, 0, `${t.id} ${f.id}: print inside the words area`);
      }
    });
  }
});

describe('NETGRIT draft C.HASIL-PPWP templates', () => {
  for (const page of [1, 2]) {
    it(`hal ${page}: corner markers, QR, grey digit boxes and row marks match the PNG`, async () => {
      const t = getTemplate(`netgrit-ppwp-hal${page}`)!;
      const { data, info } = await sharp(`${SHARED}netgrit-c.hasil-ppwp-hal${page}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
      const img: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data) };
      assert.deepEqual([img.width, img.height], [t.canonical.width, t.canonical.height]);
      await cornersMatch(img, t, 1);

      const cv = (await loadOpenCv()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const mat = new cv.Mat(img.height, img.width, cv.CV_8UC1);
      mat.data.set(img.data);
      const det = new cv.QRCodeDetectorAruco();
      const pts = new cv.Mat();
      const text: string = det.detectAndDecode(mat, pts);
      const qrCorner = { x: pts.data32F[0], y: pts.data32F[1] };
      mat.delete();
      pts.delete();
      det.delete();
      const qr = t.registration.marks.find((m) => m.type === 'qr');
      assert.ok(qr?.type === 'qr');
      assert.equal(text, `010200-0${page}`);
      assert.equal(qr.content, text);
      assert.ok(dist(qrCorner, qr.rect) < 2);

      for (const b of boxFits(img, t)) {
        // Light grey boxes (≈ 200) on white paper.
        assert.ok(b.border < 225 && b.outside > 245, `${t.id} ${b.field}: border ${b.border.toFixed(0)}, outside ${b.outside.toFixed(0)}`);
      }
      // Every solid mark (squares, bars) is solid ink where the template puts it.
      const inkAt = (p: { x: number; y: number }) => img.data[Math.round(p.y) * img.width + Math.round(p.x)] < 60;
      for (const m of t.registration.marks) {
        const solid =
          m.type === 'square' || (m.type === 'row' && !m.id.endsWith('-label')) // a label triangle's anchor is its corner
            ? [m.anchor!]
            : m.type === 'midEdge' ? (m.squares ?? []).map((q) => ({ x: q.x + q.w / 2, y: q.y + q.h / 2 })) : [];
        for (const p of solid) assert.ok(inkAt(p), `${t.id} ${m.id}: no ink at ${JSON.stringify(p)}`);
      }
      const rowMarks = t.registration.marks.filter((m) => m.type === 'row' && !m.id.endsWith('-label'));
      assert.equal(rowMarks.length, page === 1 ? 14 : 6);
    });
  }
});
