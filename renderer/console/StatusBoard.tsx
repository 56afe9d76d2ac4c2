/**
 * The status board (*pengecekan data terpublikasi dan belum terpublikasi*): for a region, its TPS
 * counted per C.Hasil state (each count a filter), the same per kecamatan or desa below it (click to go
 * down), and the TPS themselves with the reason a TPS is withheld. Starts at the operator's own area
 * (a PPK's kecamatan). "Unduh CSV" saves status-<kode wilayah>.csv with every TPS of the region.
 * The race chooser switches all of it between "Semua pemilihan" (each TPS at its least advanced race,
 * from the stored aggregates) and one race (that race's C.Hasil: counted on demand by getStatusCounts).
 * Keys (outside form fields): Backspace or Alt+↑ goes up one level, Escape clears the filter.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError, Profile } from '../../shared/api/contract.ts';
import type { Election, Region, TpsStatus } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { formatNumber } from '../app/format.ts';
import { asApiError, useApiQuery } from '../app/hooks.ts';
import { JENIS_SHORT, raceTitle, regionTitle, STATUS_LABEL } from '../app/labels.ts';
import { downloadText } from './download.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { RaceSelect } from './RaceSelect.tsx';
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
  /** null = "Semua pemilihan"; kept in the address (#/status?pemilihan=2) so a reload or a link keeps it. */
  const [raceId, setRaceId] = useState<number | null>(() => raceFromHash(window.location.hash));
  const chooseRace = (id: number | null) => {
    setRaceId(id);
    window.history.replaceState(null, '', raceHash(window.location.hash, id));
  };
  // A newly chosen profile moves the board to its area.
  useEffect(() => setRegionCode(start), [start]);

  // The races held in the home region: the governor's (its province) and the bupati/wali kota's.
  const elections = useApiQuery(() => getApi().listElections({}), []);
  const races = (elections.data ?? []).filter((e) => home.code.startsWith(e.regionCode) || e.regionCode.startsWith(home.code));
  const race: Election | null = races.find((e) => e.id === raceId) ?? null;
  const electionId = race?.id;

  const detail = useApiQuery(() => getApi().getRegion({ code: regionCode }), [regionCode, dataVersion]);
  const shownRegion = detail.data?.region.code === regionCode ? detail.data.region : null;
  const children = useApiQuery(
    () => (shownRegion && shownRegion.level !== 'desa' && electionId === undefined
      ? getApi().listRegionChildren({ parentCode: shownRegion.code })
      : Promise.resolve([])),
    [shownRegion?.code, shownRegion?.level, electionId, dataVersion],
  );
  // One race: the region's and its children's counts are that race's.
  // Answers carry the race they are for: while another race loads, the last one's counts are not shown as its.
  const raceCounts = useApiQuery(
    () => (electionId === undefined
      ? Promise.resolve(null)
      : getApi().getStatusCounts({ regionCode, electionId }).then((counts) => ({ electionId, counts }))),
    [regionCode, electionId, dataVersion],
  );
  const raceData = electionId !== undefined && raceCounts.data?.electionId === electionId && raceCounts.data.counts.region.code === regionCode
    ? raceCounts.data.counts
    : null;
  // The heading and the chooser stay while a race's counts load (the chooser keeps the keyboard focus);
  // the last counts of this region stay too, dimmed, so the page does not jump for a few milliseconds.
  const region = shownRegion;
  const fresh = electionId === undefined
    ? shownRegion && { region: shownRegion, children: children.data }
    : raceData && { region: raceData.region, children: raceData.children };
  const lastShown = useRef<typeof fresh>(null);
  if (fresh) lastShown.current = fresh;
  const stale = !fresh && lastShown.current?.region.code === regionCode ? lastShown.current : null;
  const counted = (fresh ?? stale)?.region ?? null;
  const childRegions = (fresh ?? stale)?.children;
  const childError = electionId === undefined ? children : raceCounts;

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
      const file = await getApi().exportStatusCsv({ regionCode, ...(electionId === undefined ? {} : { electionId }) });
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
                {counted ? (
                  <>
                    {formatNumber(counted.status.verified)} dari {formatNumber(counted.tpsCount)} TPS terverifikasi
                    {race && ` untuk ${JENIS_SHORT[race.jenis]}`}
                    {counted.status.withheld > 0 && ` · ${formatNumber(counted.status.withheld)} TPS ditahan`}
                    {filter && ` · filter: ${STATUS_LABEL[filter]}`}
                  </>
                ) : (
                  'Menghitung…'
                )}
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
          <div className="status-race-row">
            <RaceSelect elections={races} selectedId={race?.id ?? null} onSelect={chooseRace} />
            <p className="muted status-race-note" data-testid="board-race-note">
              {race ? raceTitle(race) : 'Setiap TPS dihitung pada pemilihan yang paling belum maju'}
            </p>
          </div>
          {childError.state === 'error' && <ErrorNote error={childError.error} onRetry={childError.reload} />}
          {counted ? (
            <div className={stale ? 'status-counts is-stale' : 'status-counts'} aria-busy={stale !== null}>
              <StatusStrip counts={counted.status} total={counted.tpsCount} filter={filter} onFilter={setFilter} />
              {region.level !== 'desa' && childRegions && childRegions.length > 0 && (
                <StatusChildren parent={counted} items={childRegions} filter={filter} onOpen={open} />
              )}
            </div>
          ) : (
            raceCounts.state === 'loading' && <p className="empty">Menghitung…</p>
          )}
          <StatusTpsList
            key={`${region.code}:${filter ?? ''}:${electionId ?? ''}`}
            region={region}
            status={filter}
            election={race}
            dataVersion={dataVersion}
          />
        </>
      ) : (
        detail.state === 'loading' && <p className="empty">Memuat…</p>
      )}
    </div>
  );
}

/** The race in the board's address, `#/status?pemilihan=<id>`; null when absent or not a number. */
function raceFromHash(hash: string): number | null {
  const query = hash.split('?')[1];
  const id = Number(new URLSearchParams(query ?? '').get('pemilihan'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The same address with the race set (or removed for "Semua pemilihan"), other parameters kept. */
function raceHash(hash: string, id: number | null): string {
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query ?? '');
  if (id === null) params.delete('pemilihan');
  else params.set('pemilihan', String(id));
  const rest = params.toString();
  return `${path || '#/status'}${rest ? `?${rest}` : ''}`;
}
