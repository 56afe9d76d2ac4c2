/**
 * The numbers of the current item as the room reads them: votes per paslon with their share, suara sah /
 * tidak sah, voters, the TPS behind the totals, and every check (a failing one names its TPS).
 */
import type { PlenoItemDetail } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { useApiQuery } from '../app/hooks.ts';
import { formatNumber, formatPercent } from '../app/format.ts';

const STATE: Record<string, string> = { verified: 'terverifikasi — masuk rekap', withheld: 'ditahan — tidak masuk rekap', missing: 'belum terverifikasi — tidak masuk rekap' };

export function ItemNumbers({ detail, election }: { detail: PlenoItemDetail; election: number }) {
  const elections = useApiQuery(() => getApi().listElections({}), []);
  const paslon = elections.data?.find((e) => e.id === election)?.paslon ?? [];
  const name = (n: number) => {
    const p = paslon.find((x) => x.nomorUrut === n);
    // the kepala daerah's name only: the pair's full names are on the projector cards and in the documents
    return p ? (p.kotakKosong ? 'Kotak kosong' : p.kepala) : '';
  };
  const failing = detail.checks.filter((c) => !c.holds);
  return (
    <div className="pleno-numbers">
      {detail.state && <p className={`pleno-tps-state pleno-tps-state--${detail.state}`}>TPS {STATE[detail.state]}</p>}
      {detail.item.kind !== 'tps' && (
        <p className="pleno-tps-count">
          TPS masuk <strong>{formatNumber(detail.tps.included)}</strong> dari {formatNumber(detail.tps.total)}
          {detail.tps.withheld > 0 && <> · ditahan {formatNumber(detail.tps.withheld)}</>}
          {detail.tps.missing > 0 && <> · belum {formatNumber(detail.tps.missing)}</>}
        </p>
      )}
      <table className="pleno-votes" data-testid="pleno-votes">
        <thead><tr><th scope="col">No.</th><th scope="col">Pasangan calon</th><th scope="col">Suara</th><th scope="col">%</th></tr></thead>
        <tbody>
          {detail.paslon.map((p) => (
            <tr key={p.nomorUrut} data-nomor={p.nomorUrut}>
              <td className="pleno-nomor">{p.nomorUrut}</td>
              <td>{name(p.nomorUrut)}</td>
              <td className="num">{formatNumber(p.suara)}</td>
              <td className="num">{formatPercent(p.suara, detail.suara.sah)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={2}>Suara sah</th><td className="num">{formatNumber(detail.suara.sah)}</td><td /></tr>
          <tr><th scope="row" colSpan={2}>Suara tidak sah</th><td className="num">{formatNumber(detail.suara.tidakSah)}</td><td /></tr>
          <tr><th scope="row" colSpan={2}>Jumlah suara</th><td className="num">{formatNumber(detail.suara.total)}</td><td /></tr>
          <tr><th scope="row" colSpan={2}>Pengguna hak pilih / DPT terdaftar</th><td className="num" colSpan={2}>{formatNumber(detail.pengguna)} / {formatNumber(detail.dpt)}</td></tr>
        </tfoot>
      </table>
      <h3 className="pleno-checks-title">
        Pemeriksaan {failing.length === 0 ? <span className="ok">semua sesuai</span> : <span className="bad">{failing.length} tidak sesuai</span>}
      </h3>
      <ul className="pleno-checks" data-testid="pleno-checks">
        {[...failing, ...detail.checks.filter((c) => c.holds)].map((c) => (
          <li key={c.id} className={c.holds ? 'holds' : 'fails'} data-check={c.id}>
            <span aria-hidden="true">{c.holds ? '✓' : '✗'}</span> {c.label}
            {c.summed && !c.holds && <span className="pleno-check-sides"> (kiri {formatNumber(c.summed.left)} · kanan {formatNumber(c.summed.right)})</span>}
            {!c.holds && detail.item.kind !== 'tps' && c.failingTps.length > 0 && <span className="pleno-check-tps"> — TPS {c.failingTps.map((t) => t.slice(10)).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
