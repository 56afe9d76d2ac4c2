/**
 * The TPS of the selected region with their status, a page at a time: a kabupaten has ~5,000 TPS and
 * the table stays quick by asking the host for one page (ordered by code) instead of everything.
 */
import { useEffect, useRef, useState } from 'react';
import type { RegionSummary, TpsStatus } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { formatNumber } from '../app/format.ts';
import { useApiQuery } from '../app/hooks.ts';
import { displayName, STATUS_LABEL } from '../app/labels.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useDesaNames } from './region-directory.ts';

const PAGE_SIZE = 100;

interface Props {
  region: RegionSummary;
  status: TpsStatus | null;
  /** A TPS chosen in the tree: shown highlighted and scrolled to. */
  highlight: string | null;
  /** Changes when the host says data changed: the page is read again. */
  dataVersion: number;
}

export function TpsTable({ region, status, highlight, dataVersion }: Props) {
  // The parent keys this component by region and filter, so a new region starts on page 1.
  const [page, setPage] = useState(0);

  const result = useApiQuery(
    () => getApi().listTps({ regionCode: region.code, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...(status ? { status } : {}) }),
    [region.code, status, page, dataVersion],
  );
  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const showDesa = region.level !== 'desa';
  const desaName = useDesaNames(showDesa ? items.map((t) => t.desaCode) : []);

  const highlightRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => highlightRow.current?.scrollIntoView({ block: 'nearest' }), [highlight, result.data]);

  const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);

  return (
    <section className="panel tps-panel" aria-labelledby="tps-heading">
      <header className="panel-header">
        <h2 id="tps-heading">Daftar TPS</h2>
        <p className="panel-meta" aria-live="polite">
          {result.data
            ? total === 0
              ? 'Tidak ada TPS'
              : `Menampilkan ${formatNumber(first)}–${formatNumber(last)} dari ${formatNumber(total)} TPS`
            : 'Memuat…'}
          {status && ` · filter: ${STATUS_LABEL[status]}`}
        </p>
      </header>
      {result.state === 'error' && <ErrorNote error={result.error} onRetry={result.reload} />}
      <div className="table-scroll" tabIndex={0} aria-label="Tabel TPS, dapat digulir">
        <table className="tps-table" aria-busy={result.state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">TPS</th>
              <th scope="col">Kode TPS</th>
              {showDesa && <th scope="col">Desa/Kel.</th>}
              <th scope="col" className="num">DPT L</th>
              <th scope="col" className="num">DPT P</th>
              <th scope="col" className="num">DPT</th>
              <th scope="col">Status C.Hasil</th>
            </tr>
          </thead>
          <tbody>
            {items.map((tps) => (
              <tr
                key={tps.code}
                data-code={tps.code}
                ref={tps.code === highlight ? highlightRow : undefined}
                className={tps.code === highlight ? 'is-highlighted' : undefined}
              >
                <td>{String(tps.nomor).padStart(3, '0')}</td>
                <td className="code">
                  <a href={`#/review/${tps.code}`} title="Periksa C.Hasil TPS ini">{tps.code}</a>
                </td>
                {showDesa && <td>{displayName(desaName(tps.desaCode) ?? tps.desaCode)}</td>}
                <td className="num">{formatNumber(tps.dptL)}</td>
                <td className="num">{formatNumber(tps.dptP)}</td>
                <td className="num">{formatNumber(tps.dptL + tps.dptP)}</td>
                <td>
                  <span className={`status status--${tps.status}`}>{STATUS_LABEL[tps.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="Halaman daftar TPS">
          <button type="button" onClick={() => setPage(0)} disabled={page === 0}>
            « Awal
          </button>
          <button type="button" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
            ‹ Sebelumnya
          </button>
          <label className="pager-select">
            Halaman{' '}
            <select value={page} onChange={(event) => setPage(Number(event.target.value))}>
              {Array.from({ length: pages }, (_, i) => (
                <option key={i} value={i}>
                  {formatNumber(i + 1)}
                </option>
              ))}
            </select>{' '}
            dari {formatNumber(pages)}
          </label>
          <button type="button" onClick={() => setPage((p) => Math.min(pages - 1, p + 1))} disabled={page >= pages - 1}>
            Berikutnya ›
          </button>
          <button type="button" onClick={() => setPage(pages - 1)} disabled={page >= pages - 1}>
            Akhir »
          </button>
        </nav>
      )}
    </section>
  );
}
