/**
 * GrayImage ⇄ cv.Mat, Mat lifetime and opencv error decoding. Every Mat lives in the wasm heap and must be
 * `delete()`d; `withMats` deletes everything it tracked when the callback returns or throws.
 */
import type { GrayImage } from '../gray-image.ts';
import type { Mat, OpenCv } from './types.ts';

/** Copies a gray image into a new CV_8UC1 Mat (caller deletes it). */
export function grayToMat(cv: OpenCv, img: GrayImage): Mat {
  const mat = new cv.Mat(img.height, img.width, cv.CV_8UC1);
  mat.data.set(img.data.subarray(0, img.width * img.height));
  return mat;
}

/** Copies a CV_8UC1 Mat out of the wasm heap (a view would be invalidated when the heap grows). */
export function matToGray(mat: Mat): GrayImage {
  const width = mat.cols;
  const height = mat.rows;
  const data = new Uint8Array(width * height);
  if (mat.isContinuous()) data.set(mat.data.subarray(0, width * height));
  else for (let y = 0; y < height; y++) data.set(mat.data.subarray(y * mat.step[0], y * mat.step[0] + width), y * width);
  return { width, height, data };
}

interface Deletable {
  delete(): void;
  isDeleted?(): boolean;
}

/** Runs `fn` with a tracker; every object passed to `track` is deleted afterwards, even on throw. */
export function withMats<T>(fn: (track: <M extends Deletable>(m: M) => M) => T): T {
  const owned: Deletable[] = [];
  const track = <M extends Deletable>(m: M): M => {
    owned.push(m);
    return m;
  };
  try {
    return fn(track);
  } finally {
    for (let i = owned.length - 1; i >= 0; i--) {
      const m = owned[i];
      if (!m.isDeleted?.()) m.delete();
    }
  }
}

/** opencv.js throws C++ exceptions as bare numbers (pointers); this turns any thrown value into text. */
export function cvErrorMessage(cv: OpenCv, e: unknown): string {
  if (typeof e === 'number') {
    try {
      return `opencv: ${cv.exceptionFromPtr(e).msg}`;
    } catch {
      return `opencv: exception ${e}`;
    }
  }
  return e instanceof Error ? e.message : String(e);
}

/** Rethrows whatever opencv threw as a real Error with its message. */
export function rethrowCv(cv: OpenCv, e: unknown): never {
  if (e instanceof Error) throw e;
  throw new Error(cvErrorMessage(cv, e));
}
