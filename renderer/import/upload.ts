/**
 * Uploading files into an import, as the API wants them: one file after another, each in 512 KiB chunks of
 * base64 (the host takes requests of at most 1 MiB; the server hashes and writes each chunk as it comes and
 * queues the file when the last one lands, so reading starts while later files are still uploading).
 */
import { UPLOAD_CHUNK_BYTES, type UploadAnswer } from '../../shared/api/methods/intake.ts';
import { getApi } from '../api/client.ts';
import type { NamedFile } from './files.ts';

export interface UploadProgress {
  filesSent: number;
  filesTotal: number;
  bytesSent: number;
  bytesTotal: number;
}

/** Base64 of a slice, without holding it as a JS string of bytes (FileReader encodes natively). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('berkas tidak dapat dibaca'));
    reader.readAsDataURL(blob);
  });
}

async function uploadOne(batchId: number, entry: NamedFile, onBytes: (n: number) => void, signal: AbortSignal): Promise<UploadAnswer> {
  const { file, name } = entry;
  let uploadId: string | null = null;
  let offset = 0;
  for (;;) {
    signal.throwIfAborted();
    const slice = file.slice(offset, offset + UPLOAD_CHUNK_BYTES);
    const data = slice.size > 0 ? await base64Of(slice) : '';
    const answer: UploadAnswer = await getApi().uploadImportChunk({ batchId, uploadId, name, size: file.size, offset, data });
    if (answer.kind !== 'partial') {
      onBytes(file.size - offset);
      return answer;
    }
    onBytes(answer.received - offset);
    uploadId = answer.uploadId;
    offset = answer.received;
  }
}

/** Uploads every file; a file the browser cannot read is reported and the others go on. Stops on `signal`. */
export async function uploadFiles(
  batchId: number,
  files: readonly NamedFile[],
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<{ name: string; message: string }[]> {
  const progress: UploadProgress = { filesSent: 0, filesTotal: files.length, bytesSent: 0, bytesTotal: files.reduce((n, f) => n + f.file.size, 0) };
  const failures: { name: string; message: string }[] = [];
  onProgress({ ...progress });
  for (const entry of files) {
    if (signal.aborted) break;
    try {
      await uploadOne(batchId, entry, (n) => {
        progress.bytesSent += n;
        onProgress({ ...progress });
      }, signal);
    } catch (error) {
      if (signal.aborted) break;
      const message = error instanceof Error ? error.message : String(error);
      // the import was cancelled meanwhile: nothing more to send
      if (/dibatalkan/.test(message)) break;
      failures.push({ name: entry.name, message });
    }
    progress.filesSent++;
    onProgress({ ...progress });
  }
  return failures;
}
