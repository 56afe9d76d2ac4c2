/**
 * The corner-marker scan near given points (scanCornerLike's `near`: only a part of the scan copy, resized on
 * its own when the scale allows) finds exactly the candidates a whole scan finds within the radius, in the
 * same order — on a synthetic 12 MP photo of a KPU page, for points at the corners, the edges, the middle and
 * outside the image, several radii and square sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openInput, WORKING_SIZE } from '../../main/recognition/decode/index.ts';
import { loadOpenCv } from '../../main/recognition/opencv/load.ts';
import { grayToMat } from '../../main/recognition/opencv/gray-mat.ts';
import { scanCornerLike, type CornerLike } from '../../main/recognition/register/corner-like.ts';
import { generateSample } from '../support/synth/generate-sample.ts';

test('near scans equal a whole scan within the radius', async () => {
  const cv = await loadOpenCv();
  const { jpeg } = await generateSample({
    templateId: 'kpu-ppwp-2024-hal2',
    seed: 'corner-scan-near-1',
    options: { inconsistent: false, photo: { minMegapixels: 12, maxMegapixels: 12 } },
  });
  const opened = await openInput(jpeg);
  assert.ok(opened.ok);
  const gray = await opened.value.pages[0].load({ ...WORKING_SIZE, dctShrink: true });
  assert.ok(gray.ok);
  const work = grayToMat(cv, gray.value);
  try {
    const W = work.cols;
    const H = work.rows;
    const diag = Math.hypot(W, H);
    let compared = 0;
    for (const side of [undefined, 20]) {
      const whole = scanCornerLike(cv, work, side);
      assert.ok(whole.length >= 4, `the page's corner markers are found (${whole.length})`);
      // Points at the corners, the edges, the middle and outside the image; and points that put a candidate of
      // the whole scan just inside the radius, near the edge of the part scanned.
      const edgeCases = whole.slice(0, 4).map((c) => [{ x: c.center.x + 0.045 * diag, y: c.center.y }]);
      for (const points of [[{ x: 0.1 * W, y: 0.9 * H }], [{ x: 0.9 * W, y: 0.9 * H }, { x: 0.1 * W, y: 0.95 * H }], [{ x: 0.5 * W, y: 0.5 * H }], [{ x: -0.3 * W, y: 1.4 * H }], ...edgeCases]) {
        for (const radius of [0.05 * diag, 0.3 * diag]) {
          const within = (cs: CornerLike[]) => cs.filter((c) => points.some((p) => Math.hypot(c.center.x - p.x, c.center.y - p.y) < radius));
          const near = scanCornerLike(cv, work, side, { points, radius });
          assert.deepEqual(within(near), within(whole), `side ${side}, points ${JSON.stringify(points)}, radius ${radius.toFixed(0)}`);
          compared += within(whole).length;
        }
      }
    }
    assert.ok(compared >= 8, `enough candidates compared (${compared})`);
  } finally {
    work.delete();
  }
});
