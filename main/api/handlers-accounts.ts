/**
 * API handlers for the active operator profile (shared/api/methods/accounts.ts). The profile lives in
 * `Accounts` (main/accounts); choosing one tells every open console, since the header shows it.
 */
import { toApiError, type Accounts } from '../accounts/index.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './types.ts';

type AccountHandlers = Pick<Handlers, 'getActiveProfile' | 'setActiveProfile'>;

export function createAccountHandlers(deps: { accounts: Accounts; events: EventBus }): AccountHandlers {
  const { accounts, events } = deps;
  return {
    getActiveProfile: () => ({ profile: accounts.current() }),

    setActiveProfile: ({ profile: choice }) => {
      if (choice === null) {
        accounts.signOut();
      } else {
        const result = accounts.signIn(choice);
        if (!result.ok) throw toApiError(result.error);
      }
      events.emit('dataChanged', { scope: 'profile', regionCode: null });
      return { profile: accounts.current() };
    },
  };
}
