/**
 * The form template (resources/forms/pleno-kwk/*.json) of a C.Hasil-KWK page, derived from the same layout
 * the PDF is drawn from, so the two agree by construction. Canonical raster: 2000 px wide (A4 → 2000 × 2829).
 */
import type { Check, FormTemplate, RegistrationMark } from '../recognition/templates/schema.ts';
import { kwkFormId, kwkTemplateId } from './kwk-tag-ids.ts';
import { kwkPageLayout, kwkVoteRows } from './kwk-layout.ts';
import type { PointMm, RectMm } from './layout-primitives.ts';

export const KWK_CANONICAL_WIDTH = 2000;
/** Pilkada 2024: at most 600 voters per TPS. */
export const PILKADA_TPS_CAP = 600;

const round2 = (v: number) => Math.round(v * 100) / 100;

export function kwkTemplate(nPaslon: number, page: number): FormTemplate {
  const layout = kwkPageLayout(nPaslon, page);
  const k = KWK_CANONICAL_WIDTH / layout.widthMm;
  const px = (v: number) => round2(v * k);
  const pt = (p: PointMm) => ({ x: px(p.x), y: px(p.y) });
  const rect = (r: RectMm) => ({ x: px(r.x), y: px(r.y), w: px(r.w), h: px(r.h) });
  const canonical = { width: KWK_CANONICAL_WIDTH, height: Math.round(layout.heightMm * k) };
  /** A search region: the mark grown by `marginMm` on every side, clipped to the page. */
  const search = (r: RectMm, marginMm: number) => {
    const x = Math.max(0, r.x - marginMm);
    const y = Math.max(0, r.y - marginMm);
    const x2 = Math.min(layout.widthMm, r.x + r.w + marginMm);
    const y2 = Math.min(layout.heightMm, r.y + r.h + marginMm);
    return { x: px(x), y: px(y), w: px(x2 - x), h: px(y2 - y) };
  };

  const marks: RegistrationMark[] = layout.corners.map((c) => {
    const [a, b] = c.squares;
    const bbox: RectMm = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: a.w + b.w, h: a.h + b.h };
    return {
      id: `corner-${c.position}`,
      type: 'corner' as const,
      position: c.position,
      rect: rect(bbox),
      anchor: pt(c.anchor),
      squares: [rect(a), rect(b)] as [ReturnType<typeof rect>, ReturnType<typeof rect>],
      search: search(bbox, 30),
    };
  });
  const t = layout.tag.rect;
  marks.push({
    id: 'tag',
    type: 'apriltag',
    family: '36h10',
    tagId: layout.tag.tagId,
    rect: rect(t),
    anchor: pt({ x: t.x + t.w / 2, y: t.y + t.h / 2 }),
    corners: [
      pt({ x: t.x, y: t.y }),
      pt({ x: t.x + t.w, y: t.y }),
      pt({ x: t.x + t.w, y: t.y + t.h }),
      pt({ x: t.x, y: t.y + t.h }),
    ],
    search: search(t, 25),
  });

  return {
    id: kwkTemplateId(nPaslon, page),
    form: kwkFormId(nPaslon),
    title: `Model C.HASIL-KWK Pleno (${nPaslon} paslon), halaman ${page} dari ${layout.pages}`,
    page,
    pages: layout.pages,
    size: { widthMm: layout.widthMm, heightMm: layout.heightMm },
    canonical,
    source: 'generated from main/forms/kwk-layout.ts by main/forms/write-kwk-templates.ts; the PDF is drawn from the same layout',
    tpsCap: PILKADA_TPS_CAP,
    digitStyle: { guide: 'dotted8', borderPx: px(0.35), border: 'black' },
    registration: { marks },
    identity: { type: 'qr', rect: rect(layout.qr.rect), content: layout.qr.content },
    fields: layout.fields.map((f) => ({
      id: f.id,
      label: f.label,
      digits: f.digits.map(rect),
      bubbles: f.bubbles.map((c) => ({ radius: px(c.radius), centers: c.centers.map(pt) })),
      ...(f.words ? { words: rect(f.words) } : {}),
      ...(f.range ? { range: f.range } : {}),
      capped: f.capped,
    })),
    checks: page === 1 ? page1Checks() : page2Checks(nPaslon),
  };
}

function lpChecks(row: string): Check {
  return { id: `${row}.L+P`, type: 'sum', left: [`${row}.L`, `${row}.P`], right: `${row}.LP`, label: `${row}: L + P = L+P` };
}

function page1Checks(): Check[] {
  const rows = ['I.A', 'I.B.1', 'I.B.2', 'I.B.3', 'I.B.4', 'III'];
  return [
    ...rows.map(lpChecks),
    ...(['L', 'P', 'LP'] as const).map((c): Check => ({
      id: `I.B.4.${c}=B.1+B.2+B.3`,
      type: 'sum',
      left: [`I.B.1.${c}`, `I.B.2.${c}`, `I.B.3.${c}`],
      right: `I.B.4.${c}`,
      label: `B.4 = B.1 + B.2 + B.3 (${c === 'LP' ? 'L+P' : c})`,
    })),
    { id: 'I.B.1<=I.A', type: 'lte', left: 'I.B.1.LP', right: 'I.A.LP', label: 'Pengguna DPT tidak melebihi DPT' },
    { id: 'II.1=II.2+II.3+II.4', type: 'sum', left: ['II.2', 'II.3', 'II.4'], right: 'II.1', label: 'Surat suara diterima = digunakan + rusak + tidak digunakan' },
    { id: 'II.1<=I.A+2%', type: 'lte', left: 'II.1', right: 'I.A.LP', plusPercent: 2, label: 'Surat suara diterima ≤ DPT + 2 % cadangan' },
    { id: 'II.2=I.B.4', type: 'equal', left: 'II.2', right: 'I.B.4.LP', label: 'Surat suara digunakan = jumlah pengguna hak pilih' },
    { id: 'III<=I.B.4', type: 'lte', left: 'III.LP', right: 'I.B.4.LP', label: 'Pemilih disabilitas ≤ jumlah pengguna hak pilih' },
  ];
}

function page2Checks(nPaslon: number): Check[] {
  const hal1 = kwkTemplateId(nPaslon, 1);
  const votes = kwkVoteRows(nPaslon).map((r) => `IV.${r.nomor}`);
  return [
    { id: 'V.A=ΣIV', type: 'sum', left: votes, right: 'V.A', label: 'Suara sah = jumlah suara semua paslon' },
    { id: 'V.C=V.A+V.B', type: 'sum', left: ['V.A', 'V.B'], right: 'V.C', label: 'Suara sah + tidak sah = jumlah' },
    { id: 'V.C=I.B.4', type: 'equal', left: 'V.C', right: `${hal1}#I.B.4.LP`, label: 'Jumlah suara = jumlah pengguna hak pilih (hal. 1)' },
    { id: 'V.C=II.2', type: 'equal', left: 'V.C', right: `${hal1}#II.2`, label: 'Jumlah suara = surat suara digunakan (hal. 1)' },
  ];
}
