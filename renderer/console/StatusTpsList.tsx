/**
 * The status board's TPS list: every TPS under the region (or only those in the chosen state) with its
 * status and the note behind it — the withheld reason, the missing page — a page at a time. With a race
 * chosen, the status and note are that race's.
 */
import { useState } from 'react';
import type { Election, RegionSummary, TpsStatus } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { formatNumber } from '../app/format.ts';
import { useApiQuery } from '../app/hooks.ts';
import { displayName, JENIS_SHORT, STATUS_LABEL } from '../app/labels.ts';
import { ErrorNote } from './ErrorNote.tsx';

const PAGE_SIZE = 50;

interface Props {
  region: RegionSummary;
  status: TpsStatus | null;
  /** null = every race together */
  election?: Election | null;
  dataVersion: number;
}

export function StatusTpsList({ region, status, election = null, dataVersion }: Props) {
  // Keyed by region and filter by the parent: a new question starts on page 1.
  const [page, setPage] = useState(0);
  const result = useApiQuery(
    () => getApi().listStatusBoardTps({
      regionCode: region.code,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(status ? { status } : {}),
      ...(election ? { electionId: election.id } : {}),
    }),
    [region.code, status, election?.id, page, dataVersion],
  );
  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const showKecamatan = region.level === 'kabkota' || region.level === 'provinsi';
  const showDesa = region.level !== 'desa';
  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);

  return (
    <section className="panel board-tps" aria-labelledby="board-tps-heading">
      <header className="panel-header">
        <h2 id="board-tps-heading">
          {status ? `TPS ${STATUS_LABEL[status].toLowerCase()}` : 'Semua TPS'}
          {election && ` · ${JENIS_SHORT[election.jenis]}`}
        </h2>
        <p className="panel-meta" aria-live="polite" data-testid="board-tps-meta">
          {result.data
            ? total === 0
              ? 'Tidak ada TPS'
              : `${formatNumber(first)}–${formatNumber(last)} dari ${formatNumber(total)} TPS`
            : 'Memuat…'}
        </p>
      </header>
      {result.state === 'error' && <ErrorNote error={result.error} onRetry={result.reload} />}
      {total > 0 && (
        <div className="table-scroll board-scroll" tabIndex={0} aria-label="Daftar TPS papan status, dapat digulir">
          <table className="tps-table" aria-busy={result.state === 'loading'}>
            <thead>
              <tr>
                <th scope="col">Kode TPS</th>
                {showKecamatan && <th scope="col">Kecamatan</th>}
                {showDesa && <th scope="col">Desa/Kel.</th>}
                <th scope="col">TPS</th>
                <th scope="col">{election ? `Status ${JENIS_SHORT[election.jenis]}` : 'Status'}</th>
                <th scope="col">Keterangan</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tps) => (
                <tr key={tps.code} data-code={tps.code} data-status={tps.status}>
                  <td className="code">
                    <a href={`#/review/${tps.code}`} title="Periksa C.Hasil TPS ini">{tps.code}</a>
                  </td>
                  {showKecamatan && <td>{displayName(tps.kecamatanName)}</td>}
                  {showDesa && <td>{displayName(tps.desaName)}</td>}
                  <td>{String(tps.nomor).padStart(3, '0')}</td>
                  <td>
                    <span className={`status status--${tps.status}`}>{STATUS_LABEL[tps.status]}</span>
                  </td>
                  <td className="board-note">{tps.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Halaman daftar TPS papan status">
          <button type="button" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
            ‹ Sebelumnya
          </button>
          <span className="pager-select">
            Halaman {formatNumber(page + 1)} dari {formatNumber(pages)}
          </span>
          <button type="button" onClick={() => setPage((p) => Math.min(pages - 1, p + 1))} disabled={page >= pages - 1}>
            Berikutnya ›
          </button>
        </nav>
      )}
    </section>
  );
}
