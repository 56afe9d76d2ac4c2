/** Running totals per paslon for the session's region: a bar per paslon (share of suara sah), the percentage and the count. */
import type { ProjectorState } from '../../shared/api/contract.ts';
import { formatNumber, formatPercent } from '../app/format.ts';

export function RunningTotals({ state }: { state: ProjectorState }) {
  const paslon = state.election?.paslon ?? [];
  const counted = state.rekap ? new Map(state.rekap.paslon.map((p) => [p.nomorUrut, p.suara])) : new Map(state.votes.map((v) => [v.nomorUrut, v.suara ?? 0]));
  const sah = state.rekap?.suaraSah ?? [...counted.values()].reduce((a, b) => a + b, 0);
  const any = (state.rekap?.tps.included ?? state.tpsDone) > 0;
  return (
    <section className="totals" aria-label="Perolehan sementara per pasangan calon">
      <h2 className="sboard-label">Perolehan sementara</h2>
      <ol className="totals-list">
        {paslon.map((p) => {
          const suara = counted.get(p.nomorUrut) ?? 0;
          return (
            <li key={p.nomorUrut} className="totals-row" data-nomor={p.nomorUrut}>
              <span className="totals-nomor">{p.nomorUrut}</span>
              <div className="totals-body">
                <p className="totals-name">{p.kotakKosong ? 'Kotak kosong' : p.kepala}</p>
                <div className="totals-bar"><div style={{ width: `${sah > 0 ? (suara / sah) * 100 : 0}%` }} /></div>
              </div>
              <p className="totals-figures">
                <span className="totals-votes" data-testid="projector-total">{any ? formatNumber(suara) : '—'}</span>
                <span className="totals-percent" data-testid="projector-percent">{any ? formatPercent(suara, sah) : ''}</span>
              </p>
            </li>
          );
        })}
      </ol>
      <p className="totals-sah">Suara sah <strong>{any ? formatNumber(sah) : '—'}</strong> · tidak sah <strong>{any ? formatNumber(state.rekap?.suaraTidakSah ?? 0) : '—'}</strong></p>
    </section>
  );
}
