/**
 * The page's QR code, read from the rectified page: Pleno's C.Hasil-KWK prints one with the TPS code, race,
 * paslon count and page (`PLENO-KWK1:…`, see main/forms/kwk-layout.ts), the NETGRIT draft one with its own
 * code. Intake uses the text to attach the page to its TPS and to flag a page whose QR contradicts the TPS
 * it was filed under.
 *
 * The QR is sampled upright through the page's homography from the working image, so jsQR gets a small,
 * square, upright crop (~15–30 ms) instead of searching the photo.
 */
import jsQR from 'jsqr';
import type { GrayImage } from '../gray-image.ts';
import type { FormTemplate } from '../templates/schema.ts';
import type { CanonRect } from './read-regions.ts';
import type { Mat, OpenCv } from '../opencv/types.ts';
import { matToGray, withMats } from '../opencv/gray-mat.ts';
import { composeH, type Homography } from './geometry.ts';

/** Where the template prints a QR code (its identity QR, else a QR registration mark). */
export function qrRect(template: FormTemplate): CanonRect | undefined {
  if (template.identity?.type === 'qr') return template.identity.rect;
  const mark = template.registration.marks.find((m) => m.type === 'qr');
  return mark?.rect;
}

/** Quiet zone kept around the printed QR, canonical px. */
const QUIET = 20;

/**
 * The page's QR text, sampled from the working image through the page's homography at about
 * TARGET_PX across (NETGRIT's 21-module code is 98 canonical px: ~4.7 px per module is too few for
 * jsQR after blur and JPEG, 2–3× is enough), or at two thirds of that. The coarser sampling is tried
 * first: it reads most pages at about half jsQR's time (KWK, 12 MP photos, CPU: 8–14 ms vs 16–57), and
 * the finer one is the fallback, so the same pages are read as with the finer one first. Undefined when
 * the template has no QR or it cannot be read (covered, blurred).
 */
export function readPageQr(cv: OpenCv, image: Mat, H: Homography, template: FormTemplate): string | undefined {
  const r = qrRect(template);
  if (!r) return undefined;
  const scale = Math.min(3, Math.max(1, TARGET_PX / r.w));
  return decodeQrThrough(cv, image, H, template, Math.max(1, scale * 0.67)) ?? decodeQrThrough(cv, image, H, template, scale);
}

/** Side of the sampled QR, px. */
const TARGET_PX = 300;

function decodeGray(crop: GrayImage): string | undefined {
  const rgba = new Uint8ClampedArray(crop.width * crop.height * 4);
  for (let i = 0, j = 0; i < crop.data.length; i++, j += 4) {
    const v = crop.data[i];
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  // Printed black on paper: never inverted, which halves jsQR's work.
  const found = jsQR(rgba, crop.width, crop.height, { inversionAttempts: 'dontInvert' });
  const text = found?.data.trim();
  return text ? text : undefined;
}

/**
 * Reads a template's QR straight from the working image through a homography (canonical → image px),
 * before any rectified page exists: registration uses it to tell pages that share their marks apart.
 */
export function decodeQrThrough(cv: OpenCv, image: Mat, H: Homography, template: FormTemplate, scale = 1): string | undefined {
  const r = qrRect(template);
  if (!r) return undefined;
  const x0 = r.x - QUIET;
  const y0 = r.y - QUIET;
  // Sampled at SCALE px per canonical px: jsQR's grid sampling misses modules of under ~5 px.
  const w = Math.round((r.w + 2 * QUIET) * scale);
  const h = Math.round((r.h + 2 * QUIET) * scale);
  const region = withMats((track) => {
    const T = track(cv.matFromArray(3, 3, cv.CV_64F, composeH(H, [1 / scale, 0, x0, 0, 1 / scale, y0, 0, 0, 1])));
    const out = track(new cv.Mat());
    cv.warpPerspective(image, out, T, new cv.Size(w, h), cv.INTER_LINEAR + cv.WARP_INVERSE_MAP, cv.BORDER_CONSTANT, new cv.Scalar(255));
    return matToGray(out);
  });
  return decodeGray(region);
}

/** The literal text a template's QR holds, when the template fixes it (NETGRIT: one code per page). */
export function fixedQrContent(template: FormTemplate): string | undefined {
  const mark = template.registration.marks.find((m) => m.type === 'qr');
  return mark?.type === 'qr' && mark.content && !mark.content.includes('<') ? mark.content : undefined;
}
