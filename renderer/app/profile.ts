/**
 * The active operator profile (who works at this device), for the header, the chooser and the status
 * board's starting region. Only the local operator may read it; a LAN viewer has none. Re-read when the
 * host says the profile changed (another window chose one).
 */
import { useState } from 'react';
import type { Profile } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { useApiEvent, useApiQuery, type Loadable } from './hooks.ts';

export function useActiveProfile(isOperator: boolean): Loadable<Profile | null> & { reload(): void } {
  const [version, setVersion] = useState(0);
  useApiEvent('dataChanged', (change) => {
    if (change.scope === 'profile') setVersion((v) => v + 1);
  });
  return useApiQuery(
    async () => (isOperator ? (await getApi().getActiveProfile({})).profile : null),
    [isOperator, version],
  );
}
