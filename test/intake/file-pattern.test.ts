import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePattern, DEFAULT_PATTERN } from '../../main/intake/file-pattern.ts';

const compile = (source: string) => {
  const result = compilePattern(source);
  if (!result.ok) throw new Error(result.message);
  return result.pattern;
};

describe('file-name pattern', () => {
  const def = compile(DEFAULT_PATTERN);

  test('the default reads a 13-digit TPS code and the page', () => {
    assert.deepEqual(def.match('3506010001001_hal2.jpg'), { tpsCode: '3506010001001', halaman: 2 });
    assert.deepEqual(def.match('3506010001001.jpg'), { tpsCode: '3506010001001' });
    assert.deepEqual(def.match('3506010001001-h3.JPG'), { tpsCode: '3506010001001', halaman: 3 });
    assert.deepEqual(def.match('3506010001001 halaman 1 (1).jpeg'), { tpsCode: '3506010001001', halaman: 1 });
  });

  test('the default reads a desa code + TPS number', () => {
    assert.deepEqual(def.match('3506010001_001_hal2.jpg'), { tpsCode: '3506010001001', halaman: 2 });
    assert.deepEqual(def.match('3506010001-7_hal1.jpg'), { tpsCode: '3506010001007', halaman: 1 });
    assert.deepEqual(def.match('sub/folder/3506010001_012.png'), { tpsCode: '3506010001012' });
  });

  test('names that are not codes do not match', () => {
    assert.equal(def.match('IMG_20241127_101500.jpg'), null);
    assert.equal(def.match('35060100010012_hal1.jpg'), null, '14 digits is not a TPS code');
    assert.equal(def.match('3506010001_000_hal1.jpg'), null, 'TPS numbers start at 1');
    assert.equal(def.match('foto 3506010001001.jpg'), null, 'anchored at the start');
  });

  test('desa and nomor as separate parts, race, folders', () => {
    const p = compile('{race}/{desa}/TPS{nomor}_{hal}');
    assert.deepEqual(p.match('kpps/bupati/3506010001/TPS03_hal2.jpg'), { tpsCode: '3506010001003', halaman: 2, jenis: 'bupati' });
    assert.deepEqual(p.match('G/3506010001/tps3-2.jpg'), { tpsCode: '3506010001003', halaman: 2, jenis: 'gubernur' });
    assert.equal(p.match('3506010001/TPS03_hal2.jpg'), null, 'the race folder is required');
    const loose = compile('*_{tps}*');
    assert.deepEqual(loose.match('KEC NGADILUWIH_3506012001004 hal 2.jpg'), { tpsCode: '3506012001004' });
  });

  test('bad patterns are refused with an Indonesian reason', () => {
    const bad = (source: string, re: RegExp) => {
      const r = compilePattern(source);
      assert.equal(r.ok, false, source);
      if (!r.ok) assert.match(r.message, re);
    };
    bad('', /kosong/);
    bad('{hal}', /harus memuat \{tps\}/);
    bad('{desa}_{hal}', /harus memuat/);
    bad('{tps}_{kecamatan}', /tidak dikenal/);
    bad('{tps}_{tps}', /lebih dari sekali/);
    bad('{tps}[_{hal}', /tidak ditutup/);
    bad('{tps}_{hal', /tidak ditutup/);
    bad('{tps}]', /tanpa "\["/);
    bad('{tps}_{desa}_{nomor}', /pilih salah satu/);
  });
});

describe('page identity from the C.Hasil-KWK QR code', () => {
  test('the QR text names TPS, race and page; anything else names nothing', async () => {
    const { identityFromQr } = await import('../../main/intake/recognition-reader.ts');
    const { kwkQrContent } = await import('../../main/forms/kwk-layout.ts');
    assert.deepEqual(identityFromQr(kwkQrContent('3506012001004', 'bupati', 3, 2)), {
      source: 'qr', tpsCode: '3506012001004', jenis: 'bupati', halaman: 2,
    });
    assert.deepEqual(identityFromQr('PLENO-KWK1:3500000000001:G:2:1')?.jenis, 'gubernur');
    assert.equal(identityFromQr('https://example.org/3506012001004'), null);
    assert.equal(identityFromQr('PLENO-KWK1:350601200100:B:3:2'), null);
  });
});
