/**
 * A content check on the rectified page: are the printed digit-box borders where the template says?
 * Used when the marks alone cannot vouch for the fit — the page tag plus exactly three corner markers
 * determine a homography with nothing left over to catch one wrongly matched corner.
 */
import type { GrayImage } from '../gray-image.ts';
import type { FormTemplate } from '../templates/schema.ts';

/** Boxes sampled across the page. */
const SAMPLE = 12;
/** How far (canonical px) a border may sit from the template's rect and still count. */
const TOLERANCE = 6;

/**
 * Share of sampled digit boxes whose border is visibly darker than the paper just inside and outside it
 * on at least 3 of 4 sides; undefined when the template has no black-bordered boxes to check.
 */
export function boxBorderScore(page: GrayImage, template: FormTemplate): number | undefined {
  if (template.digitStyle?.border !== 'black') return undefined;
  const boxes = template.fields.flatMap((f) => f.digits);
  if (boxes.length === 0) return undefined;
  const step = Math.max(1, Math.floor(boxes.length / SAMPLE));
  const sample = boxes.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  const bw = Math.max(1, Math.round(template.digitStyle.borderPx));
  let ok = 0;
  for (const b of sample) {
    let sides = 0;
    // [x0, y0, x1, y1] of a thin strip along each edge, and the offset that moves it off the line.
    const edges: { strip: (d: number) => [number, number, number, number] }[] = [
      { strip: (d) => [b.x + bw * 2, b.y + d - bw / 2, b.x + b.w - bw * 2, b.y + d + bw / 2] },
      { strip: (d) => [b.x + bw * 2, b.y + b.h - d - bw / 2, b.x + b.w - bw * 2, b.y + b.h - d + bw / 2] },
      { strip: (d) => [b.x + d - bw / 2, b.y + bw * 2, b.x + d + bw / 2, b.y + b.h - bw * 2] },
      { strip: (d) => [b.x + b.w - d - bw / 2, b.y + bw * 2, b.x + b.w - d + bw / 2, b.y + b.h - bw * 2] },
    ];
    for (const e of edges) {
      // The darkest line within a few px of where the border should be (print and measurement tolerance).
      let best = 0;
      for (let shift = -TOLERANCE; shift <= TOLERANCE; shift++) {
        const line = meanIn(page, e.strip(bw / 2 + shift));
        const inside = meanIn(page, e.strip(bw * 3 + shift));
        const outside = meanIn(page, e.strip(-bw * 2.5 + shift));
        if (line !== undefined && inside !== undefined && outside !== undefined) best = Math.max(best, Math.min(inside, outside) - line);
      }
      if (best >= 25) sides++;
    }
    if (sides >= 3) ok++;
  }
  return ok / sample.length;
}

function meanIn(img: GrayImage, [x0, y0, x1, y1]: [number, number, number, number]): number | undefined {
  const xa = Math.max(0, Math.round(Math.min(x0, x1)));
  const xb = Math.min(img.width, Math.round(Math.max(x0, x1)) + 1);
  const ya = Math.max(0, Math.round(Math.min(y0, y1)));
  const yb = Math.min(img.height, Math.round(Math.max(y0, y1)) + 1);
  if (xb <= xa || yb <= ya) return undefined;
  let s = 0;
  for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) s += img.data[y * img.width + x];
  return s / ((xb - xa) * (yb - ya));
}
