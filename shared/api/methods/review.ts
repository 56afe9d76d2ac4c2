/**
 * Per-TPS review of C.Hasil (issue 4, "Review"): the pages and their photos, each field's current value beside
 * the machine's reading and its box on the page, the form's checks on the current values, the history; set a
 * value (after verification only with a reason and a basis), and verify.
 */
import { z } from 'zod';
import { TpsCode, TpsStatus } from '../../domain/types.ts';
import { method } from '../define.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 harus 64 digit heksadesimal');
const FieldIdInput = z.string().regex(/^[IVX]+(\.[A-Z0-9]+)*$/, 'id kolom seperti IV.2 atau I.B.4.LP').max(30);
const Verdict = z.enum(['accepted', 'needs_review', 'not_a_form', 'unregistered']);

export const ReviewSheet = z.object({
  sheetId: z.number().int(),
  sha256: Sha256,
  mime: z.string(),
  halaman: z.number().int().nullable(),
  templateId: z.string().nullable(),
  verdict: Verdict.nullable(),
  reason: z.string().nullable(),
  withheld: z.boolean(),
  /** The machine could not read this page: every number is typed from the photo. */
  typedByHand: z.boolean(),
  /** Width / height of the rectified page; null when the page's template is unknown. */
  aspect: z.number().nullable(),
});
export type ReviewSheet = z.infer<typeof ReviewSheet>;

export const ReviewField = z.object({
  fieldId: z.string(),
  label: z.string(),
  sheetId: z.number().int(),
  value: z.number().int().nullable(),
  source: z.enum(['machine', 'operator', 'pleno']).nullable(),
  machine: z.object({ value: z.number().int().nullable(), confidence: z.number(), source: z.string() }).nullable(),
  needsReview: z.boolean(),
  /** The field's box on the rectified page, as fractions (0..1) of its width and height. */
  box: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
});
export type ReviewField = z.infer<typeof ReviewField>;

export const ReviewCheck = z.object({
  /** `templateId:checkId` */
  key: z.string(),
  label: z.string(),
  fieldIds: z.array(z.string()),
  state: z.enum(['holds', 'fails', 'incomplete']),
  reason: z.string().nullable(),
});
export type ReviewCheck = z.infer<typeof ReviewCheck>;

export const ReviewHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  /** The device it was done on. */
  device: z.string(),
  action: z.string(),
  /** machine reading, operator, pleno decision; null for a step that set no value (photo added, status). */
  source: z.enum(['machine', 'operator', 'pleno']).nullable(),
  /** The machine's confidence (0..1) in a value it read. */
  confidence: z.number().nullable(),
  /** sha256 of the photo the value was read from or checked against. */
  evidence: z.string().nullable(),
  fieldId: z.string().nullable(),
  oldValue: z.number().int().nullable(),
  newValue: z.number().int().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReviewHistoryEntry = z.infer<typeof ReviewHistoryEntry>;

export const TpsReview = z.object({
  tpsCode: TpsCode,
  tpsNumber: z.number().int(),
  desaName: z.string(),
  electionId: z.number().int(),
  electionName: z.string(),
  status: TpsStatus,
  statusReason: z.string().nullable(),
  sheets: z.array(ReviewSheet),
  fields: z.array(ReviewField),
  checks: z.array(ReviewCheck),
  history: z.array(ReviewHistoryEntry),
});
export type TpsReview = z.infer<typeof TpsReview>;

export const CorrectionBasis = z.discriminatedUnion('kind', [
  /** "sesuai foto C.Hasil" */
  z.object({ kind: z.literal('foto') }).strict(),
  /** "keputusan pleno PPK" with the pleno's reference */
  z.object({ kind: z.literal('pleno'), reference: z.string().trim().min(1).max(200) }).strict(),
]);
export type CorrectionBasis = z.infer<typeof CorrectionBasis>;

const TpsAndRace = { tpsCode: TpsCode, electionId: z.number().int().positive() };

export const reviewMethods = {
  getTpsReview: method('read', z.object(TpsAndRace).strict(), TpsReview),
  setReviewValue: method(
    'operator',
    z.object({
      ...TpsAndRace,
      fieldId: FieldIdInput,
      value: z.number().int().min(0).max(999),
      reason: z.string().trim().max(500).optional(),
      basis: CorrectionBasis.optional(),
    }).strict(),
    TpsReview,
  ),
  verifyTps: method(
    'operator',
    z.object({ ...TpsAndRace, reasons: z.record(z.string(), z.string().max(500)).default({}) }).strict(),
    TpsReview,
  ),
  /**
   * A stored photo/page by its hash, as a data URL the screen can show (read-only). With `sheetId` (a page of
   * that file with a known template): the page rectified onto the form's canonical raster (`rectified: true`),
   * where the fields' boxes apply; otherwise that page as stored (a PDF's page as a JPEG).
   */
  getSheetImage: method(
    'read',
    z.object({ sha256: Sha256, sheetId: z.number().int().positive().optional() }).strict(),
    z.object({ mime: z.string(), dataUrl: z.string(), rectified: z.boolean() }),
  ),
} as const;
