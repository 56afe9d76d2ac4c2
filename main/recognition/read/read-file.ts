/**
 * One input file → one PageReading per page, in the calling thread: decode (lazily, preview first) →
 * register against the shipped templates → read the fields of each registered page.
 *
 * Expected failures are values: a file that cannot be used at all yields one reading with `error`; a page
 * that cannot be decoded yields its own reading with `error`; the other pages are still read.
 */
import { openInput, type DecodeOptions, type PageSource } from '../decode/index.ts';
import { registerPage } from '../register/register-page.ts';
import type { RegisterResult } from '../register/types.ts';
import { allTemplates, getTemplate } from '../templates/loader.ts';
import type { FormTemplate } from '../templates/schema.ts';
import type { PageReading } from '../../../shared/recognition/reading.ts';
import type { FieldEvidence } from '../joint/index.ts';
import { readRegisteredPage, type FieldReadOptions } from './index.ts';
import { gatherEvidence, gateOnRegistration } from './read-page.ts';
import { digitReaders } from './readers.ts';

export interface ReadFileOptions extends FieldReadOptions {
  decode?: DecodeOptions;
  /** Templates to register against (default: every shipped template). */
  templates?: readonly FormTemplate[];
  /** Called before each page is read, so a long PDF can be abandoned between pages. */
  shouldStop?: () => boolean;
}

/** `file` is what the reading reports as its `file` (the path as given); `input` what is read (path or bytes). */
export async function readFileInThread(file: string, input: string | Uint8Array, options: ReadFileOptions = {}): Promise<PageReading[]> {
  const started = performance.now();
  const opened = await openInput(input, options.decode);
  if (!opened.ok) return [errorReading(file, opened.error.message)];
  const templates = options.templates ?? allTemplates();
  const multiPage = opened.value.format === 'pdf';
  const readings: PageReading[] = [];
  try {
    for (const source of opened.value.pages) {
      if (options.shouldStop?.()) break;
      const pageStarted = performance.now();
      // A page whose pixels cannot be decoded (truncated or corrupt data) is an error, not an unread form.
      let loadError: string | undefined;
      const watched: PageSource = {
        ...source,
        load: async (size) => {
          const r = await source.load(size);
          if (!r.ok) loadError ??= r.error.message;
          return r;
        },
      };
      const registered = await registerPage(watched, templates);
      if (loadError !== undefined && registered.kind !== 'registered') {
        readings.push({ ...errorReading(file, loadError), ...(multiPage ? { page: source.pageNumber } : {}) });
        continue;
      }
      const reading = readingFrom(file, multiPage ? source.pageNumber : undefined, registered, { ...options, templates });
      reading.timings = { ...registered.timings, ...reading.timings, total: ms(performance.now() - pageStarted) };
      readings.push(reading);
    }
  } finally {
    await opened.value.close();
  }
  if (readings.length === 1 && readings[0].timings) readings[0].timings.total = ms(performance.now() - started);
  return readings;
}

/** Turns a registration outcome into the page's reading (reading the fields when the page registered). */
export function readingFrom(
  file: string,
  page: number | undefined,
  registered: RegisterResult,
  options: FieldReadOptions & { templates?: readonly FormTemplate[] } = {},
): PageReading {
  const base = { file, ...(page === undefined ? {} : { page }) };
  if (registered.kind === 'not_a_form') {
    return { ...base, template: null, verdict: 'not_a_form', reason: registered.reason, fields: {}, checks: [] };
  }
  if (registered.kind === 'unregistered') {
    return { ...base, template: registered.partial.templateId ?? null, verdict: 'unregistered', reason: registered.reason, fields: {}, checks: [] };
  }
  const template = options.templates?.find((t) => t.id === registered.templateId) ?? getTemplate(registered.templateId);
  if (!template) throw new Error(`template ${registered.templateId} registered but not known`);
  const t0 = performance.now();
  // A poor fit can put a section a row off (wrong values that still add up): the gate flags every field.
  const judgement = gateOnRegistration(readRegisteredPage(registered.rectified, template, options), registered.quality);
  return {
    ...base,
    template: template.id,
    ...(registered.qr === undefined ? {} : { qr: registered.qr }),
    ...judgement,
    registration: {
      marksFound: registered.quality.marksFound,
      marksExpected: registered.quality.marksExpected,
      reprojErrorPx: registered.quality.reprojErrorPx,
      bendPx: registered.quality.bendPx,
    },
    timings: { read: ms(performance.now() - t0) },
  };
}

export function errorReading(file: string, error: string): PageReading {
  return { file, template: null, verdict: 'unregistered', fields: {}, checks: [], error };
}

const ms = (x: number) => Math.round(x * 10) / 10;

/** What the reader saw on one registered page, before judging: for tuning the decoder's thresholds offline. */
export interface PageEvidence {
  templateId: string;
  evidence: FieldEvidence[];
}

/** Decodes and registers every page and gathers its field evidence (null for pages that did not register). */
export async function collectEvidenceInThread(input: string | Uint8Array, options: ReadFileOptions = {}): Promise<(PageEvidence | null)[]> {
  const opened = await openInput(input, options.decode);
  if (!opened.ok) return [null];
  const templates = options.templates ?? allTemplates();
  const out: (PageEvidence | null)[] = [];
  try {
    for (const source of opened.value.pages) {
      const registered = await registerPage(source, templates);
      if (registered.kind !== 'registered') {
        out.push(null);
        continue;
      }
      const template = templates.find((t) => t.id === registered.templateId)!;
      out.push({ templateId: template.id, evidence: gatherEvidence(registered.rectified, template, digitReaders(options.digitModelPath)) });
    }
  } finally {
    await opened.value.close();
  }
  return out;
}
