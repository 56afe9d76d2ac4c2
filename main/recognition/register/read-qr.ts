/**
 * The page's QR code, read from the rectified page: Pleno's C.Hasil-KWK prints one with the TPS code, race,
 * paslon count and page (`PLENO-KWK1:…`, see main/forms/kwk-layout.ts), the NETGRIT draft one with its own
 * code. Intake uses the text to attach the page to its TPS and to flag a page whose QR contradicts the TPS
 * it was filed under.
 *
 * The rectified page holds the QR upright at canonical resolution (the region is always rectified, see
 * read-regions.ts), so jsQR gets a small, square, upright crop: ~5 ms instead of a search of the photo.
 */
import jsQR from 'jsqr';
import { cropGray, type GrayImage } from '../gray-image.ts';
import type { FormTemplate } from '../templates/schema.ts';
import type { CanonRect } from './read-regions.ts';

/** Where the template prints a QR code (its identity QR, else a QR registration mark). */
export function qrRect(template: FormTemplate): CanonRect | undefined {
  if (template.identity?.type === 'qr') return template.identity.rect;
  const mark = template.registration.marks.find((m) => m.type === 'qr');
  return mark?.rect;
}

/** Quiet zone kept around the printed QR, canonical px (the readers' region keeps 24 px of it). */
const QUIET = 20;

/** The decoded text, or undefined when the template has no QR or it cannot be read (covered, blurred). */
export function readPageQr(page: GrayImage, template: FormTemplate): string | undefined {
  const r = qrRect(template);
  if (!r) return undefined;
  const crop = cropGray(page, Math.round(r.x - QUIET), Math.round(r.y - QUIET), Math.round(r.w + 2 * QUIET), Math.round(r.h + 2 * QUIET));
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
