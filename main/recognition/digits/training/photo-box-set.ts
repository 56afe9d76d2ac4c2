import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Digit boxes cut from synthetic PHOTOGRAPHED form pages by the real pipeline (decode → register → crop),
 * stored as the net inputs the reader feeds: one normalised 28×28 input per ink threshold the reader uses
 * (read/readers.ts INK_THRESHOLDS), quantised to bytes. They teach the net what perspective, blur, JPEG,
 * uneven light, rectification and the box preprocessing do to a digit, which MNIST and the drawn boxes of
 * synth-box.ts only approximate.
 *
 * scripts/photo-boxes.ts makes the set (the page generator lives under test/, which main/ never imports);
 * the training only reads it. The pages are written with MNIST TRAIN digits outside the calibration slice.
 */
export interface PhotoBoxSet {
  /** Inputs per box: one per ink threshold the reader averages over. */
  views: number;
  count: number;
  /** count × views × 784 bytes; byte/255 is the input value. A view without ink is all zero (see present). */
  inputs: Uint8Array;
  /** Bit v set: view v found ink. Views without ink never reach the net (the reader says blank). */
  present: Uint8Array;
  /** Class index per box (DIGIT_CLASSES order: 0–9, blank, cross). */
  labels: Uint8Array;
  /** Index of the generated page each box comes from (held-out pages are chosen by it). */
  pages: Int32Array;
  meta: PhotoBoxMeta;
}

export interface PhotoBoxMeta {
  /** Generator seed and page count: the same values give the same set. */
  seed: string;
  pages: number;
  /** Pages registered to the right template (the rest gave no boxes). */
  registered: number;
  /** Boxes left out because no threshold found ink (blank boxes read without the net). */
  emptyBoxes: number;
  /** Boxes kept per class (DIGIT_CLASSES order). */
  perClass: number[];
  /** The reader's ink thresholds, one per view. */
  thresholds: number[];
  /** Which MNIST split wrote the digits and how many indices were excluded (the calibration slice). */
  digits: { split: 'train'; excluded: number };
  seconds: number;
}

const MAGIC = 'pleno-photo-boxes-v1';

/** One file: a length-prefixed JSON header, then inputs, present, labels and pages (int32 LE). */
export function writePhotoBoxSet(path: string, set: PhotoBoxSet): void {
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, views: set.views, count: set.count, meta: set.meta }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  const pages = Buffer.from(new Int32Array(set.pages).buffer);
  writeFileSync(path, Buffer.concat([len, header, set.inputs, set.present, set.labels, pages]));
}

export function readPhotoBoxSet(path: string): PhotoBoxSet {
  const buf = readFileSync(path);
  const len = buf.readUInt32LE(0);
  const head = JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) as { magic: string; views: number; count: number; meta: PhotoBoxMeta };
  if (head.magic !== MAGIC) throw new Error(`${path}: not a photo-box set (${MAGIC})`);
  const { views, count } = head;
  let off = 4 + len;
  const take = (n: number) => {
    const out = new Uint8Array(n);
    out.set(buf.subarray(off, off + n));
    off += n;
    return out;
  };
  const inputs = take(count * views * 784);
  const present = take(count);
  const labels = take(count);
  const pages = new Int32Array(take(count * 4).buffer);
  if (off !== buf.length) throw new Error(`${path}: ${buf.length - off} bytes left over`);
  return { views, count, inputs, present, labels, pages, meta: head.meta };
}

/**
 * Splits the boxes by page: every `heldOutEvery`-th page (page index ≡ heldOutEvery − 1) is held out for the
 * temperature and for watching accuracy, the rest trains. By page, so held-out boxes share no photo with
 * trained ones.
 */
export function splitPhotoBoxes(set: PhotoBoxSet, heldOutEvery = 10): { train: Int32Array; heldOut: Int32Array } {
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < set.count; i++) (set.pages[i] % heldOutEvery === heldOutEvery - 1 ? heldOut : train).push(i);
  return { train: Int32Array.from(train), heldOut: Int32Array.from(heldOut) };
}

/** The parts of a set a training worker needs (typed arrays survive postMessage / workerData). */
export interface PhotoBoxData {
  views: number;
  inputs: Uint8Array;
  present: Uint8Array;
  labels: Uint8Array;
  /** Box indices trained on; training item j is box train[j]. */
  train: Int32Array;
  /** Box indices held out. */
  heldOut: Int32Array;
}

export function photoBoxData(set: PhotoBoxSet, heldOutEvery = 10): PhotoBoxData {
  const { train, heldOut } = splitPhotoBoxes(set, heldOutEvery);
  return { views: set.views, inputs: set.inputs, present: set.present, labels: set.labels, train, heldOut };
}

/** Copies view `view` of box `box` into out (784, values 0..1). */
export function photoBoxInput(data: Pick<PhotoBoxData, 'views' | 'inputs'>, box: number, view: number, out: Float32Array): void {
  const base = (box * data.views + view) * 784;
  for (let k = 0; k < 784; k++) out[k] = data.inputs[base + k] / 255;
}

/** The views of a box that found ink, e.g. [0, 1]. */
export function presentViews(data: Pick<PhotoBoxData, 'views' | 'present'>, box: number): number[] {
  const out: number[] = [];
  for (let v = 0; v < data.views; v++) if (data.present[box] & (1 << v)) out.push(v);
  return out;
}
