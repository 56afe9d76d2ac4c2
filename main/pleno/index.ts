/**
 * Pleno sessions over the rekap engine: what the API (and later documents) call.
 * See main/pleno/README.md for the model and the locking rules.
 */
export { createRekapHolder, type RekapHolder } from './rekap-holder.ts';
export { openSession, getSession, moveItem, closeSession, reopenLock, type PlenoContext, type OpenSession, type Move } from './sessions.ts';
export { correctTally, PLENO_BASIS, type CorrectionInput } from './corrections.ts';
export { recordNote, decideNote, type NoteInput } from './notes.ts';
export { activeLocks, locksAround, sessionLocks } from './locks.ts';
export { sessionItems } from './items.ts';
export { itemDetail } from './item-detail.ts';
export { beritaAcaraOf } from './berita-acara.ts';
export { fullSession, summarize, listSessionRows, listCorrections, lastCorrectionIn, sessionRow } from './read.ts';
export type { PlenoError, PlenoErrorCode, PlenoResult } from './result.ts';
