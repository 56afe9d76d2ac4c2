/** The shapes of the per-TPS review (issue 4, "Review"): what the screen shows and what its actions return. */
import type { TpsStatus } from '../../shared/domain/types.ts';

/** A field's box on the rectified page, as fractions of the page (0..1), so any rendering size can crop it. */
export interface FieldBox { x: number; y: number; w: number; h: number }

export interface ReviewField {
  fieldId: string;
  label: string;
  /** Which sheet (page) the field is on. */
  sheetId: number;
  value: number | null;
  source: 'machine' | 'operator' | 'pleno' | null;
  machine: { value: number | null; confidence: number; source: string } | null;
  needsReview: boolean;
  box: FieldBox;
}

export interface ReviewSheet {
  sheetId: number;
  sha256: string;
  mime: string;
  halaman: number | null;
  templateId: string | null;
  verdict: 'accepted' | 'needs_review' | 'not_a_form' | 'unregistered' | null;
  /** The recognizer's reason, or the withheld reason. */
  reason: string | null;
  withheld: boolean;
  /** True when the machine could not read the page: the operator types every number from the photo. */
  typedByHand: boolean;
  /** The canonical page's aspect (width / height), for laying the crop out. */
  aspect: number | null;
}

export type CheckState = 'holds' | 'fails' | 'incomplete';

export interface ReviewCheck {
  /** `templateId:checkId`: unique over the TPS's pages. */
  key: string;
  label: string;
  fieldIds: string[];
  state: CheckState;
  /** The reason recorded for a failing check at verification. */
  reason: string | null;
}

export interface ReviewHistoryEntry {
  id: number;
  at: string;
  actor: string;
  /** The device it was done on (Settings.deviceName). */
  device: string;
  action: string;
  /** Who set the value: the machine's reading, an operator, a pleno decision; null for steps that set no value. */
  source: 'machine' | 'operator' | 'pleno' | null;
  /** The machine's confidence in the value it read (0..1). */
  confidence: number | null;
  /** sha256 of the photo the value was read from or checked against. */
  evidence: string | null;
  fieldId: string | null;
  oldValue: number | null;
  newValue: number | null;
  reason: string | null;
  note: string | null;
}

export interface TpsReview {
  tpsCode: string;
  tpsNumber: number;
  desaName: string;
  electionId: number;
  electionName: string;
  status: TpsStatus;
  statusReason: string | null;
  sheets: ReviewSheet[];
  fields: ReviewField[];
  checks: ReviewCheck[];
  history: ReviewHistoryEntry[];
}

export type ReviewFailure = { ok: false; code: 'not_found' | 'invalid' | 'conflict'; message: string };
export type ReviewResult<T> = { ok: true; value: T } | ReviewFailure;

export type CorrectionBasis = { kind: 'foto' } | { kind: 'pleno'; reference: string };
