/**
 * Uploads from the browser, a file at a time in chunks: the API's request bodies are small (1 MiB), a
 * C.Hasil photo is a few MB and a PDF can be far more. Each chunk is hashed and written as it arrives
 * (blob-store's BlobWriter), so no file is ever held whole in memory and no request blocks the event loop
 * for longer than one chunk takes; the last chunk settles the file into the store and the batch's queue.
 *
 * Chunks must come in order (`offset` = bytes received so far): a retried or out-of-order chunk is refused
 * with the offset expected, and the client resends from there.
 */
import { randomBytes } from 'node:crypto';
import type { BlobStore, BlobWriter } from './blob-store.ts';
import { MAX_BLOB_BYTES } from './blob-store.ts';

export type UploadChunk = {
  batchId: number;
  /** null on the first chunk of a file; then the id the first answer gave. */
  uploadId: string | null;
  name: string;
  /** The whole file's size in bytes. */
  size: number;
  offset: number;
  bytes: Uint8Array;
};

export type UploadAnswer =
  | { kind: 'partial'; uploadId: string; received: number }
  /** The whole file is stored (sha256 known) or was refused (message); either way the file is finished. */
  | { kind: 'stored'; uploadId: string; sha256: string; size: number; mime: string }
  | { kind: 'rejected'; uploadId: string; message: string }
  /** Not accepted (wrong offset, unknown upload): nothing changed; resend from `expected` or start again. */
  | { kind: 'refused'; message: string; expected: number | null };

interface Session {
  id: string;
  batchId: number;
  name: string;
  size: number;
  writer: BlobWriter;
  touched: number;
  /** Chunks of one upload are written one after the other, never interleaved. */
  busy: boolean;
}

/** An upload nobody sent a chunk for this long (tab closed, network gone) is dropped with its temp file. */
const IDLE_MS = 10 * 60_000;
const MAX_SESSIONS = 64;

export interface UploadSessions {
  chunk(input: UploadChunk): Promise<UploadAnswer>;
  /** Drops every unfinished upload (shutdown, tests). */
  close(): Promise<void>;
}

export function createUploadSessions(blobs: BlobStore, now: () => number = Date.now): UploadSessions {
  const sessions = new Map<string, Session>();
  const drop = async (session: Session) => {
    sessions.delete(session.id);
    await session.writer.abort();
  };
  const sweep = async () => {
    for (const session of [...sessions.values()]) if (!session.busy && now() - session.touched > IDLE_MS) await drop(session);
  };

  return {
    async chunk(input) {
      await sweep();
      let session: Session | undefined;
      if (input.uploadId === null) {
        if (input.offset !== 0) return { kind: 'refused', message: 'unggahan baru harus mulai dari bita 0', expected: 0 };
        if (input.size > MAX_BLOB_BYTES) {
          const mb = Math.round(input.size / (1024 * 1024));
          return { kind: 'rejected', uploadId: newId(), message: `Berkas terlalu besar (${mb} MB); batasnya ${MAX_BLOB_BYTES / (1024 * 1024)} MB.` };
        }
        if (sessions.size >= MAX_SESSIONS) return { kind: 'refused', message: 'terlalu banyak unggahan yang belum selesai; coba lagi sebentar lagi', expected: null };
        session = { id: newId(), batchId: input.batchId, name: input.name, size: input.size, writer: await blobs.beginWrite(), touched: now(), busy: false };
        sessions.set(session.id, session);
      } else {
        session = sessions.get(input.uploadId);
        if (!session || session.batchId !== input.batchId) return { kind: 'refused', message: 'unggahan tidak dikenal (mungkin kedaluwarsa); kirim ulang berkasnya', expected: null };
        if (session.busy) return { kind: 'refused', message: 'potongan sebelumnya masih ditulis', expected: session.writer.size };
      }
      if (input.offset !== session.writer.size) return { kind: 'refused', message: 'urutan potongan salah', expected: session.writer.size };
      if (session.writer.size + input.bytes.byteLength > session.size) {
        await drop(session);
        return { kind: 'rejected', uploadId: session.id, message: 'Berkas lebih besar dari ukuran yang diumumkan; unggah ulang.' };
      }
      session.busy = true;
      try {
        if (input.bytes.byteLength > 0) await session.writer.write(input.bytes);
      } catch (error) {
        await drop(session);
        return { kind: 'rejected', uploadId: session.id, message: `Berkas tidak dapat disimpan: ${error instanceof Error ? error.message : String(error)}.` };
      } finally {
        session.busy = false;
      }
      session.touched = now();
      if (session.writer.size < session.size) return { kind: 'partial', uploadId: session.id, received: session.writer.size };
      sessions.delete(session.id);
      const stored = await session.writer.finish();
      if (!stored.ok) return { kind: 'rejected', uploadId: session.id, message: stored.message };
      return { kind: 'stored', uploadId: session.id, sha256: stored.blob.sha256, size: stored.blob.size, mime: stored.blob.mime };
    },

    async close() {
      for (const session of [...sessions.values()]) await drop(session);
    },
  };
}

const newId = () => randomBytes(12).toString('hex');
