/**
 * Puts the selected region and race on the projector (setProjectorFocus) and says what the projector
 * shows right now, following `projectorChanged` so two consoles never disagree about it.
 */
import { useState } from 'react';
import type { ApiError, ProjectorState } from '../../shared/api/contract.ts';
import type { Election, RegionSummary } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { asApiError, useApiEvent, useApiQuery } from '../app/hooks.ts';
import { JENIS_SHORT, regionTitle } from '../app/labels.ts';
import { ErrorNote } from './ErrorNote.tsx';

interface Props {
  region: RegionSummary;
  election: Election | null;
  isOperator: boolean;
  /** Browser mode can open the projector view in another tab; Electron has its own projector window. */
  canOpenTab: boolean;
}

export function ProjectorControl({ region, election, isOperator, canOpenTab }: Props) {
  const initial = useApiQuery(() => getApi().getProjectorState({}), []);
  const [live, setLive] = useState<ProjectorState | null>(null);
  useApiEvent('projectorChanged', setLive);
  const state = live ?? initial.data ?? null;

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const showing = state?.focus.regionCode === region.code && state.focus.electionId === (election?.id ?? null);

  const show = async () => {
    setBusy(true);
    setError(null);
    try {
      await getApi().setProjectorFocus({ regionCode: region.code, electionId: election?.id ?? null });
      // The projectorChanged event brings the new state; read it too in case events are not connected.
      setLive(await getApi().getProjectorState({}));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel projector-control" aria-labelledby="projector-heading">
      <header className="panel-header">
        <h2 id="projector-heading">Proyektor</h2>
        {canOpenTab && (
          <a className="link-button" href="#/projector" target="_blank" rel="noopener">
            Buka tampilan proyektor ↗
          </a>
        )}
      </header>
      <p className="projector-now" aria-live="polite" data-testid="projector-now">
        {state?.region ? (
          <>
            Sedang tampil: <strong>{regionTitle(state.region)}</strong>
            {state.election && <> · {JENIS_SHORT[state.election.jenis]}</>}
          </>
        ) : (
          'Proyektor belum menampilkan wilayah.'
        )}
      </p>
      <button
        type="button"
        className="primary"
        onClick={show}
        disabled={!isOperator || busy || showing}
        aria-describedby={!isOperator ? 'projector-viewer-note' : undefined}
      >
        {showing ? 'Sudah tampil di proyektor' : busy ? 'Mengirim…' : 'Tampilkan di proyektor'}
      </button>
      {!isOperator && (
        <p id="projector-viewer-note" className="muted">
          Hanya operator yang dapat mengubah tampilan proyektor.
        </p>
      )}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
