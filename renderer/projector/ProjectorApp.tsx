/**
 * The projector view: read-only, for the hall. Shows what the operator put on it (setProjectorFocus) and
 * follows `projectorChanged` live (during a pleno session: SessionBoard, the item, running totals, the last
 * correction); after a lost connection it re-reads the state rather than trusting
 * whatever it showed before. F or a double-click toggles full screen in a browser.
 */
import { useEffect, useState } from 'react';
import type { ProjectorState } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { useApiEvent, useApiQuery, useConnectionState } from '../app/hooks.ts';
import '../styles/projector.css';
import { ProjectorBoard } from './ProjectorBoard.tsx';
import { SessionBoard } from './SessionBoard.tsx';

export function ProjectorApp() {
  useEffect(() => {
    document.body.dataset.view = 'projector';
    document.title = 'Pleno — Proyektor';
    const toggleFullscreen = () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'f' || event.key === 'F') toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('dblclick', toggleFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dblclick', toggleFullscreen);
    };
  }, []);

  const connection = useConnectionState();
  const initial = useApiQuery(() => getApi().getProjectorState({}), []);
  const [live, setLive] = useState<ProjectorState | null>(null);
  useApiEvent('projectorChanged', setLive);
  // A fresh read (first load or after reconnecting) replaces any event state older than it.
  useEffect(() => {
    if (initial.state === 'ready') setLive(null);
  }, [initial.state, initial.data]);

  const state = live ?? initial.data ?? null;
  // The per-state breakdown under the progress bar: re-read whenever the projector state is new.
  // (SessionBoard shows the rekap's own counts: no extra read per update during a session)
  const focusRegion = state?.session && state.rekap ? null : (state?.region?.code ?? null);
  const counts = useApiQuery(
    () => (focusRegion ? getApi().getStatusSummary({ regionCode: focusRegion }) : Promise.resolve(null)),
    [focusRegion, state?.updatedAt],
  );
  return (
    <div className="projector" data-connection={connection}>
      {state?.session && state.rekap ? (
        <SessionBoard state={state} />
      ) : state ? (
        <ProjectorBoard state={state} status={counts.data?.status ?? null} />
      ) : (
        <div className="projector-waiting">
          <p className="projector-brand">Pleno</p>
          <p>{initial.state === 'error' ? initial.error.message : 'Menghubungkan…'}</p>
        </div>
      )}
      {connection === 'offline' && (
        <p className="projector-offline" role="status">
          Koneksi terputus — angka mungkin tidak terbaru
        </p>
      )}
    </div>
  );
}
