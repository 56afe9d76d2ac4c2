/**
 * The blank page of a template as an RGB raster at its canonical size:
 *   pleno-kwk-*  → Pleno's own PDF (renderKwkFormPdf) for a demo TPS, rendered with pdf.js;
 *   kpu-*        → the official 2024 plano PDF in ../shared/forms;
 *   netgrit-*    → the NETGRIT draft PNGs in ../shared/forms.
 * Rendering takes ~0.5–2 s, so blanks are cached in memory and as PNGs in the OS temp folder
 * (keyed by a hash of the template and the source bytes, so a changed form re-renders).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderKwkFormPdf, type KwkFormInput } from '../../../main/forms/kwk-pdf.ts';
import type { FormTemplate } from '../../../main/recognition/templates/schema.ts';
import { readRgb, writePng } from './image-files.ts';
import { renderPdfPage } from './pdf-render.ts';
import { cloneRgb, rgbToGray, type RgbImage } from './rgb-image.ts';
import type { GrayImage } from '../../../main/recognition/gray-image.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const SHARED_FORMS_DIR = resolve(repoRoot, '../shared/forms');
const RENDERER_VERSION = 'blank-v1';

export type FormFamily = 'pleno-kwk' | 'kpu-ppwp' | 'netgrit-ppwp';

export function templateFamily(t: Pick<FormTemplate, 'id'>): FormFamily {
  if (t.id.startsWith('pleno-kwk')) return 'pleno-kwk';
  if (t.id.startsWith('kpu-')) return 'kpu-ppwp';
  if (t.id.startsWith('netgrit-')) return 'netgrit-ppwp';
  throw new Error(`synthetic generator: unknown form family for template ${t.id}`);
}

export type PrintedTps = KwkFormInput['tps'];

/** The TPS printed on KWK pages unless a sample names its own (header text and QR code). */
export const DEMO_PRINTED_TPS: PrintedTps = { code: '3506012001004', nomor: 4, desa: 'SUKOREJO', kecamatan: 'KANDANGAN', kabkota: 'KEDIRI', provinsi: 'JAWA TIMUR' };

/** The KWK form's input for the printed TPS (the generator writes only the numbers). */
export function demoKwkInput(nPaslon: number, tps: PrintedTps = DEMO_PRINTED_TPS): KwkFormInput {
  return {
    tps,
    race: { jenis: 'bupati', name: 'KEDIRI', year: 2024 },
    paslon: Array.from({ length: nPaslon }, (_, i) => ({ nomorUrut: i + 1, kepala: `CALON BUPATI ${i + 1}`, wakil: `CALON WAKIL BUPATI ${i + 1}` })),
  };
}

function kwkPaslonCount(t: FormTemplate): number {
  const m = /^pleno-kwk-(\d)paslon-hal\d$/.exec(t.id);
  if (!m) throw new Error(`not a KWK template id: ${t.id}`);
  return Number(m[1]);
}

/** The source bytes a template's blank is made from (also hashed into the cache key). */
async function sourceOf(t: FormTemplate): Promise<{ kind: 'pdf' | 'image'; bytes: Uint8Array; page: number }> {
  switch (templateFamily(t)) {
    case 'pleno-kwk':
      return { kind: 'pdf', bytes: await renderKwkFormPdf(demoKwkInput(kwkPaslonCount(t))), page: t.page };
    case 'kpu-ppwp':
      return { kind: 'pdf', bytes: readFileSync(sourcePath(t)), page: t.page };
    case 'netgrit-ppwp':
      return { kind: 'image', bytes: readFileSync(sourcePath(t)), page: 1 };
  }
}

/** The reference file a non-KWK blank comes from. */
function sourcePath(t: FormTemplate): string {
  if (templateFamily(t) === 'kpu-ppwp') return join(SHARED_FORMS_DIR, 'C.HASIL-PPWP-2024.pdf');
  return join(SHARED_FORMS_DIR, `netgrit-c.hasil-ppwp-hal${t.page}.png`);
}

const memory = new Map<string, Promise<RgbImage>>();

export function blankCacheDir(): string {
  return process.env.PLENO_SYNTH_CACHE ?? join(tmpdir(), 'pleno-synth-blanks');
}

/** The template's blank page, canonical size. The returned raster is shared: copy before drawing on it. */
export function blankPage(t: FormTemplate): Promise<RgbImage> {
  const memoKey = `${t.id}:${t.canonical.width}x${t.canonical.height}`;
  let p = memory.get(memoKey);
  if (!p) {
    p = renderBlank(t);
    memory.set(memoKey, p);
    p.catch(() => memory.delete(memoKey));
  }
  return p;
}

/** What the blank depends on: the template, plus the KWK drawing code or the shared source file. */
function cacheKey(t: FormTemplate): string {
  const h = createHash('sha256').update(RENDERER_VERSION).update(JSON.stringify(t));
  if (templateFamily(t) === 'pleno-kwk') {
    // The PDF embeds its creation date, so hash the code that draws it instead of its bytes.
    const formsDir = join(repoRoot, 'main/forms');
    for (const f of readdirSync(formsDir).filter((n) => n.endsWith('.ts')).sort()) h.update(f).update(readFileSync(join(formsDir, f)));
  } else {
    h.update(readFileSync(sourcePath(t)));
  }
  return h.digest('hex').slice(0, 16);
}

async function renderBlank(t: FormTemplate): Promise<RgbImage> {
  const { width, height } = t.canonical;
  const file = join(blankCacheDir(), `${t.id}-${cacheKey(t)}.png`);
  if (existsSync(file)) {
    try {
      return await readRgb(file, { width, height });
    } catch {
      // A half-written or corrupt cache file: render again below.
    }
  }
  const src = await sourceOf(t);
  const img = src.kind === 'pdf' ? await renderPdfPage(src.bytes, src.page, width, height) : await readRgb(Buffer.from(src.bytes), { width, height });
  mkdirSync(blankCacheDir(), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp.png`;
  await writePng(img, tmp);
  renameSync(tmp, file); // atomic: parallel test processes never read a partial file
  // Older renderings of this template (its form or code changed since) are dead weight.
  for (const f of readdirSync(blankCacheDir())) {
    if (f.startsWith(`${t.id}-`) && f.endsWith('.png') && join(blankCacheDir(), f) !== file && !f.includes('.tmp.')) {
      try { unlinkSync(join(blankCacheDir(), f)); } catch { /* another process got there first */ }
    }
  }
  return img;
}

/**
 * A KWK page printed for one TPS (its own header and QR code). Rendered each time and not cached: a blank
 * is tens of megabytes and a batch of photos names hundreds of TPS. The demo TPS comes from blankPage's cache.
 * The returned raster is the caller's own to draw on.
 */
export async function kwkBlankForTps(t: FormTemplate, tps: PrintedTps): Promise<RgbImage> {
  if (tps.code === DEMO_PRINTED_TPS.code) return cloneRgb(await blankPage(t));
  const { width, height } = t.canonical;
  return renderPdfPage(await renderKwkFormPdf(demoKwkInput(kwkPaslonCount(t), tps)), t.page, width, height);
}

/** The blank page as a GrayImage (what the recognition stages consume). */
export async function blankPageGray(t: FormTemplate): Promise<GrayImage> {
  return rgbToGray(await blankPage(t));
}
