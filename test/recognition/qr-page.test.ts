/**
 * Page identity from the printed QR: a photographed Pleno C.Hasil-KWK page reports the QR text (TPS code,
 * race, paslon count, page) as `reading.qr`, which intake uses to attach the page to its TPS; a form
 * without a QR reports none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileInThread } from '../../main/recognition/read/read-file.ts';
import { parseKwkQrContent } from '../../main/forms/kwk-layout.ts';
import { generateSample, type SampleSpec } from '../support/synth/generate-sample.ts';

const photo = { minMegapixels: 3, maxMegapixels: 4 };

async function read(spec: SampleSpec) {
  const { jpeg, truth } = await generateSample({ ...spec, options: { photo, ...spec.options } });
  const [reading] = await readFileInThread('sintetis.jpg', new Uint8Array(jpeg));
  return { reading, truth };
}

test('C.Hasil-KWK photo: the QR names the TPS, the race, the paslon count and the page', async () => {
  const { reading, truth } = await read({ kwk: { nPaslon: 4, page: 2 }, seed: 'uji-qr-kwk' });
  assert.equal(reading.template, truth.templateId);
  assert.ok(reading.qr, 'QR tidak terbaca');
  // The synthetic pages are printed for the generator's demo TPS (test/support/synth/blank-pages.ts).
  assert.deepEqual(parseKwkQrContent(reading.qr), { tpsCode: '3506012001004', jenis: 'bupati', nPaslon: 4, page: 2 });
  assert.ok(reading.timings && reading.timings.qr !== undefined);
});

test('a form without a QR (official C.HASIL-PPWP) reports none', async () => {
  const { reading, truth } = await read({ templateId: 'kpu-ppwp-2024-hal2', seed: 'uji-qr-kpu' });
  assert.equal(reading.template, truth.templateId);
  assert.equal(reading.qr, undefined);
});
