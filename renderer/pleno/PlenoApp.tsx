/**
 * The operator's pleno screen (`#/pleno`): the sessions on record and the form that opens a new one;
 * `#/pleno/<id>` walks one session. The projector follows whatever session the operator works in.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { getApi } from '../api/client.ts';
import { useApiEvent, useApiQuery, useConnectionState } from '../app/hooks.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import { formatDateTime } from '../app/format.ts';
import '../styles/pleno.css';
import { OpenSessionForm } from './OpenSessionForm.tsx';
import { goToSession, plenoSessionFromHash } from './pleno-route.ts';
import { SessionScreen } from './SessionScreen.tsx';

function useSessionId(): number | null {
  return useSyncExternalStore(
    (fn) => {
      window.addEventListener('hashchange', fn);
      return () => window.removeEventListener('hashchange', fn);
    },
    () => plenoSessionFromHash(window.location.hash),
  );
}

export function PlenoApp() {
  const sessionId = useSessionId();
  const connection = useConnectionState();
  useEffect(() => {
    document.body.dataset.view = 'console';
    document.title = 'Pleno — Rapat Pleno Rekapitulasi';
  }, []);
  return (
    <div className="pleno-app">
      <header className="pleno-bar">
        <a href="#/" className="pleno-back">‹ Konsol</a>
        <span className="pleno-bar-title">Rapat Pleno Rekapitulasi</span>
        <a href="#/projector" target="_blank" rel="noreferrer" className="pleno-bar-link">Buka layar proyektor ↗</a>
        <span className={`connection connection--${connection}`} role="status">
          <span className="connection-dot" aria-hidden="true" />
          {connection === 'offline' ? 'Terputus' : 'Terhubung'}
        </span>
      </header>
      {sessionId === null ? <SessionList /> : <SessionScreen sessionId={sessionId} />}
    </div>
  );
}

function SessionList() {
  const sessions = useApiQuery(() => getApi().listPlenoSessions({}), []);
  useApiEvent('dataChanged', (e) => {
    if (e.scope === 'pleno') sessions.reload();
  });
  return (
    <main className="pleno-home">
      <section className="pleno-card" aria-labelledby="pleno-sessions">
        <h1 id="pleno-sessions">Sesi pleno tercatat</h1>
        {sessions.state === 'error' && <ErrorNote error={sessions.error} onRetry={sessions.reload} />}
        {sessions.data && sessions.data.length === 0 && <p className="muted">Belum ada sesi pleno.</p>}
        {sessions.data && sessions.data.length > 0 && (
          <ul className="pleno-session-list">
            {[...sessions.data].reverse().map((s) => (
              <li key={s.id} data-state={s.state}>
                <a href={`#/pleno/${s.id}`}>{s.reference}</a>
                <span className={`pleno-state pleno-state--${s.state}`}>{s.state === 'open' ? 'Berlangsung' : 'Ditutup — rekap dikunci'}</span>
                <span className="muted">{s.place} · dibuka {formatDateTime(s.openedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <OpenSessionForm onOpened={(id) => goToSession(id)} />
    </main>
  );
}
