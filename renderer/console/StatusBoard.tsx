/**
 * The status board (*pengecekan data terpublikasi dan belum terpublikasi*): for a region, its TPS
 * counted per C.Hasil state (each count a filter), the same per kecamatan or desa below it (click to go
 * down), and the TPS themselves with the reason a TPS is withheld. Starts at the operator's own area
 * (a PPK's kecamatan). "Unduh CSV" saves status-<kode wilayah>.csv with every TPS of the region.
 * Keys (outside form fields): Backspace or Alt+↑ goes up one level, Escape clears the filter.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError, Profile } from '../../shared/api/contract.ts';
import type { Region, TpsStatus } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { formatNumber } from '../app/format.ts';
import { asApiError, useApiQuery } from '../app/hooks.ts';
import { regionTitle, STATUS_LABEL } from '../app/labels.ts';
import { downloadText } from './download.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { StatusChildren } from './StatusChildren.tsx';
import { StatusStrip } from './StatusStrip.tsx';
import { StatusTpsList } from './StatusTpsList.tsx';

interface Props {
  home: Region;
  profile: Profile | null | undefined;
  dataVersion: number;
}

export function StatusBoard({ home, profile, dataVersion }: Props) {
  const start = profile?.regionCode ?? home.code;
  const [regionCode, setRegionCode] = useState(start);
  const [filter, setFilter] = useState<TpsStatus | null>(null);
  // A newly chosen profile moves the board to its area.
  useEffect(() => setRegionCode(start), [start]);

  const detail = useApiQuery(() => getApi().getRegion({ code: regionCode }), [regionCode, dataVersion]);
  const region = detail.data?.region.code === regionCode ? detail.data.region : null;
  const children = useApiQuery(
    () => (region && region.level !== 'desa' ? getApi().listRegionChildren({ parentCode: region.code }) : Promise.resolve([])),
    [region?.code, region?.level, dataVersion],
  );

  const heading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (moveFocus.current && region) {
      moveFocus.current = false;
      heading.current?.focus();
    }
  }, [region]);

  const open = (code: string, status: TpsStatus | null) => {
    moveFocus.current = true;
    setRegionCode(code);
    setFilter(status);
  };

  // Up one level, never above the home region (the board's top).
  const parentCode = region?.parentCode && region.parentCode.startsWith(home.code) ? region.parentCode : null;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, select, textarea, [contenteditable]')) return;
      if (event.key === 'Escape' && filter) {
        setFilter(null);
      } else if (parentCode && (event.key === 'Backspace' || (event.altKey && event.key === 'ArrowUp'))) {
        open(parentCode, filter);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [filter, parentCode]);

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const file = await getApi().exportStatusCsv({ regionCode });
      downloadText(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setExportError(asApiError(e));
    } finally {
      setExporting(false);
    }
  };

  const path = detail.data?.path ?? [];
  const ancestors = path.filter((r) => r.code !== regionCode && r.code.startsWith(home.code));

  return (
    <div className="status-board" data-testid="status-board">
      {detail.state === 'error' && <ErrorNote error={detail.error} onRetry={detail.reload} />}
      {region ? (
        <>
          <div className="board-heading">
            <div>
              <nav aria-label="Lokasi wilayah" className="breadcrumbs">
                <ol>
                  <li>Papan status</li>
                  {ancestors.map((r) => (
                    <li key={r.code}>
                      <button type="button" className="link-button" onClick={() => open(r.code, filter)}>
                        {regionTitle(r)}
                      </button>
                    </li>
                  ))}
                </ol>
              </nav>
              <h1 ref={heading} tabIndex={-1} data-testid="board-title">
                {regionTitle(region)} <span className="region-code">{region.code}</span>
              </h1>
              <p className="muted" data-testid="board-summary">
                {formatNumber(region.status.verified)} dari {formatNumber(region.tpsCount)} TPS terverifikasi
                {region.status.withheld > 0 && ` · ${formatNumber(region.status.withheld)} TPS ditahan`}
                {filter && ` · filter: ${STATUS_LABEL[filter]}`}
              </p>
            </div>
            <div className="board-actions">
              <p className="board-keys muted">
                <kbd>Backspace</kbd> naik satu tingkat · <kbd>Esc</kbd> hapus filter
              </p>
              <button type="button" onClick={exportCsv} disabled={exporting}>
                {exporting ? 'Menyiapkan CSV…' : 'Unduh CSV'}
              </button>
            </div>
          </div>
          {exportError && <ErrorNote error={exportError} onRetry={exportCsv} />}
          <StatusStrip counts={region.status} total={region.tpsCount} filter={filter} onFilter={setFilter} />
          {children.state === 'error' && <ErrorNote error={children.error} onRetry={children.reload} />}
          {region.level !== 'desa' && children.data && children.data.length > 0 && (
            <StatusChildren parent={region} items={children.data} filter={filter} onOpen={open} />
          )}
          <StatusTpsList key={`${region.code}:${filter ?? ''}`} region={region} status={filter} dataVersion={dataVersion} />
        </>
      ) : (
        detail.state === 'loading' && <p className="empty">Memuat…</p>
      )}
    </div>
  );
}
