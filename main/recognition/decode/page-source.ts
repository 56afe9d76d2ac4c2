/**
 * A page of an input file that can be decoded on demand at a chosen size. Registration first looks at a
 * small preview (~1000 px: its own small decode for a big JPEG, else box-averaged from the working image)
 * and only goes on to the working image when the preview holds a form.
 */
import type { GrayImage } from '../gray-image.ts';
import type { DecodeError } from './errors.ts';
import type { Result } from './result.ts';

export type PageOrigin = 'image' | 'pdf-embedded-image' | 'pdf-rendered';

export interface PageSource {
  /** 1-based page number within the file (always 1 for a photo). */
  pageNumber: number;
  origin: PageOrigin;
  /**
   * Upright size of the page at its native resolution: image pixels after EXIF orientation, the embedded
   * image's pixels, or for a rendered PDF page its size at 72 dpi (PDF points).
   */
  width: number;
  height: number;
  /**
   * Decodes the page upright as 8-bit gray with its long side in [minLongSide, maxLongSide] when the
   * source is at least that large (images are never enlarged; rendered PDF pages are rasterised to fit).
   * The range lets a JPEG be decoded at a pure 1/2, 1/4 or 1/8 shrink-on-load with no resampling pass.
   */
  load(size: LongSide): Promise<Result<GrayImage, DecodeError>>;
}

export interface LongSide {
  min: number;
  max: number;
  /**
   * The caller accepts libjpeg's scaled decode (the shrink done inside the inverse DCT, JPEG files only):
   * about half the CPU of a full decode plus box average, and nearly but not exactly the same pixels —
   * close enough to find a page tag and read a tagged page, not for the tagless registration's small
   * marks (see raster.ts fileShrink). Default false: a big JPEG's working image is the box average.
   */
  dctShrink?: boolean;
}

/**
 * Working size: digit boxes come out ~45–60 px tall on a photographed A4 or plano page, and a gray page
 * stays ≤ ~11 MB in the wasm heap. A 12 MP photo is decoded at full size and box-averaged 2×2 (2000 px), a 3264 px one kept as it is.
 */
export const WORKING_SIZE: LongSide = { min: 2000, max: 3300 };
/** Preview used to find page tags and decide `not_a_form` quickly (for square images; registration scales it by the aspect ratio so the short side gets ≥ 600 px). */
export const PREVIEW_SIZE: LongSide = { min: 600, max: 1300 };
