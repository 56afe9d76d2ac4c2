/**
 * From a rectified page to a verdict: crop every field's witnesses, read them, decode all fields jointly
 * under the template's arithmetic and decide whether the page may be accepted without a person.
 *
 * Policy (the hard requirement is that nothing wrong is accepted): a page is `accepted` only when every
 * field's value is confident after joint decoding, its own witnesses back it, it is not empty, not above the
 * TPS cap, and every check of the page holds. Anything else is `needs_review`, naming the fields.
 */
import { cropGray, type GrayImage } from '../gray-image.ts';
import type { FormTemplate } from '../templates/schema.ts';
import {
  BOX_BLANK,
  BOX_CROSS,
  BUBBLE_NONE,
  decodeJoint,
  DEFAULT_JOINT_OPTIONS,
  type FieldEvidence,
  type JointOptions,
  type JointResult,
  type WitnessName,
  type WitnessReading,
  type WordsEvidence,
  witnessConflicts,
} from '../joint/index.ts';
import { readBubbleColumns } from './bubbles.ts';
import type { CheckReading, FieldReading, PageReading } from '../../../shared/recognition/reading.ts';

export interface FieldReaders {
  /**
   * 12 probabilities (digits 0–9, blank, cross) for the crop of one digit box including its border; `guide`
   * is what the form prints inside its boxes (the dotted "8" reads as a digit at a low ink threshold).
   */
  classifyBox(crop: GrayImage, guide?: 'dotted8' | 'none'): ArrayLike<number>;
  /** The words line, parsed; null when it says nothing usable. Optional: not every reader runs OCR. */
  readWords?(crop: GrayImage): WordsEvidence | null;
}

/**
 * Digit boxes are cropped with a margin so the classifier sees (and removes) the printed border itself, at
 * the rectified page's own resolution: measured on synthetic pages, downscaling the 63–105 px boxes to 44 or
 * 64 px first cost 0.7–1.6 points of box accuracy for ~20 % less time.
 */
export const BOX_MARGIN = 0.12;

export function cropDigitBox(page: GrayImage, box: { x: number; y: number; w: number; h: number }): GrayImage {
  const mx = Math.round(box.w * BOX_MARGIN);
  const my = Math.round(box.h * BOX_MARGIN);
  return cropGray(page, Math.round(box.x) - mx, Math.round(box.y) - my, Math.round(box.w) + 2 * mx, Math.round(box.h) + 2 * my);
}

export function gatherEvidence(page: GrayImage, template: FormTemplate, readers: FieldReaders): FieldEvidence[] {
  const withBubbles = template.fields.filter((f) => f.bubbles);
  const bubbleReadings = readBubbleColumns(page, withBubbles.map((f) => f.bubbles!));
  const bubblesById = new Map(withBubbles.map((f, i) => [f.id, bubbleReadings[i]]));
  return template.fields.map((field) => {
    const words = field.words && readers.readWords
      ? readers.readWords(cropGray(page, Math.round(field.words.x), Math.round(field.words.y), Math.round(field.words.w), Math.round(field.words.h)))
      : null;
    return {
      key: field.id,
      boxes: field.digits.map((box) => readers.classifyBox(cropDigitBox(page, box), template.digitStyle?.guide)),
      bubbles: bubblesById.get(field.id),
      words: words ?? undefined,
      max: field.range?.max,
    };
  });
}

/** A field this sure does not count as one of a page's doubtful fields. */
const PAGE_FIELD_SURE = 0.9995;

export type PageJudgement = Pick<PageReading, 'verdict' | 'reason' | 'fields' | 'checks'>;

/**
 * Probability that nothing at all was written in the field: every box blank or crossed and no bubble filled.
 * An empty field is not "0" (that is written as 0): it goes to a person.
 */
export function emptyProbability(e: FieldEvidence): number {
  let p = 1;
  for (const box of e.boxes) p *= box ? box[BOX_BLANK] + box[BOX_CROSS] : 0.5;
  for (const col of e.bubbles ?? []) if (col) p *= col[BUBBLE_NONE];
  return p;
}

/** A page decoded jointly, before thresholds turn it into flags and a verdict. */
export interface DecodedPage {
  template: FormTemplate;
  joint: JointResult;
  /** Fields in which nothing at all was written. */
  empty: Set<string>;
  emptyProbability: Map<string, number>;
}

export function decodePage(template: FormTemplate, evidence: FieldEvidence[], options: JointOptions = DEFAULT_JOINT_OPTIONS): DecodedPage {
  const joint = decodeJoint(evidence, template.checks.map((check) => ({ check })), options);
  const emptyProbabilityById = new Map(evidence.map((e) => [e.key, emptyProbability(e)]));
  const empty = new Set([...emptyProbabilityById].filter(([, p]) => p > 0.5).map(([id]) => id));
  return { template, joint, empty, emptyProbability: emptyProbabilityById };
}

/** The verdict policy: thresholds applied to a decoded page. */
export function verdictOf(
  decoded: DecodedPage,
  thresholds: Pick<JointOptions, 'minConfidence' | 'minConfidenceUnpinned' | 'minOwnConfidence' | 'witnessConfident' | 'minPageConfidence'>,
): PageJudgement {
  const { template, joint, empty } = decoded;
  const fields: Record<string, FieldReading> = {};
  const disputed = new Map<string, string>();
  const overCap = new Set<string>();
  for (const field of template.fields) {
    const d = joint.fields[field.id];
    const isEmpty = empty.has(field.id);
    // A count above the per-TPS voter cap is possible to write but must be looked at by a person.
    const anomaly = field.capped === true && template.tpsCap !== undefined && d.value > template.tpsCap;
    const bar = d.arbitrated ? thresholds.minConfidence : Math.max(thresholds.minConfidence, thresholds.minConfidenceUnpinned);
    const unsure = d.confidence < bar || d.ownConfidence < thresholds.minOwnConfidence;
    const conflicts = d.arbitrated ? [] : witnessConflicts(d.witnesses, d.value, thresholds.witnessConfident);
    if (conflicts.length > 0 && !isEmpty) disputed.set(field.id, disputeText(d.witnesses, thresholds.witnessConfident));
    const overTheCap = anomaly && !isEmpty;
    if (overTheCap) overCap.add(field.id);
    fields[field.id] = {
      value: isEmpty ? null : d.value,
      confidence: round(isEmpty ? decoded.emptyProbability.get(field.id)! : d.confidence),
      source: d.source,
      needsReview: unsure || anomaly || isEmpty || conflicts.length > 0 || joint.exhaustedGroups > 0,
      candidates: d.candidates.map((c) => ({ value: c.value, p: round(c.p) })),
      box: unionBox(field.digits),
      ...(overTheCap ? { reviewReason: overCapText(template.tpsCap!) } : {}),
    };
  }
  // The page as a whole: when the fields' confidences multiply to less than the page bar, the least sure
  // fields (those below PAGE_FIELD_SURE) go to a person.
  const pageConfidence = joint.pageConfidence ?? template.fields.reduce((p, f) => p * joint.fields[f.id].confidence, 1);
  if (pageConfidence < thresholds.minPageConfidence) {
    for (const f of template.fields) if (joint.fields[f.id].confidence < PAGE_FIELD_SURE) fields[f.id].needsReview = true;
  }
  // A check over an empty field cannot hold: the number is missing, not zero.
  const checks: CheckReading[] = joint.checks.map((c) => ({ ...c, holds: c.holds && !c.fields.some((f) => empty.has(f)) }));
  for (const c of checks) if (!c.holds) for (const f of c.fields) if (fields[f]) fields[f].needsReview = true;
  const flagged = Object.entries(fields).filter(([, f]) => f.needsReview).map(([id]) => id);
  const failing = checks.filter((c) => !c.holds).map((c) => c.id);
  const accepted = flagged.length === 0 && failing.length === 0;
  return {
    verdict: accepted ? 'accepted' : 'needs_review',
    reason: accepted ? undefined : reasonText(flagged, failing, empty, disputed, overCap, template.tpsCap),
    fields,
    checks,
  };
}

export function judgePage(template: FormTemplate, evidence: FieldEvidence[], options: JointOptions = DEFAULT_JOINT_OPTIONS): PageJudgement {
  return verdictOf(decodePage(template, evidence, options), options);
}

/** Reads one registered page with the given readers (the pool hook in index.ts supplies the thread's readers). */
export function readPage(page: GrayImage, template: FormTemplate, readers: FieldReaders, options?: JointOptions): PageJudgement {
  return judgePage(template, gatherEvidence(page, template, readers), options);
}

/**
 * The registration-quality gate. A poor fit can land a whole section one row off, so each field reads its
 * neighbour's value, and neighbouring rows can still add up (III.1 reading III.2's 2 + 1 = 3): no per-field
 * confidence or check catches that. So when the fit is poor every field goes to a person and the page is
 * never accepted.
 *
 * Limits measured (canonical px, 2026-11-28): 58 registered synthetic pages of bench-1-fixed (all families)
 * reprojection RMS p50 0,31 / p95 0,50 / max 0,71, bend max 0,7; real NETGRIT hal 2 photo (read right)
 * RMS 2,76, bend 5,5; real NETGRIT hal 1 photo (sections II and III one row off) RMS 9,5, bend 45,6.
 * 3 px is 4× the worst synthetic fit; 20 px of bend is a quarter of a row pitch (77 px on NETGRIT hal 1).
 */
export const REGISTRATION_LIMITS = { maxReprojErrorPx: 3, maxBendPx: 20 };

export interface RegistrationFit {
  reprojErrorPx: number;
  bendPx: number;
}

/** Why the fit is too poor to trust any field's position, in Bahasa Indonesia; undefined when it is good enough. */
export function registrationDoubt(fit: RegistrationFit, limits = REGISTRATION_LIMITS): string | undefined {
  const px = (x: number) => x.toLocaleString('id-ID', { maximumFractionDigits: 1 });
  if (fit.reprojErrorPx > limits.maxReprojErrorPx) {
    return `posisi halaman kurang tepat (galat ${px(fit.reprojErrorPx)} px): periksa setiap angka`;
  }
  if (fit.bendPx > limits.maxBendPx) {
    return `kertas terlalu melengkung (${px(fit.bendPx)} px): periksa setiap angka`;
  }
  return undefined;
}

/** Applies the gate to a judged page: on a poor fit every field is flagged with the reason and the page needs review. */
export function gateOnRegistration<T extends PageJudgement>(judgement: T, fit: RegistrationFit, limits = REGISTRATION_LIMITS): T {
  const doubt = registrationDoubt(fit, limits);
  if (doubt === undefined) return judgement;
  const fields: Record<string, FieldReading> = {};
  for (const [id, f] of Object.entries(judgement.fields)) fields[id] = { ...f, needsReview: true, reviewReason: doubt };
  return {
    ...judgement,
    verdict: 'needs_review',
    reason: judgement.reason ? `${doubt}; ${judgement.reason}` : doubt,
    fields,
  };
}

const WITNESS_LABEL: Record<WitnessName, string> = { digits: 'kotak angka', bubbles: 'bulatan', words: 'huruf' };

/** "kotak angka 2, bulatan 42": what the sure witnesses of a disputed field each read. */
function disputeText(witnesses: WitnessReading[], sure: number): string {
  return witnesses.filter((w) => w.p >= sure).map((w) => `${WITNESS_LABEL[w.witness]} ${w.value}`).join(', ');
}

/** Why a count above the template's per-TPS voter cap goes to a person (it can be written, and be right). */
function overCapText(cap: number): string {
  return `melebihi batas ${cap.toLocaleString('id-ID')} pemilih per TPS`;
}

function reasonText(
  flagged: string[],
  failing: string[],
  empty: Set<string>,
  disputed: Map<string, string>,
  overCap: Set<string>,
  cap: number | undefined,
): string {
  const parts: string[] = [];
  const blank = flagged.filter((f) => empty.has(f));
  const unsure = flagged.filter((f) => !empty.has(f) && !disputed.has(f) && !overCap.has(f));
  if (blank.length) parts.push(`kosong: ${blank.join(', ')}`);
  if (disputed.size) parts.push(`bacaan tidak sepakat: ${[...disputed].map(([f, text]) => `${f} (${text})`).join(', ')}`);
  if (overCap.size && cap !== undefined) parts.push(`${overCapText(cap)}: ${[...overCap].join(', ')}`);
  if (unsure.length) parts.push(`perlu diperiksa: ${unsure.join(', ')}`);
  if (failing.length) parts.push(`pemeriksaan tidak cocok: ${failing.join(', ')}`);
  return parts.join('; ');
}

function unionBox(rects: { x: number; y: number; w: number; h: number }[]) {
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.w));
  const y1 = Math.max(...rects.map((r) => r.y + r.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const round = (p: number) => Math.round(p * 10000) / 10000;
