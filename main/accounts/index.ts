/** main/accounts' public face: the interface the workflows use, today's implementation, and the guards. */
export type { Accounts, AccountFailure, AccountResult, Profile, ProfileChoice, Role } from './types.ts';
export { createLocalProfiles, type LocalProfilesOptions } from './local-profiles.ts';
export { requireRole, requireScope, requireProfile, toApiError } from './guard.ts';
export { ROLE_LABEL, profileLabel } from './labels.ts';
