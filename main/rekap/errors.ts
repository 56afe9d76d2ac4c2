/**
 * Expected failures of the rekap, as values: the caller (API, pleno session, intake) decides what to tell
 * the user. Messages are for the user (Bahasa Indonesia); `code` is for the program. Plain JSON, so the
 * API can pass an error through unchanged.
 */
export type RekapErrorCode =
  /** The TPS or region lies in a region whose totals a closed pleno session locked. */
  | 'locked'
  | 'already_locked'
  | 'not_locked'
  /** Reopening locked totals needs the reference of the later session that decided it. */
  | 'reference_required'
  | 'unknown_election'
  | 'unknown_region'
  | 'unknown_tps'
  /** The region or TPS is not part of the race's region (e.g. a TPS of another kabupaten for a bupati race). */
  | 'outside_election'
  | 'unknown_field'
  | 'invalid_value';

export type RekapError = {
  code: RekapErrorCode;
  message: string;
  electionId?: number;
  /** The region the error is about; for `locked` / `already_locked`, the region holding the lock. */
  regionCode?: string;
  tpsCode?: string;
  fieldId?: string;
};

export type RekapResult<T> = { ok: true; value: T } | { ok: false; error: RekapError };

export const ok = <T>(value: T): RekapResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: RekapError): RekapResult<T> => ({ ok: false, error });
