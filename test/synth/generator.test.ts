/**
 * The synthetic photo generator end to end: same seed ⇒ same bytes, photo sizes in range, the
 * recorded homography really maps the page's corner markers onto dark squares in the decoded photo
 * (EXIF orientation applied), digits come from the MNIST test split, covered marks are covered,
 * and non-form photos are produced. Samples are kept at 3 MP so the file runs in seconds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { kwkTemplate } from '../../main/forms/kwk-template.ts';
import { blankPage } from '../support/synth/blank-pages.ts';
import { evaluateChecks } from '../support/synth/checks.ts';
import { fillSamplePage, generateSample, type SampleSpec } from '../support/synth/generate-sample.ts';
import { applyHomography } from '../support/synth/homography.ts';
import { loadMnistTestSet, MNIST_TEST_IMAGES_FILE, MNIST_TEST_LABELS_FILE, mnistTestDigit } from '../support/synth/mnist-test-digits.ts';
import { generateNonFormPhoto } from '../support/synth/non-form-photo.ts';

const small = { minMegapixels: 3, maxMegapixels: 3.2 };

async function displayedGray(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, at: (x: number, y: number) => {
    // Mean of a 5×5 window: robust to noise and JPEG blocks.
    let s = 0, n = 0;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
      const xx = Math.round(x) + dx, yy = Math.round(y) + dy;
      if (xx < 0 || yy < 0 || xx >= info.width || yy >= info.height) continue;
      s += data[yy * info.width + xx]; n++;
    }
    return s / n;
  } };
}

test('same seed gives byte-identical photos and truth; another seed does not', async () => {
  const spec: SampleSpec = { kwk: { nPaslon: 2, page: 2 }, seed: 'determinism', options: { photo: small } };
  const a = await generateSample(spec);
  const b = await generateSample(spec);
  assert.ok(a.jpeg.equals(b.jpeg), 'JPEG bytes differ for the same seed');
  assert.deepEqual(a.truth, b.truth);
  const c = await generateSample({ ...spec, seed: 'determinism-2' });
  assert.ok(!a.jpeg.equals(c.jpeg));
});

test('photo size is within the requested megapixels, EXIF orientation is written, and the homography hits the corner markers', async () => {
  for (const [seed, exif] of [['geo-1', 1], ['geo-6', 6], ['geo-3', 3]] as const) {
    const { jpeg, truth } = await generateSample({
      kwk: { nPaslon: 3, page: 1 },
      seed,
      options: { inconsistent: false, photo: { ...small, exifOrientation: exif, blurSigma: 0.5, maxTiltDeg: 30 } },
    });
    const meta = await sharp(jpeg).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.orientation ?? 1, exif);
    const stored = meta.width! * meta.height!;
    assert.ok(stored >= 2.9e6 && stored <= 3.3e6, `size ${meta.width}×${meta.height}`);
    const img = await displayedGray(jpeg);
    assert.equal(img.width, truth.transform.width);
    assert.equal(img.height, truth.transform.height);
    if (exif === 6) assert.deepEqual([meta.width, meta.height], [truth.transform.height, truth.transform.width]);
    const t = kwkTemplate(3, 1);
    for (const mark of t.registration.marks) {
      if (mark.type !== 'corner') continue;
      // The marker's two squares are ink; the other two quadrants of its box are paper.
      const [s1, s2] = mark.squares;
      const r = mark.rect;
      const paper = [
        { x: r.x + r.w * 0.25, y: r.y + r.h * 0.25 }, { x: r.x + r.w * 0.75, y: r.y + r.h * 0.25 },
        { x: r.x + r.w * 0.25, y: r.y + r.h * 0.75 }, { x: r.x + r.w * 0.75, y: r.y + r.h * 0.75 },
      ].filter((p) => ![s1, s2].some((s) => p.x > s.x && p.x < s.x + s.w && p.y > s.y && p.y < s.y + s.h));
      assert.equal(paper.length, 2);
      for (const s of [s1, s2]) {
        const ink = img.at(...xy(applyHomography(truth.transform.homography, { x: s.x + s.w / 2, y: s.y + s.h / 2 })));
        for (const p of paper) {
          const white = img.at(...xy(applyHomography(truth.transform.homography, p)));
          assert.ok(white - ink > 40, `${seed} ${mark.id}: ink ${ink.toFixed(0)} vs paper ${white.toFixed(0)}`);
        }
      }
    }
  }
});

function xy(p: { x: number; y: number }): [number, number] {
  return [p.x, p.y];
}

test('digits come from the MNIST test split (t10k) and match the written values', async () => {
  assert.equal(basename(MNIST_TEST_IMAGES_FILE), 't10k-images-idx3-ubyte');
  assert.equal(basename(MNIST_TEST_LABELS_FILE), 't10k-labels-idx1-ubyte');
  const set = loadMnistTestSet();
  assert.equal(set.count, 10_000);
  // The pixels handed out are the bytes of the t10k file.
  const raw = readFileSync(MNIST_TEST_IMAGES_FILE);
  const d = mnistTestDigit(1234);
  assert.ok(Buffer.from(d.pixels).equals(raw.subarray(16 + 1234 * 784, 16 + 1235 * 784)));

  const { truth } = await fillSamplePage({ kwk: { nPaslon: 4, page: 2 }, seed: 'mnist', options: { inconsistent: true } });
  let digits = 0;
  for (const [fid, m] of Object.entries(truth.marks)) {
    const value = truth.fields[fid]!;
    const written = m.boxes.filter((b) => /^\d$/.test(b));
    assert.equal(Number(written.join('')), value, fid);
    assert.equal(m.mnist.length, written.length);
    m.mnist.forEach((idx, i) => {
      assert.ok(idx >= 0 && idx < 10_000);
      assert.equal(set.labels[idx], Number(written[i]), `${fid}: MNIST #${idx}`);
    });
    // Leading boxes hold no digit: blank or crossed.
    assert.ok(m.boxes.slice(0, m.boxes.length - written.length).every((b) => b === '' || b === 'X'));
    digits += written.length;
  }
  assert.ok(digits > 10);
  assert.equal(truth.consistent, false);
  assert.ok(truth.brokenFields.length >= 1 && truth.failedChecks.length >= 1);
  const failing = evaluateChecks([kwkTemplate(4, 1), kwkTemplate(4, 2)], truth.tps).filter((c) => c.status === 'failed');
  assert.ok(failing.length >= 1);
});

test('covered registration marks are hidden under an occluder on the page', async () => {
  const t = kwkTemplate(2, 1);
  const blank = await blankPage(t);
  const { page, truth } = await fillSamplePage({ kwk: { nPaslon: 2, page: 1 }, seed: 'cover', options: { coverMarks: ['corner-tl', 'tag'] } });
  assert.deepEqual(truth.coveredMarks, ['corner-tl', 'tag']);
  for (const mark of t.registration.marks) {
    const r = mark.rect;
    let changed = 0, total = 0;
    for (let y = Math.floor(r.y); y < r.y + r.h; y++) for (let x = Math.floor(r.x); x < r.x + r.w; x++) {
      const j = (y * page.width + x) * 3;
      if (Math.abs(page.data[j] - blank.data[j]) + Math.abs(page.data[j + 2] - blank.data[j + 2]) > 30) changed++;
      total++;
    }
    const covered = truth.coveredMarks.includes(mark.id);
    // A covered mark has most pixels repainted (black squares become skin/paper/pen; paper stays similar only under a white scrap).
    if (covered) assert.ok(changed / total > 0.3, `${mark.id} not covered: ${changed}/${total}`);
    else assert.equal(changed, 0, `${mark.id} touched`);
  }
  const random = await fillSamplePage({ kwk: { nPaslon: 2, page: 1 }, seed: 'cover-2', options: { coverMarks: 3 } });
  assert.equal(random.truth.coveredMarks.length, 3);
});

test('non-form photos: landscape and indoor scenes, deterministic, in the size range', async () => {
  for (const kind of ['landscape', 'indoor'] as const) {
    const a = await generateNonFormPhoto({ seed: 5, kind, megapixels: 3 });
    const b = await generateNonFormPhoto({ seed: 5, kind, megapixels: 3 });
    assert.ok(a.jpeg.equals(b.jpeg));
    const meta = await sharp(a.jpeg).metadata();
    assert.equal(meta.width, a.width);
    assert.ok(Math.abs(meta.width! * meta.height! - 3e6) < 0.05e6);
  }
});

test('handwriting lands in the template boxes: digit boxes get ink, boxes left blank stay untouched (KWK, official plano, NETGRIT)', async () => {
  for (const templateId of ['pleno-kwk-3paslon-hal2', 'kpu-ppwp-2024-hal1', 'netgrit-ppwp-hal2']) {
    const { page, template, truth } = await fillSamplePage({ templateId, seed: `boxes-${templateId}` });
    const blank = await blankPage(template);
    assert.equal(page.width, template.canonical.width);
    assert.equal(page.height, template.canonical.height);
    let inked = 0, untouched = 0;
    for (const f of template.fields) {
      truth.marks[f.id].boxes.forEach((b, i) => {
        const r = f.digits[i];
        // Inner area of the box (clear of its printed border).
        let changed = 0;
        for (let y = Math.ceil(r.y + 6); y < r.y + r.h - 6; y++) for (let x = Math.ceil(r.x + 6); x < r.x + r.w - 6; x++) {
          const j = (y * page.width + x) * 3;
          if (blank.data[j] - page.data[j] + blank.data[j + 1] - page.data[j + 1] > 60) changed++;
        }
        if (b === '') {
          assert.equal(changed, 0, `${templateId} ${f.id} box ${i} should be blank`);
          untouched++;
        } else {
          assert.ok(changed > 20, `${templateId} ${f.id} box ${i} (${b}) has no ink`);
          inked++;
        }
      });
    }
    assert.ok(inked > 5, `${templateId}: ${inked} inked boxes`);
    assert.ok(inked + untouched === template.fields.reduce((s, f) => s + f.digits.length, 0));
  }
});
