/**
 * The operator console: region tree on the left; the selected region's counts, status strip, TPS list,
 * races with their paslon, and the projector control on the right. `#/status` shows the status board in
 * the same frame. While no operator profile is active, the chooser sits under the header.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Election, RegionSummary, TpsStatus } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { useApiEvent, useApiQuery, useConnectionState } from '../app/hooks.ts';
import '../styles/console.css';
import '../styles/board.css';
import { ElectionPanel } from './ElectionPanel.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { useActiveProfile } from '../app/profile.ts';
import { Header, type ConsoleView } from './Header.tsx';
import { ProfileChooser } from './ProfileChooser.tsx';
import { ProjectorControl } from './ProjectorControl.tsx';
import { regionDirectory } from './region-directory.ts';
import { RegionHeading } from './RegionHeading.tsx';
import { RegionTree } from './RegionTree.tsx';
import { StatusBoard } from './StatusBoard.tsx';
import { StatusStrip } from './StatusStrip.tsx';
import type { TreeRow } from './tree-rows.ts';
import { TpsTable } from './TpsTable.tsx';

export function ConsoleApp({ view }: { view: ConsoleView }) {
  useEffect(() => {
    document.body.dataset.view = 'console';
    document.title = view === 'status' ? 'Pleno — Papan Status C.Hasil' : 'Pleno — Konsol Operator';
  }, [view]);
  const connection = useConnectionState();

  // Host-side changes (imports, verifications) make every count stale: drop caches and re-read.
  const [dataVersion, setDataVersion] = useState(0);
  useApiEvent('dataChanged', () => {
    regionDirectory.clear();
    setDataVersion((v) => v + 1);
  });

  const info = useApiQuery(() => getApi().getAppInfo({}), []);
  const home = info.data?.homeRegion ?? null;
  const isOperator = info.data?.access === 'operator';
  const profile = useActiveProfile(isOperator);
  const leaveProfile = () => {
    void getApi().setActiveProfile({ profile: null }).then(profile.reload, profile.reload);
  };
  const roots = useApiQuery<RegionSummary[]>(async () => {
    if (!info.data) return [];
    if (home) return [(await getApi().getRegion({ code: home.code })).region];
    return getApi().listRegionChildren({ parentCode: null });
  }, [info.data, home?.code, dataVersion]);
  const elections = useApiQuery(() => getApi().listElections({}), [dataVersion]);

  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [highlightTps, setHighlightTps] = useState<string | null>(null);
  const [statusFilter, setStatusFilter] = useState<TpsStatus | null>(null);
  const [electionId, setElectionId] = useState<number | null>(null);

  const regionCode = selectedCode ?? roots.data?.[0]?.code ?? null;
  const detail = useApiQuery(
    () => (regionCode ? getApi().getRegion({ code: regionCode }) : Promise.resolve(null)),
    [regionCode, dataVersion],
  );
  const region = detail.data?.region.code === regionCode ? detail.data.region : null;

  const applicable = useMemo(() => racesCovering(elections.data ?? [], regionCode), [elections.data, regionCode]);
  const election = applicable.find((e) => e.id === electionId) ?? applicable[0] ?? null;

  const onSelectRow = (row: TreeRow) => {
    if (row.kind === 'tps') {
      setSelectedCode(row.tps.desaCode);
      setHighlightTps(row.tps.code);
    } else {
      setSelectedCode(row.region.code);
      setHighlightTps(null);
    }
    setStatusFilter(null);
  };

  const navigateTo = (code: string) => {
    setSelectedCode(code);
    setHighlightTps(null);
    setStatusFilter(null);
  };

  return (
    <div className="console">
      {/* The hash is the route here, so the skip link moves focus itself instead of changing it. */}
      <a
        className="skip-link"
        href="#/"
        onClick={(event) => {
          event.preventDefault();
          document.querySelector<HTMLElement>('.tps-panel .table-scroll')?.focus();
        }}
      >
        Lompat ke daftar TPS
      </a>
      <Header info={info.data} view={view} profile={isOperator ? profile.data : undefined} onLeaveProfile={leaveProfile} />
      {info.state === 'error' && <ErrorNote error={info.error} onRetry={info.reload} />}
      {profile.state === 'error' && <ErrorNote error={profile.error} onRetry={profile.reload} />}
      {isOperator && home && profile.state === 'ready' && profile.data === null && <ProfileChooser home={home} onChosen={profile.reload} />}
      {view === 'status' ? (
        <main className="content content--board">
          {home ? <StatusBoard home={home} profile={profile.data} dataVersion={dataVersion} /> : <p className="empty">Belum ada data wilayah.</p>}
        </main>
      ) : (
      <div className="console-body">
        <nav className="sidebar" aria-label="Pohon wilayah">
          <h2 className="sidebar-title">Wilayah</h2>
          {roots.state === 'error' && <ErrorNote error={roots.error} onRetry={roots.reload} />}
          {roots.data && roots.data.length > 0 ? (
            <RegionTree roots={roots.data} selected={highlightTps ?? regionCode} onSelect={onSelectRow} />
          ) : (
            <p className="empty">{roots.state === 'loading' ? 'Memuat wilayah…' : 'Belum ada data wilayah. Jalankan `pleno init --demo kediri`.'}</p>
          )}
        </nav>
        <main className="content">
          {detail.state === 'error' && <ErrorNote error={detail.error} onRetry={detail.reload} />}
          {region && detail.data ? (
            <>
              <RegionHeading region={region} path={detail.data.path} onNavigate={navigateTo} />
              <StatusStrip counts={region.status} total={region.tpsCount} filter={statusFilter} onFilter={setStatusFilter} />
              <div className="content-grid">
                <TpsTable key={`${region.code}:${statusFilter ?? ''}`} region={region} status={statusFilter} highlight={highlightTps} dataVersion={dataVersion} />
                <div className="side-panels">
                  {elections.state === 'error' && <ErrorNote error={elections.error} onRetry={elections.reload} />}
                  <ElectionPanel elections={applicable} selectedId={election?.id ?? null} onSelect={setElectionId} />
                  <ProjectorControl
                    region={region}
                    election={election}
                    isOperator={info.data?.access === 'operator'}
                    canOpenTab={connection !== 'desktop'}
                  />
                </div>
              </div>
            </>
          ) : (
            detail.state === 'loading' && <p className="empty">Memuat…</p>
          )}
        </main>
      </div>
      )}
    </div>
  );
}

/** Races whose area contains the region, the most local first (bupati before gubernur). */
function racesCovering(elections: readonly Election[], regionCode: string | null): Election[] {
  if (!regionCode) return [];
  return elections
    .filter((e) => regionCode.startsWith(e.regionCode))
    .sort((a, b) => b.regionCode.length - a.regionCode.length || a.id - b.id);
}
