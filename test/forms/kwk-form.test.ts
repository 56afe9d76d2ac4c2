/**
 * The printed C.Hasil-KWK: render the PDF (pdfjs), find its marks with OpenCV, and check that the template
 * states where they are — and where the boxes and bubbles are — to within a few canonical pixels.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { kwkPageLayout, kwkQrContent, parseKwkQrContent } from '../../main/forms/kwk-layout.ts';
import { renderKwkFormPdf, validateKwkInput, type KwkFormInput } from '../../main/forms/kwk-pdf.ts';
import { KWK_MAX_PASLON, KWK_PAGES } from '../../main/forms/kwk-tag-ids.ts';
import { kwkTemplate } from '../../main/forms/kwk-template.ts';
import { loadOpenCv } from '../../main/recognition/opencv/load.ts';
import type { GrayImage } from '../../main/recognition/gray-image.ts';
import type { FormTemplate } from '../../main/recognition/templates/schema.ts';
import { detectAprilTags, findCornerMarker, renderPdfPage } from '../../scripts/measure-forms-lib.ts';
import { boxFits, bubbleFits, dist } from './raster-checks.ts';

const NAMES: [string, string][] = [
  ['H. Ahmad Sutrisno, S.H.', 'Dra. Siti Aminah, M.Si.'],
  ['Bambang Wijaya', 'Rina Kartikasari'],
  ['Ir. Hadi Purnomo', 'Dewi Lestari'],
  ['Agus Salim', 'Nur Hidayah'],
  ['Joko Santoso', 'Sri Wahyuni'],
  ['Made Sudarma', 'Ni Luh Putu Ayu'],
];

function input(n: number): KwkFormInput {
  return {
    tps: { code: '3506012001001', nomor: 1, desa: 'Mojo', kecamatan: 'Mojo', kabkota: 'Kabupaten Kediri', provinsi: 'Jawa Timur' },
    race: { jenis: 'bupati', name: 'Kabupaten Kediri' },
    paslon: NAMES.slice(0, n).map(([kepala, wakil], i) => ({ nomorUrut: i + 1, kepala, wakil })),
  };
}

/** OpenCV's QR decoder on the page (content and corners), as a reader would use it. */
async function decodeQr(img: GrayImage): Promise<{ text: string; corners: number[] }> {
  const cv = (await loadOpenCv()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const mat = new cv.Mat(img.height, img.width, cv.CV_8UC1);
  mat.data.set(img.data);
  const det = new cv.QRCodeDetectorAruco();
  const pts = new cv.Mat();
  try {
    const text: string = det.detectAndDecode(mat, pts);
    return { text, corners: Array.from(pts.data32F as Float32Array) };
  } finally {
    mat.delete();
    pts.delete();
    det.delete();
  }
}

/** Every registration mark and every box/bubble of `t` agrees with the rendered page `img`. */
async function assertPageMatchesTemplate(img: GrayImage, t: FormTemplate): Promise<void> {
  assert.equal(img.width, t.canonical.width);
  assert.ok(Math.abs(img.height - t.canonical.height) <= 1);

  const tags = await detectAprilTags(img);
  const tagMark = t.registration.marks.find((m) => m.type === 'apriltag');
  assert.ok(tagMark?.type === 'apriltag');
  assert.deepEqual(tags.map((x) => x.id), [tagMark.tagId], `${t.id}: tags found ${tags.map((x) => x.id)}`);
  tags[0].corners.forEach((p, i) => assert.ok(dist(p, tagMark.corners[i]) < 2.5, `${t.id} tag corner ${i}: ${JSON.stringify(p)} vs ${JSON.stringify(tagMark.corners[i])}`));

  for (const m of t.registration.marks) {
    if (m.type !== 'corner') continue;
    const found = await findCornerMarker(img, m.search, m.squares[0].w);
    assert.ok(found, `${t.id}: ${m.id} not found`);
    assert.ok(dist(found.anchor, m.anchor!) < 2, `${t.id} ${m.id}: ${JSON.stringify(found.anchor)} vs ${JSON.stringify(m.anchor)}`);
  }

  for (const b of boxFits(img, t)) {
    assert.ok(b.border < 90, `${t.id} ${b.field}: box border not inked (${b.border.toFixed(0)})`);
    assert.ok(b.outside > 200, `${t.id} ${b.field}: ink just outside the box (${b.outside.toFixed(0)})`);
  }
  for (const b of bubbleFits(img, t)) {
    // Neighbouring bubbles are 0.5 mm apart, so "outside" still catches their anti-aliased edges.
    assert.ok(b.ring < 140 && b.outside - b.ring > 60, `${t.id} ${b.field}: bubble ring ${b.ring.toFixed(0)} / outside ${b.outside.toFixed(0)}`);
  }

  const qr = await decodeQr(img);
  const layout = kwkPageLayout(Number(/(\d)paslon/.exec(t.id)![1]), t.page);
  assert.equal(qr.text, kwkQrContent('3506012001001', 'bupati', Number(/(\d)paslon/.exec(t.id)![1]), layout.page));
  assert.deepEqual(parseKwkQrContent(qr.text), { tpsCode: '3506012001001', jenis: 'bupati', nPaslon: Number(/(\d)paslon/.exec(t.id)![1]), page: t.page });
  const r = t.identity!.rect;
  assert.ok(dist({ x: qr.corners[0], y: qr.corners[1] }, r) < 3, `QR corner ${qr.corners.slice(0, 2)} vs ${r.x},${r.y}`);
  assert.ok(dist({ x: qr.corners[4], y: qr.corners[5] }, { x: r.x + r.w, y: r.y + r.h }) < 3);
}

describe('C.Hasil-KWK PDF and its template', () => {
  let pdf3: Buffer;
  before(async () => {
    pdf3 = await renderKwkFormPdf(input(3));
  });

  it('is a 2-page A4 PDF', async () => {
    const p1 = await renderPdfPage(pdf3, 1, 200);
    assert.ok(Math.abs(p1.pageWidthPt - 595.28) < 0.5 && Math.abs(p1.pageHeightPt - 841.89) < 0.5);
    assert.equal(pdf3.subarray(0, 5).toString(), '%PDF-');
    await assert.rejects(renderPdfPage(pdf3, 3, 200));
  });

  for (const page of [1, 2]) {
    it(`3 paslon, hal ${page}: tag, corners, QR, boxes and bubbles where the template says`, async () => {
      const t = kwkTemplate(3, page);
      const img = await renderPdfPage(pdf3, page, t.canonical.width);
      await assertPageMatchesTemplate(img, t);
    });
  }

  for (const n of [6]) {
    it(`${n} paslon, hal 2 (the fullest page) matches its template`, async () => {
      const pdf = await renderKwkFormPdf(input(n));
      const t = kwkTemplate(n, 2);
      const img = await renderPdfPage(pdf, 2, t.canonical.width);
      await assertPageMatchesTemplate(img, t);
    });
  }

  it('every paslon count lays out both pages inside the printable area', () => {
    for (let n = 1; n <= KWK_MAX_PASLON; n++) {
      for (let p = 1; p <= KWK_PAGES; p++) {
        const l = kwkPageLayout(n, p);
        for (const f of l.fields) {
          for (const r of [...f.digits, ...(f.words ? [f.words] : [])]) {
            assert.ok(r.x >= 14 && r.x + r.w <= 196 && r.y >= 30 && r.y + r.h <= 278, `${n}/${p} ${f.id}`);
          }
        }
      }
    }
    assert.throws(() => kwkPageLayout(7, 1), RangeError);
    assert.throws(() => kwkPageLayout(3, 3), RangeError);
  });

  it('QR content round-trips and other texts are refused', () => {
    assert.deepEqual(parseKwkQrContent(kwkQrContent('3571011001012', 'walikota', 2, 1)), { tpsCode: '3571011001012', jenis: 'walikota', nPaslon: 2, page: 1 });
    assert.equal(parseKwkQrContent('010200-01'), null);
    assert.equal(parseKwkQrContent('PLENO-KWK1:3571011001012:W:7:1'), null);
    assert.throws(() => kwkQrContent('123', 'bupati', 2, 1), RangeError);
  });

  it('refuses invalid input with a message in Bahasa Indonesia', async () => {
    const bad = input(3);
    bad.tps.code = '35060120010';
    assert.match(validateKwkInput(bad)?.message ?? '', /kode TPS harus 13 digit/);
    await assert.rejects(renderKwkFormPdf(bad), RangeError);
    const seven = input(6);
    seven.paslon.push({ nomorUrut: 7, kepala: 'A', wakil: 'B' });
    assert.match(validateKwkInput(seven)?.message ?? '', /1–6/);
    const gap = input(3);
    gap.paslon[2].nomorUrut = 4;
    assert.match(validateKwkInput(gap)?.message ?? '', /nomor urut/);
    // The empty box listed as its own entry is not a pair: one pair + kotak kosong is a valid race.
    const single = input(1);
    single.paslon.push({ nomorUrut: 2, kepala: 'Kolom kosong', wakil: '', kotakKosong: true });
    assert.equal(validateKwkInput(single), null);
  });
});
