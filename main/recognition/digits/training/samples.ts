import type { GrayImage } from '../../gray-image.ts';
import { BLANK_INDEX, CROSS_INDEX } from '../classes.ts';
import type { MnistSet } from '../mnist.ts';
import { mnistToGray, normalizeBoxCrop } from '../normalize-box-crop.ts';
import { Rng } from '../rng.ts';
import { randomWarpOptions, warpGlyph } from './glyph-warp.ts';
import { augmentPhotoInput } from './photo-augment.ts';
import { photoBoxInput, presentViews, type PhotoBoxData } from './photo-box-set.ts';
import { renderBoxCrop, renderPlainDigit } from './synth-box.ts';

/**
 * One training item, identified by an integer so any worker can rebuild it from (seed, epoch,
 * item) alone: items below `digits.length` are MNIST digits (index into the set), the rest are
 * synthetic blank / crossed boxes, and items from itemCount on (only in the photo phase) are
 * boxes cut from synthetic photographed pages (photo-box-set.ts). Every drawn item goes through
 * normalizeBoxCrop exactly as at inference time; photo boxes were normalised when they were cut.
 */
export interface ItemSpace {
  mnist: MnistSet;
  /** MNIST indices used as digit items (train minus the held-out calibration slice). */
  digits: Int32Array;
  blanks: number;
  crosses: number;
  /** Share of digit items given to the net as untouched MNIST (more in the fine-tuning phase). */
  rawShare?: number;
  /** Photographed boxes: item itemCount(s) + j is box photo.train[j]. */
  photo?: PhotoBoxData;
  /** Share of photo items given to the net with a small random affine change (photo-augment.ts). */
  photoAugment?: number;
}

export function itemCount(s: ItemSpace): number {
  return s.digits.length + s.blanks + s.crosses;
}

export function itemLabel(s: ItemSpace, item: number): number {
  if (item < s.digits.length) return s.mnist.labels[s.digits[item]];
  return item < s.digits.length + s.blanks ? BLANK_INDEX : CROSS_INDEX;
}

/** Renders the crop for an item. `plainShare` of digits are drawn without a box. */
export function renderItem(s: ItemSpace, item: number, rng: Rng, plainShare = 0.3): GrayImage {
  if (item < s.digits.length) {
    const idx = s.digits[item];
    // A slice stays untouched MNIST so the net keeps seeing the benchmark distribution itself.
    if (rng.chance(s.rawShare ?? 0.1)) return mnistToGray(s.mnist.images, idx * 784);
    // Guide-traced angular digits (see segment-digits.ts) in the item's class.
    if (rng.chance(0.12)) return renderBoxCrop(rng, { kind: 'segments', digit: s.mnist.labels[idx] });
    const glyph = warpGlyph(s.mnist.images, idx * 784, randomWarpOptions(rng), rng);
    return rng.chance(plainShare) ? renderPlainDigit(rng, glyph) : renderBoxCrop(rng, { kind: 'digit', glyph });
  }
  const kind = item < s.digits.length + s.blanks ? 'blank' : 'cross';
  return renderBoxCrop(rng, { kind });
}

const augmentScratch = new Float32Array(784);

/** Fills out (784) with the normalised input for an item; returns its label. */
export function buildItem(s: ItemSpace, item: number, seed: number, epoch: number, out: Float32Array): number {
  const rng = Rng.derive(seed, epoch, item);
  const photoItem = item - itemCount(s);
  if (photoItem >= 0) {
    if (!s.photo || photoItem >= s.photo.train.length) throw new RangeError(`training item ${item} out of range`);
    // The reader averages its ink thresholds; each epoch the net sees one of the box's inked views.
    const box = s.photo.train[photoItem];
    const views = presentViews(s.photo, box);
    photoBoxInput(s.photo, box, views[Math.floor(rng.next() * views.length)], out);
    if (s.photoAugment && rng.chance(s.photoAugment)) {
      augmentScratch.set(out);
      augmentPhotoInput(augmentScratch, rng, out);
    }
    return s.photo.labels[box];
  }
  const crop = renderItem(s, item, rng);
  normalizeBoxCrop(crop, { out });
  return itemLabel(s, item);
}
