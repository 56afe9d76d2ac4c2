/** Per-TPS review of C.Hasil (issue 4, "Review"): read, set a value, verify. See each file for the rules. */
export { readTpsReview, readHistory } from './read-review.ts';
export { setFieldValue, verifyTps, type Who, type SetValueOptions } from './write-review.ts';
export { evaluateChecks } from './evaluate-checks.ts';
export type * from './types.ts';
export { listWithheld, unlockWithheld, withheldSheetTps, type WithheldItem, type WithheldState } from './withheld.ts';
