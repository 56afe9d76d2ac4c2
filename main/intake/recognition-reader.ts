/**
 * The real PageReader: Pleno's recognition engine (main/recognition) in its worker pool. Loaded lazily so
 * that the queue (and its tests with a fake reader) never pulls opencv in.
 *
 * Page identity: when recognition reports the decoded QR text of a page (a `qr` string on the reading, as
 * Pleno's own C.Hasil-KWK carries `PLENO-KWK1:<tps>:<G|B|W>:<paslon>:<halaman>`), it becomes the page's
 * own claim about its TPS, race and page, which outranks the file name.
 */
import type { JenisPemilihan } from '../../shared/domain/types.ts';
import type { PageReading } from '../../shared/recognition/reading.ts';
import { packageVersion } from '../paths.ts';
import { preloadFormInfo } from './form-info.ts';
import type { IntakeReading, PageIdentity, PageReader } from './types.ts';

/** How far below the app's main thread the import's reader threads run. */
export const READER_NICE_INCREMENT = 10;

/**
 * For the cores that serve, before they answer anyone: validate the shipped templates and load the reader's
 * modules — ~0,3 s of main-thread work (measured under tsx: 190 + 136 ms) that would otherwise stall every
 * screen at the moment the operator starts the first import (or, done in idle time after start, whenever the
 * first click happens to come). Never rejects: the first import reports a broken template itself.
 */
export async function warmImportPath(): Promise<void> {
  try {
    preloadFormInfo();
    await import('../recognition/index.ts');
  } catch {
    // reported by the import that needs it
  }
}

export async function recognitionReader(workers: number): Promise<PageReader> {
  return recognitionReaderWith({})(workers);
}

/** The same with recognition's read options (e.g. another digit model file, for benchmarks and trials). */
export function recognitionReaderWith(read: { digitModelPath?: string }): (workers: number) => Promise<PageReader> {
  return async (workers) => {
    const { createReader } = await import('../recognition/index.ts');
    // The import runs in the background of the app: its reader threads give way to the main thread, which
    // answers every click (+10: below the app, still above truly idle work).
    const reader = await createReader({ workers, read, niceIncrement: READER_NICE_INCREMENT });
    return {
      engine: `pleno-recognition@${packageVersion()}`,
      read: async (file, signal) => (await reader.read(file, signal)).map(withIdentity),
      close: () => reader.close(),
    };
  };
}

function withIdentity(reading: PageReading): IntakeReading {
  const qr = (reading as PageReading & { qr?: unknown }).qr;
  const identity = typeof qr === 'string' ? identityFromQr(qr) : null;
  return identity ? { ...reading, identity } : reading;
}

const JENIS: Record<string, JenisPemilihan> = { G: 'gubernur', B: 'bupati', W: 'walikota' };

/** Reads the identity line of Pleno's C.Hasil-KWK QR code; null for anything else. */
export function identityFromQr(text: string): PageIdentity | null {
  const m = /^PLENO-KWK1:(\d{13}):([GBW]):([1-6]):([1-9])$/.exec(text.trim());
  if (!m) return null;
  return { source: 'qr', tpsCode: m[1]!, jenis: JENIS[m[2]!]!, halaman: Number(m[4]) };
}
