/**
 * Guards for API handlers: the same checks as `Accounts.checkRole` / `checkScope`, but throwing the
 * ApiError the API boundary expects, so a workflow reads as one line:
 *
 *   const kpu = requireRole(accounts, 'kpu_kabkota');   // unlock a withheld TPS
 *   appendAudit(store, { actor: kpu.label, ... });
 */
import { ApiError } from '../../shared/api/contract.ts';
import type { AccountFailure, AccountResult, Accounts, Profile, Role } from './types.ts';

export function requireRole(accounts: Accounts, role: Role): Profile {
  return unwrap(accounts.checkRole(role));
}

export function requireScope(accounts: Accounts, code: string): Profile {
  return unwrap(accounts.checkScope(code));
}

export function requireProfile(accounts: Accounts): Profile {
  const profile = accounts.current();
  if (!profile) throw toApiError({ kind: 'no_profile', message: 'pilih profil operator terlebih dahulu' });
  return profile;
}

export function toApiError(failure: AccountFailure): ApiError {
  return new ApiError(failure.kind === 'invalid_choice' ? 'invalid_input' : 'forbidden', failure.message);
}

function unwrap<T>(result: AccountResult<T>): T {
  if (!result.ok) throw toApiError(result.error);
  return result.value;
}
