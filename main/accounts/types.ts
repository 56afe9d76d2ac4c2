/**
 * The accounts interface the workflows depend on. Today one implementation exists: local profiles
 * (local-profiles.ts), chosen at start with no password. Real accounts (passwords, keys) implement the
 * same interface; the workflows only ever ask "who is this" and "may they do that".
 */
import type { Profile, ProfileChoice, Role } from '../../shared/api/methods/accounts.ts';

export type { Profile, ProfileChoice, Role };

/** An expected refusal, as a value: the API turns it into ApiError('forbidden' | 'invalid_input'). */
export type AccountFailure =
  | { kind: 'no_profile'; message: string }
  | { kind: 'wrong_role'; message: string }
  | { kind: 'out_of_scope'; message: string }
  | { kind: 'invalid_choice'; message: string };

export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountFailure };

export interface Accounts {
  /** The user working at this device now, or null when nobody has chosen a profile yet. */
  current(): Profile | null;
  /** The name every audit entry records: the profile's label, or the fallback before one is chosen. */
  actor(): string;
  /** Start working as the chosen profile (for real accounts: after checking the credentials). */
  signIn(choice: ProfileChoice): AccountResult<Profile>;
  signOut(): void;
  /** The current user when they have the role (KPU Kab/Kota only, for unlocking a withheld TPS). */
  checkRole(role: Role): AccountResult<Profile>;
  /** The current user when the region or TPS code lies in their area (a PPK's kecamatan). */
  checkScope(code: string): AccountResult<Profile>;
}
