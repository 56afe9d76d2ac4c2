/**
 * Content-addressed file store: every imported file is kept once, under its sha256, at
 * `<root>/ab/cdef…` (first two hex digits as a folder, so no folder grows past a few thousand entries).
 *
 * Writes are atomic and durable: the bytes go to a temp file in `<root>/tmp/`, are fsynced, made read-only
 * and renamed into place, and the folder is fsynced; a crash leaves either no file or the whole file, never
 * a torn one under a real hash. Reading the source, hashing and copying is one pass over the bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sniffMime } from './mime.ts';

export interface BlobInfo {
  sha256: string;
  size: number;
  mime: string;
  /** Where the bytes are now, inside the store. */
  path: string;
}

export type IngestResult =
  | { ok: true; blob: BlobInfo }
  | { ok: false; code: 'not_found' | 'not_a_file' | 'empty' | 'too_large' | 'io'; message: string };

/** Bigger than any photo or C.Hasil PDF; refuses the odd video or disk image dropped by mistake. */
export const MAX_BLOB_BYTES = 512 * 1024 * 1024;

export interface BlobStore {
  readonly root: string;
  pathOf(sha256: string): string;
  has(sha256: string): boolean;
  /** Copies a file in (or finds it already there). Expected failures are values with an Indonesian message. */
  ingestFile(source: string): Promise<IngestResult>;
  ingestBytes(bytes: Uint8Array): Promise<IngestResult>;
  /**
   * A file arriving in pieces (an upload from the browser, chunk by chunk): hashed and written as it comes,
   * settled into the store by `finish` (same atomic, durable write as ingestFile), dropped by `abort`.
   */
  beginWrite(): Promise<BlobWriter>;
}

export interface BlobWriter {
  readonly size: number;
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<IngestResult>;
  abort(): Promise<void>;
}

const SHA_RE = /^[0-9a-f]{64}$/;

/**
 * The blob folder that goes with a database file: `blobs/` beside it. An in-memory database (tests, demos)
 * has no folder of its own, so its photos go to one per-process folder under the system temp dir — never
 * into whatever the working directory happens to be.
 */
export function blobRootFor(dbPath: string): string {
  if (dbPath === ':memory:') return path.join(os.tmpdir(), `pleno-memory-blobs-${process.pid}`);
  return path.join(path.dirname(path.resolve(dbPath)), 'blobs');
}

export function createBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');

  const pathOf = (sha256: string) => {
    if (!SHA_RE.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2));
  };

  /** Moves a complete, fsynced temp file to its hash's place (or drops it when the blob is already there). */
  async function settle(tmp: string, sha256: string, size: number, head: Uint8Array): Promise<BlobInfo> {
    const final = pathOf(sha256);
    const existing = await fsp.stat(final).catch(() => null);
    if (existing?.isFile() && existing.size === size) {
      await fsp.rm(tmp, { force: true });
    } else {
      await fsp.mkdir(path.dirname(final), { recursive: true });
      await fsp.chmod(tmp, 0o444);
      await fsp.rename(tmp, final);
      await fsyncDir(path.dirname(final));
    }
    return { sha256, size, mime: sniffMime(head), path: final };
  }

  async function ingestFile(source: string): Promise<IngestResult> {
    let stat: fs.Stats;
    try {
      stat = await fsp.stat(source);
    } catch {
      return { ok: false, code: 'not_found', message: 'Berkas tidak ditemukan atau tidak dapat dibaca (mungkin dipindah atau dihapus).' };
    }
    if (!stat.isFile()) return { ok: false, code: 'not_a_file', message: 'Bukan berkas biasa (folder atau perangkat).' };
    if (stat.size === 0) return { ok: false, code: 'empty', message: 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.' };
    if (stat.size > MAX_BLOB_BYTES) return tooLarge(stat.size);

    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let head: Uint8Array = new Uint8Array(0);
    let out: fsp.FileHandle | null = null;
    try {
      out = await fsp.open(tmp, 'wx');
      for await (const chunk of fs.createReadStream(source, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        hash.update(chunk);
        size += chunk.length;
        await out.write(chunk);
      }
      await out.sync();
      await out.close();
      out = null;
    } catch (error) {
      await out?.close().catch(() => {});
      await fsp.rm(tmp, { force: true });
      return { ok: false, code: 'io', message: `Berkas tidak dapat disalin ke penyimpanan foto: ${describe(error)}.` };
    }
    if (size === 0) {
      await fsp.rm(tmp, { force: true });
      return { ok: false, code: 'empty', message: 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.' };
    }
    try {
      return { ok: true, blob: await settle(tmp, hash.digest('hex'), size, head) };
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      return { ok: false, code: 'io', message: `Penyimpanan foto tidak dapat ditulis: ${describe(error)}.` };
    }
  }

  async function ingestBytes(bytes: Uint8Array): Promise<IngestResult> {
    if (bytes.byteLength === 0) return { ok: false, code: 'empty', message: 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.' };
    if (bytes.byteLength > MAX_BLOB_BYTES) return tooLarge(bytes.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (has(sha256)) return { ok: true, blob: { sha256, size: bytes.byteLength, mime: sniffMime(bytes), path: pathOf(sha256) } };
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
    try {
      const out = await fsp.open(tmp, 'wx');
      try {
        await out.write(bytes);
        await out.sync();
      } finally {
        await out.close();
      }
      return { ok: true, blob: await settle(tmp, sha256, bytes.byteLength, bytes.subarray(0, 16)) };
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      return { ok: false, code: 'io', message: `Penyimpanan foto tidak dapat ditulis: ${describe(error)}.` };
    }
  }

  async function beginWrite(): Promise<BlobWriter> {
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
    const out = await fsp.open(tmp, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    let head: Uint8Array = new Uint8Array(0);
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await out.close().catch(() => {});
    };
    return {
      get size() {
        return size;
      },
      async write(chunk) {
        if (closed) throw new Error('blob writer closed');
        if (size + chunk.byteLength > MAX_BLOB_BYTES) throw new Error('too large');
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        hash.update(chunk);
        size += chunk.byteLength;
        await out.write(chunk);
      },
      async finish() {
        if (size === 0) {
          await close();
          await fsp.rm(tmp, { force: true });
          return { ok: false, code: 'empty', message: 'Berkas kosong (0 byte): tidak ada gambar untuk dibaca.' };
        }
        try {
          await out.sync();
          await close();
          return { ok: true, blob: await settle(tmp, hash.digest('hex'), size, head) };
        } catch (error) {
          await close();
          await fsp.rm(tmp, { force: true });
          return { ok: false, code: 'io', message: `Penyimpanan foto tidak dapat ditulis: ${describe(error)}.` };
        }
      },
      async abort() {
        await close();
        await fsp.rm(tmp, { force: true });
      },
    };
  }

  function has(sha256: string): boolean {
    return fs.statSync(pathOf(sha256), { throwIfNoEntry: false })?.isFile() === true;
  }

  return { root, pathOf, has, ingestFile, ingestBytes, beginWrite };
}

function tooLarge(size: number): IngestResult {
  const mb = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(size / (1024 * 1024));
  return { ok: false, code: 'too_large', message: `Berkas terlalu besar (${mb} MB); batasnya ${MAX_BLOB_BYTES / (1024 * 1024)} MB.` };
}

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals the rename itself. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'disk penuh';
  if (code === 'EACCES' || code === 'EPERM') return 'tidak ada izin';
  return error instanceof Error ? error.message : String(error);
}
