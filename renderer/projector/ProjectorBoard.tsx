/**
 * One projector frame: region and race on top, one column per paslon with its nomor urut, names and vote
 * total in very large numerals, and the progress of verified TPS at the bottom. Totals stay "—" until a
 * TPS is verified: an empty count must never look like zero votes.
 */
import type { CSSProperties } from 'react';
import type { ProjectorState } from '../../shared/api/contract.ts';
import { formatNumber, formatPercent, formatTime, formatVotes } from '../app/format.ts';
import type { StatusCounts, TpsStatus } from '../../shared/domain/types.ts';
import { raceTitle, regionTitle, STATUS_LABEL } from '../app/labels.ts';

/** The states drawn after "verified" on the bar and listed under it, most advanced first. */
const BREAKDOWN: readonly TpsStatus[] = ['needs_review', 'received', 'withheld', 'no_chasil'];

export function ProjectorBoard({ state, status }: { state: ProjectorState; status: StatusCounts | null }) {
  const { region, election } = state;
  const votesByNomor = new Map(state.votes.map((v) => [v.nomorUrut, v.suara]));
  const share = state.tpsTotal > 0 ? Math.min(1, state.tpsDone / state.tpsTotal) : 0;
  // the share of each paslon is of the suara sah counted so far (the rekap's, else the sum of the votes shown)
  const sah = state.rekap?.suaraSah ?? state.votes.reduce((sum, v) => sum + (v.suara ?? 0), 0);

  return (
    <div className="board">
      <header className="board-header">
        <p className="board-race" data-testid="projector-race">
          {election ? raceTitle(election) : 'Belum ada pemilihan dipilih'}
          {election?.demo && <span className="board-demo">DEMO</span>}
        </p>
        <h1 className="board-region" data-testid="projector-region">
          {region ? regionTitle(region) : 'Belum ada wilayah dipilih'}
        </h1>
      </header>

      <ol
        className="board-paslon"
        data-count={election?.paslon.length ?? 0}
        aria-label="Perolehan suara pasangan calon"
      >
        {election?.paslon.map((paslon) => {
          const suara = votesByNomor.get(paslon.nomorUrut) ?? null;
          const shown = formatVotes(suara);
          return (
            <li key={paslon.nomorUrut} className="board-card" data-nomor={paslon.nomorUrut}>
              <span className="board-nomor" aria-label={`Nomor urut ${paslon.nomorUrut}`}>
                {paslon.nomorUrut}
              </span>
              <div className="board-names">
                {paslon.kotakKosong ? (
                  <p className="board-kepala">Kotak kosong</p>
                ) : (
                  <>
                    <p className="board-kepala">{paslon.kepala}</p>
                    <p className="board-wakil">{paslon.wakil}</p>
                  </>
                )}
              </div>
              <p
                className={suara === null ? 'board-votes board-votes--empty' : 'board-votes'}
                aria-label={suara === null ? 'belum ada suara terverifikasi' : `${shown} suara`}
              >
                <span
                  className="board-votes-number"
                  data-testid="projector-votes"
                  // The CSS shrinks long totals to fit the card; it needs their length.
                  style={{ '--chars': Math.max(3, shown.length) } as CSSProperties}
                >
                  {shown}
                </span>
              </p>
              <p className="board-votes-unit">
                {suara === null ? 'belum ada data' : <>suara{sah > 0 && <strong className="board-share"> · {formatPercent(suara, sah)}</strong>}</>}
              </p>
            </li>
          );
        })}
      </ol>

      <footer className="board-footer">
        <div className="board-progress">
          <p className="board-progress-label" data-testid="projector-progress">
            <strong>{formatNumber(state.tpsDone)}</strong> dari {formatNumber(state.tpsTotal)} TPS terverifikasi
            <span className="board-percent"> ({formatPercent(state.tpsDone, state.tpsTotal)})</span>
          </p>
          <div
            className="board-bar"
            role="progressbar"
            aria-label="TPS terverifikasi"
            aria-valuemin={0}
            aria-valuemax={state.tpsTotal}
            aria-valuenow={state.tpsDone}
          >
            <div className="board-bar-fill" style={{ width: `${share * 100}%` }} />
            {status &&
              state.tpsTotal > 0 &&
              BREAKDOWN.filter((s) => s !== 'no_chasil').map((s) => (
                <div key={s} className={`board-bar-part board-bar-part--${s}`} style={{ width: `${(status[s] / state.tpsTotal) * 100}%` }} />
              ))}
          </div>
          {status && (
            <p className="board-breakdown" data-testid="projector-breakdown">
              {BREAKDOWN.map((s) => (
                <span key={s} className={`board-breakdown-item board-breakdown-item--${s}`} data-status={s}>
                  <span className="board-breakdown-dot" aria-hidden="true" />
                  {STATUS_LABEL[s]} <strong>{formatNumber(status[s])}</strong>
                </span>
              ))}
            </p>
          )}
        </div>
        <p className="board-updated" data-testid="projector-updated">
          Diperbarui {formatTime(state.updatedAt)}
        </p>
      </footer>
    </div>
  );
}
