/**
 * The synthetic test-data generator's entry point: one filled C.Hasil page, written in MNIST
 * test-set handwriting and "photographed" in software, with its ground truth.
 *
 *   const { jpeg, truth } = await generateSample({ kwk: { nPaslon: 3 }, seed: 7 });
 *
 * Same spec ⇒ byte-identical JPEG and truth. Nothing here is random without the seed.
 */
import { kwkTemplate } from '../../../main/forms/kwk-template.ts';
import { allTemplates, getTemplate } from '../../../main/recognition/templates/loader.ts';
import type { FormTemplate } from '../../../main/recognition/templates/schema.ts';
import { blankPage, kwkBlankForTps, type PrintedTps } from './blank-pages.ts';
import { evaluateChecks, type TpsValues } from './checks.ts';
import type { Mat3 } from './homography.ts';
import type { MnistDigitPool } from './mnist-test-digits.ts';
import { coverRect, type OccluderKind } from './occluders.ts';
import { photographPage, type ExifOrientation, type PhotoOptions } from './photograph.ts';
import { cloneRgb, type RgbImage } from './rgb-image.ts';
import { Rng } from './rng.ts';
import { generateTpsValues } from './tps-values.ts';
import { writeField, type FieldMarks } from './write-field.ts';
import { randomWriter } from './writer.ts';

export interface SampleOptions {
  /** Force consistent (false) or inconsistent (true) handwriting; default: inconsistent with `inconsistentRate`. */
  inconsistent?: boolean;
  /** Share of samples with deliberately wrong digits when `inconsistent` is not given (default 0.2). */
  inconsistentRate?: number;
  /** Chance per field of leaving it completely empty (truth null; makes the page inconsistent). Default 0. */
  blankFieldRate?: number;
  /** Registration marks to hide under a thumb / paper / pen: mark ids, or a count of random page markers. */
  coverMarks?: string[] | number;
  /** Camera, light and encoding knobs (see photograph.ts). */
  photo?: PhotoOptions;
  /**
   * Where the handwritten digits come from. Default: the MNIST test split (benchmarks, tuning sets, tests).
   * Only the digit classifier's training passes a train-split pool (see mnist-test-digits.ts).
   */
  digits?: MnistDigitPool;
}

export interface SampleSpec {
  /** A shipped template id (e.g. `pleno-kwk-3paslon-hal2`, `netgrit-ppwp-hal1`)… */
  templateId?: string;
  /**
   * …or Pleno's KWK form for n paslon; `page` random (1 or 2) when absent; `tps` the TPS printed in the header
   * and QR code (default: the demo TPS 3506012001004).
   */
  kwk?: { nPaslon: number; page?: number; tps?: PrintedTps };
  seed: number | string;
  options?: SampleOptions;
  /** The form's pages as template objects, instead of the shipped ones (e.g. a template under test). */
  pages?: FormTemplate[];
}

export interface SampleTruth {
  seed: number | string;
  templateId: string;
  form: string;
  page: number;
  /** What is written in each field's boxes on this page (null: left empty). */
  fields: Record<string, number | null>;
  /** Every check of this page (including cross-page ones against the TPS's other pages) holds. */
  consistent: boolean;
  /** Field ids on this page whose handwriting was made wrong or left empty. */
  brokenFields: string[];
  /** Checks that fail, `templateId:checkId`. */
  failedChecks: string[];
  /** All pages of the TPS as written (this page's fields included), for cross-page checks. */
  tps: TpsValues;
  /** What was drawn per field: box contents, MNIST indices, bubbles, words. */
  marks: Record<string, FieldMarks>;
  /** Page canonical px → pixel in the photo as displayed (EXIF orientation applied); photo size. */
  transform: { homography: Mat3; width: number; height: number };
  exifOrientation: ExifOrientation;
  coveredMarks: string[];
  photo: { tiltDeg: number; rollDeg: number; background: string; jpegQuality: number; blurSigma: number; noise: number; motionBlur: number };
}

export interface Sample {
  jpeg: Buffer;
  truth: SampleTruth;
}

/** Resolves the spec to the page's template and all pages of its form (for cross-page values). */
export function resolveTemplates(spec: Pick<SampleSpec, 'templateId' | 'kwk' | 'seed' | 'pages'>): { template: FormTemplate; pages: FormTemplate[] } {
  if (spec.pages) {
    const pages = spec.pages.slice().sort((a, b) => a.page - b.page);
    const template = spec.templateId ? pages.find((t) => t.id === spec.templateId) : new Rng(spec.seed).fork('page').pick(pages);
    if (!template) throw new Error(`template ${spec.templateId} is not among the given pages`);
    return { template, pages };
  }
  if (spec.kwk) {
    const { nPaslon } = spec.kwk;
    const pages = [1, 2].map((p) => kwkTemplate(nPaslon, p));
    const page = spec.kwk.page ?? new Rng(spec.seed).fork('page').int(1, pages.length);
    const template = pages[page - 1];
    if (!template) throw new RangeError(`KWK has no page ${page}`);
    return { template, pages };
  }
  if (!spec.templateId) throw new Error('generateSample: give templateId or kwk');
  if (spec.templateId.startsWith('pleno-kwk-')) {
    const m = /^pleno-kwk-(\d)paslon-hal(\d)$/.exec(spec.templateId);
    if (m) return resolveTemplates({ kwk: { nPaslon: Number(m[1]), page: Number(m[2]) }, seed: spec.seed });
  }
  const template = getTemplate(spec.templateId);
  if (!template) throw new Error(`unknown template ${spec.templateId}`);
  const pages = allTemplates().filter((t) => t.form === template.form).sort((a, b) => a.page - b.page);
  return { template, pages };
}

const PAGE_MARK_TYPES = new Set(['corner', 'apriltag', 'square']);

/** A filled page before the camera: the canonical raster with handwriting (and occluders), and its truth. */
export interface FilledPage {
  page: RgbImage;
  template: FormTemplate;
  truth: Omit<SampleTruth, 'transform' | 'exifOrientation' | 'photo'>;
}

/** Writes the values on the blank page (no photo). Useful on its own for tests of rectified-page reading. */
export async function fillSamplePage(spec: SampleSpec): Promise<FilledPage> {
  const opts = spec.options ?? {};
  const rng = new Rng(spec.seed);
  const { template, pages } = resolveTemplates(spec);

  const inconsistent = opts.inconsistent ?? rng.fork('consistency').chance(opts.inconsistentRate ?? 0.2);
  const tpsValues = generateTpsValues(rng.fork('values'), pages, { inconsistent, breakTemplates: [template.id] });
  const written = { ...tpsValues.values[template.id] };
  const broken = new Set(tpsValues.broken.filter((q) => q.startsWith(`${template.id}#`)).map((q) => q.slice(template.id.length + 1)));
  const blanks = rng.fork('blanks');
  for (const f of template.fields) {
    if (opts.blankFieldRate && blanks.chance(opts.blankFieldRate)) {
      written[f.id] = null;
      broken.add(f.id);
    }
  }
  const tps: TpsValues = { ...tpsValues.values, [template.id]: written };

  // Write on a copy of the (cached) blank.
  const printed = spec.kwk?.tps;
  const page = printed ? await kwkBlankForTps(template, printed) : cloneRgb(await blankPage(template));
  const boxH = median(template.fields.flatMap((f) => f.digits.map((d) => d.h))) || 60;
  const hand = rng.fork('hand');
  const writer = randomWriter(hand.fork('writer'), boxH);
  const marks: Record<string, FieldMarks> = {};
  for (const f of template.fields) marks[f.id] = writeField(page, hand.fork(`field:${f.id}`), writer, f, written[f.id] ?? null, opts.digits);

  const covered = chooseCovered(rng.fork('cover'), template, opts.coverMarks);
  const occ = rng.fork('occluders');
  for (const id of covered) {
    const mark = template.registration.marks.find((m) => m.id === id)!;
    coverRect(page, occ, mark.rect, occ.pick<OccluderKind>(['thumb', 'thumb', 'paper', 'pen']));
  }

  const failed = evaluateFailed(pages, tps, template.id);
  return {
    page,
    template,
    truth: {
      seed: spec.seed,
      templateId: template.id,
      form: template.form,
      page: template.page,
      fields: written,
      consistent: failed.length === 0 && broken.size === 0,
      brokenFields: [...broken].sort(),
      failedChecks: failed,
      tps,
      marks,
      coveredMarks: covered,
    },
  };
}

export async function generateSample(spec: SampleSpec): Promise<Sample> {
  const filled = await fillSamplePage(spec);
  const photo = await photographPage(new Rng(spec.seed).fork('photo'), filled.page, spec.options?.photo);
  return {
    jpeg: photo.jpeg,
    truth: {
      ...filled.truth,
      transform: { homography: photo.homography, width: photo.width, height: photo.height },
      exifOrientation: photo.exifOrientation,
      photo: photo.meta,
    },
  };
}

/** Failing checks that concern this page: its own, and other pages' checks that reference it. */
function evaluateFailed(pages: FormTemplate[], tps: TpsValues, templateId: string): string[] {
  const concerns = new Set<string>();
  for (const t of pages) {
    for (const c of t.checks) {
      const refs = c.type === 'sum' ? [...c.left, c.right] : [c.left, c.right];
      if (t.id === templateId || refs.some((r) => r.startsWith(`${templateId}#`))) concerns.add(`${t.id}:${c.id}`);
    }
  }
  return evaluateChecks(pages, tps)
    .filter((c) => c.status === 'failed')
    .map((c) => `${c.templateId}:${c.checkId}`)
    .filter((k) => concerns.has(k));
}

function chooseCovered(rng: Rng, t: FormTemplate, spec: string[] | number | undefined): string[] {
  if (spec === undefined || spec === 0) return [];
  if (Array.isArray(spec)) {
    for (const id of spec) if (!t.registration.marks.some((m) => m.id === id)) throw new Error(`${t.id} has no mark ${id}`);
    return [...spec];
  }
  const pageMarks = t.registration.marks.filter((m) => PAGE_MARK_TYPES.has(m.type)).map((m) => m.id);
  return rng.shuffle(pageMarks).slice(0, Math.min(spec, pageMarks.length)).sort();
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
