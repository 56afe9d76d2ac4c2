/**
 * What reading one page of a C.Hasil yields: the shape the worker pool returns, the API stores and
 * `pleno read --json` prints (one object per input page).
 */

export type Verdict = 'accepted' | 'needs_review' | 'unregistered' | 'not_a_form';
export type FieldSource = 'digits' | 'bubbles' | 'words' | 'arithmetic';

export interface FieldReading {
  /** The chosen value, or null when the field could not be read at all. */
  value: number | null;
  /** Calibrated probability that `value` is what the KPPS wrote (0..1). */
  confidence: number;
  /** The witness that supports the value most; `arithmetic` when the form's checks chose another value than the witnesses read best. */
  source: FieldSource;
  needsReview: boolean;
  /** Why this field must be looked at, in Bahasa Indonesia, when the cause is not the field itself (e.g. a poor registration). */
  reviewReason?: string;
  /** Runner-up values with their probabilities, best first (the reviewer's quick picks). */
  candidates?: { value: number; p: number }[];
  /** Where the field's digit boxes are on the rectified page (canonical px), for the reviewer's crop. */
  box?: { x: number; y: number; w: number; h: number };
}

export interface CheckReading {
  id: string;
  label?: string;
  holds: boolean;
  fields: string[];
}

export interface PageReading {
  file: string;
  /** 1-based page number inside a PDF; absent for image files. */
  page?: number;
  template: string | null;
  verdict: Verdict;
  /** Why the page is not accepted, in Bahasa Indonesia (names the fields or what was missing). */
  reason?: string;
  fields: Record<string, FieldReading>;
  checks: CheckReading[];
  /** Registration quality: marks found and reprojection error, when registered. */
  registration?: {
    marksFound: number;
    marksExpected: number;
    reprojErrorPx: number;
    /** Largest bend of the paper beyond the homography, canonical px (absent from readers that predate it). */
    bendPx?: number;
  };
  /**
   * Text of the page's QR code when the form prints one and it was read (Pleno KWK:
   * `PLENO-KWK1:<TPS code>:<G|B|W>:<paslon>:<page>`), for attaching the page to its TPS.
   */
  qr?: string;
  timings?: Record<string, number>;
  /** Set instead of everything else when the file could not be used at all (corrupt, unsupported, too large). */
  error?: string;
}
