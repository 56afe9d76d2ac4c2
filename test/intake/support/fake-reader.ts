/**
 * A stand-in reader for the queue-mechanics tests ONLY (crash, resume, cancel, duplicates, attachment):
 * each test "photo" is a small JSON file saying what its pages read as, so a test can set up any verdict,
 * template, field value or page identity in milliseconds. Files that are not such JSON are refused the way
 * the real decoder refuses a corrupt file. The real recognition engine is exercised in real-reader.test.ts.
 */
import fs from 'node:fs/promises';
import type { FieldReading, Verdict } from '../../../shared/recognition/reading.ts';
import type { IntakeReading, PageIdentity, PageReader, PageReaderFactory } from '../../../main/intake/types.ts';

export interface FakePage {
  verdict?: Verdict;
  template?: string | null;
  fields?: Record<string, number | null>;
  reason?: string;
  error?: string;
  identity?: PageIdentity;
}

export interface FakePhoto {
  /** Makes two files with the same pages differ in bytes. */
  id: string;
  pages: FakePage[];
}

export function fakePhotoBytes(photo: FakePhoto): Buffer {
  return Buffer.from(JSON.stringify(photo));
}

export interface FakeReaderOptions {
  /** Time each file takes (ms): lets a test kill or cancel mid-batch. */
  delayMs?: number;
  /** Called with the path of every file read (to count reads). */
  onRead?: (file: string) => void;
}

export function fakeReaderFactory(options: FakeReaderOptions = {}): PageReaderFactory {
  return async (_workers: number): Promise<PageReader> => ({
    engine: 'fake-reader@test',
    async read(file, signal) {
      options.onRead?.(file);
      if (options.delayMs) await sleep(options.delayMs, signal);
      signal?.throwIfAborted();
      const text = (await fs.readFile(file)).toString('utf8');
      let photo: FakePhoto;
      try {
        photo = JSON.parse(text) as FakePhoto;
      } catch {
        return [{ file, template: null, verdict: 'unregistered', fields: {}, checks: [], error: 'Berkas rusak atau tidak lengkap sehingga gambarnya tidak dapat dibaca.' }];
      }
      const multi = photo.pages.length > 1;
      if (photo.pages.length === 0) {
        return [{ file, template: null, verdict: 'unregistered', fields: {}, checks: [], error: 'Berkas PDF ini tidak berisi halaman.' }];
      }
      return photo.pages.map((p, i): IntakeReading => ({
        file,
        ...(multi ? { page: i + 1 } : {}),
        template: p.template ?? null,
        verdict: p.verdict ?? 'accepted',
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.error ? { error: p.error } : {}),
        ...(p.identity ? { identity: p.identity } : {}),
        fields: Object.fromEntries(Object.entries(p.fields ?? {}).map(([id, value]): [string, FieldReading] => [
          id, { value, confidence: value === null ? 0 : 0.99, source: 'digits', needsReview: value === null },
        ])),
        checks: [],
        timings: { total: options.delayMs ?? 0 },
      }));
    },
    async close() {},
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** A consistent KWK 3-paslon page: hal 1 (voters, ballots) or hal 2 (votes), values derived from `n`. */
export function kwkPage(halaman: 1 | 2, n = 1): FakePage {
  if (halaman === 2) {
    const v = [40 + (n % 50), 30 + (n % 40), 20 + (n % 30)];
    const sah = v[0]! + v[1]! + v[2]!;
    return { template: 'pleno-kwk-3paslon-hal2', fields: { 'IV.1': v[0]!, 'IV.2': v[1]!, 'IV.3': v[2]!, 'V.A': sah, 'V.B': 2, 'V.C': sah + 2 } };
  }
  return { template: 'pleno-kwk-3paslon-hal1', fields: { 'I.A.L': 120, 'I.A.P': 130, 'I.A.LP': 250, 'II.1': 255 } };
}
