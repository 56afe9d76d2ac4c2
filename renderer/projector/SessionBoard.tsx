/**
 * The projector during a pleno session: the item the room is on (its C.Hasil photo beside its numbers and
 * checks), the running totals per paslon with bars and percentages, the progress (TPS in, desa done) and the
 * last correction as a struck old value → new value. Read-only; every size in viewport units, so 1920×1080
 * and 1280×720 show the same frame.
 */
import type { ProjectorState } from '../../shared/api/contract.ts';
import { formatNumber, formatPercent, formatTime } from '../app/format.ts';
import { raceTitle, regionTitle } from '../app/labels.ts';
import { LastCorrection } from './LastCorrection.tsx';
import { ProjectorItemPanel } from './ProjectorItemPanel.tsx';
import { RunningTotals } from './RunningTotals.tsx';

export function SessionBoard({ state }: { state: ProjectorState }) {
  const { region, election, session, rekap } = state;
  const tps = rekap?.tps ?? { total: state.tpsTotal, included: state.tpsDone, missing: 0, withheld: 0 };
  const desa = rekap?.desa ?? null;
  return (
    <div className="sboard" data-testid="projector-session">
      <header className="sboard-header">
        <div>
          <p className="sboard-race" data-testid="projector-race">
            {election ? raceTitle(election) : ''}
            {election?.demo && <span className="board-demo">DEMO</span>}
          </p>
          <h1 className="sboard-region" data-testid="projector-region">{region ? regionTitle(region) : ''}</h1>
        </div>
        <p className={`sboard-session sboard-session--${session?.state ?? 'open'}`}>
          {session?.state === 'closed' ? 'Rekap dikunci' : 'Rapat pleno berlangsung'}
          <span>{session?.place}</span>
        </p>
      </header>
      <div className="sboard-main">
        <ProjectorItemPanel state={state} />
        <RunningTotals state={state} />
      </div>
      <footer className="sboard-footer">
        <div className="sboard-progress" data-testid="projector-progress">
          <p>
            <strong>{formatNumber(tps.included)}</strong> dari {formatNumber(tps.total)} TPS masuk rekap
            <span className="sboard-soft"> ({formatPercent(tps.included, tps.total)})</span>
            {desa && <> · <strong>{formatNumber(desa.done)}</strong> dari {formatNumber(desa.total)} desa selesai</>}
          </p>
          <div className="board-bar" role="progressbar" aria-label="TPS masuk rekap" aria-valuemin={0} aria-valuemax={tps.total} aria-valuenow={tps.included}>
            <div className="board-bar-fill" style={{ width: `${tps.total > 0 ? (tps.included / tps.total) * 100 : 0}%` }} />
          </div>
        </div>
        <LastCorrection correction={state.lastCorrection} />
        <p className="sboard-updated" data-testid="projector-updated">{formatTime(state.updatedAt)}</p>
      </footer>
    </div>
  );
}
