/**
 * `#/import`: photos and PDFs of C.Hasil into Pleno. Pick files or a folder, or drop them (folders too) on
 * the window; in a browser they are uploaded a chunk at a time, in the desktop app read from where they lie.
 * The persisted queue reads them in the background — this screen only follows it (progress bar, counts,
 * time left, cancel) and lists what became of each file, each TPS linking to its review screen. Leaving
 * the screen or closing the app does not stop or lose an import.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import type { ImportItem, ImportProgress } from '../../shared/api/methods/intake.ts';
import { getApi } from '../api/client.ts';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { asApiError, useApiEvent, useApiQuery } from '../app/hooks.ts';
import { useActiveProfile } from '../app/profile.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import { Header } from '../console/Header.tsx';
import { ProfileChooser } from '../console/ProfileChooser.tsx';
import '../styles/console.css';
import '../styles/import.css';
import { desktopPaths } from './desktop-files.ts';
import { DropZone } from './DropZone.tsx';
import { fromDrop, fromInput, type Picked } from './files.ts';
import { ImportProgressPanel } from './ImportProgressPanel.tsx';
import { ImportResults } from './ImportResults.tsx';
import { ImportSettings, settingsProblem, type Settings } from './ImportSettings.tsx';
import { uploadFiles, type UploadProgress } from './upload.ts';

/** A counter bumped at most once per `ms`: live events arrive per file, the screen re-reads a few times a second at most. */
function useThrottledNonce(ms: number): [number, () => void] {
  const [nonce, setNonce] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const bump = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setNonce((n) => n + 1);
    }, ms);
  };
  return [nonce, bump];
}

interface Notice {
  skipped: string[];
  failures: { name: string; message: string }[];
  message: string | null;
}

export function ImportApp() {
  useEffect(() => {
    document.body.dataset.view = 'console';
    document.title = 'Pleno — Impor Foto C.Hasil';
  }, []);
  const info = useApiQuery(() => getApi().getAppInfo({}), []);
  const isOperator = info.data?.access === 'operator';
  const profile = useActiveProfile(isOperator);
  const leaveProfile = () => void getApi().setActiveProfile({ profile: null }).then(profile.reload, profile.reload);
  const home = info.data?.homeRegion ?? null;

  const elections = useApiQuery(() => getApi().listElections({}), []);
  const [statusNonce, refreshStatus] = useThrottledNonce(300);
  const status = useApiQuery(() => getApi().getImportStatus({}), [statusNonce]);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings || !status.data || !elections.data) return;
    // the kab/kota's own race by default (its C.Hasil is what the PPK handles most); the operator can change it
    const own = elections.data.find((e) => e.regionCode === home?.code) ?? elections.data[0] ?? null;
    setSettings({ electionId: own?.id ?? null, pattern: status.data.defaultPattern, filedTps: '' });
  }, [settings, status.data, elections.data, home?.code]);

  const [currentId, setCurrentId] = useState<number | null>(null);
  const batchId = currentId ?? status.data?.batches[0]?.id ?? null;
  const [itemsNonce, refreshItems] = useThrottledNonce(800);
  const listed = useApiQuery(
    () => (batchId === null ? Promise.resolve(null) : getApi().listImportItems({ batchId, limit: 5000 })),
    [batchId, itemsNonce],
  );
  const [items, setItems] = useState<ImportItem[]>([]);
  useEffect(() => {
    if (listed.data !== undefined) setItems(listed.data?.items ?? []);
  }, [listed.data]);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const liveProgress = progress ?? status.data?.progress ?? null;

  useApiEvent('importProgress', (event) => {
    if (event.kind === 'item') {
      if (event.item.batchId !== batchId) return;
      setItems((list) => {
        const at = list.findIndex((i) => i.itemId === event.item.itemId);
        if (at < 0) return [...list, event.item];
        const next = [...list];
        next[at] = event.item;
        return next;
      });
      refreshStatus();
    } else if (event.kind === 'progress') {
      setProgress(event.progress);
      refreshStatus();
    } else if (event.kind === 'queue') {
      refreshStatus();
      refreshItems();
    }
  });

  const [upload, setUpload] = useState<UploadProgress | null>(null);
  /** The upload under way: its stop switch, and when it has stopped (after its chunk in flight, which a cancelled import would refuse with 409). */
  const uploading = useRef<{ controller: AbortController; stopped: Promise<unknown> } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const busy = upload !== null && upload.filesSent < upload.filesTotal;

  async function start(picked: Picked, paths: string[] | null) {
    setError(null);
    setNotice(null);
    if (!settings) return;
    if (!paths && picked.files.length === 0) {
      setNotice({ skipped: picked.skipped, failures: [], message: 'Tidak ada foto (JPEG, PNG, WebP, TIFF, HEIC) atau PDF di antara berkas itu.' });
      return;
    }
    const problem = settingsProblem(settings);
    if (problem) {
      setNotice({ skipped: [], failures: [], message: problem });
      return;
    }
    const input = {
      electionId: settings.electionId,
      pattern: settings.pattern.trim() === '' ? null : settings.pattern.trim(),
      filedTps: settings.filedTps === '' ? null : settings.filedTps,
    };
    try {
      if (paths) {
        const started = await getApi().importPaths({ paths, ...input });
        setCurrentId(started.batchId);
        setNotice({ skipped: started.skipped, failures: started.rejected, message: null });
        refreshItems();
        refreshStatus();
        return;
      }
      const { batchId: id } = await getApi().startUploadImport({ ...input, source: `${formatNumber(picked.files.length)} berkas dari peramban` });
      setCurrentId(id);
      setItems([]);
      setNotice(picked.skipped.length > 0 ? { skipped: picked.skipped, failures: [], message: null } : null);
      const controller = new AbortController();
      const run = uploadFiles(id, picked.files, setUpload, controller.signal);
      uploading.current = { controller, stopped: run.catch(() => undefined) };
      const failures = await run;
      if (failures.length > 0) setNotice({ skipped: picked.skipped, failures, message: null });
      refreshItems();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      uploading.current = null;
      setUpload((u) => (u ? { ...u, filesSent: u.filesTotal } : u));
    }
  }

  const onFiles = (list: FileList) => {
    const raw = [...list];
    void start(fromInput(list), desktopPaths(raw));
  };
  const onDrop = (transfer: DataTransfer) => {
    // read everything off the DataTransfer now: it is emptied once this event returns
    const paths = desktopPaths([...transfer.files]);
    const picked = paths ? Promise.resolve({ files: [], skipped: [] }) : fromDrop(transfer);
    void picked.then((p) => start(p, paths), (e: unknown) => setError(asApiError(e)));
  };

  const cancel = async () => {
    if (batchId === null) return;
    setCancelling(true);
    const running = uploading.current;
    running?.controller.abort();
    try {
      // The upload stops after its chunk in flight: let that one land before the import refuses more.
      await running?.stopped;
      await getApi().cancelImport({ batchId });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setCancelling(false);
      refreshStatus();
      refreshItems();
    }
  };

  const batch = status.data?.batches.find((b) => b.id === batchId) ?? listed.data?.batch ?? null;
  const others = (status.data?.batches ?? []).filter((b) => b.id !== batchId).slice(0, 8);

  return (
    <div className="console">
      <Header info={info.data} view="import" profile={isOperator ? profile.data : undefined} onLeaveProfile={leaveProfile} />
      {isOperator && home && profile.state === 'ready' && profile.data === null && <ProfileChooser home={home} onChosen={profile.reload} />}
      <main className="content import">
        <h1>Impor foto C.Hasil</h1>
        {info.state === 'error' && <ErrorNote error={info.error} onRetry={info.reload} />}
        {status.state === 'error' && <ErrorNote error={status.error} onRetry={status.reload} />}
        {info.data && !isOperator && <p className="empty">Impor hanya dapat dilakukan oleh operator di komputer ini.</p>}
        {isOperator && settings && (
          <div className="import-top">
            <DropZone disabled={busy} onFiles={onFiles} onDrop={onDrop} />
            <ImportSettings elections={elections.data ?? []} value={settings} disabled={busy} onChange={setSettings} />
          </div>
        )}
        {error && <ErrorNote error={error} />}
        {notice && (
          <div className="import-notice" role="status" data-testid="import-notice">
            {notice.message && <p>{notice.message}</p>}
            {notice.failures.length > 0 && (
              <ul>
                {notice.failures.map((f) => (
                  <li key={f.name}>
                    <b>{f.name}</b>: {f.message}
                  </li>
                ))}
              </ul>
            )}
            {notice.skipped.length > 0 && (
              <p>
                Dilewati {formatNumber(notice.skipped.length)} berkas yang bukan foto atau PDF: {notice.skipped.slice(0, 5).join(', ')}
                {notice.skipped.length > 5 ? ', …' : ''}
              </p>
            )}
          </div>
        )}
        {batch && (
          <ImportProgressPanel batch={batch} progress={liveProgress} upload={upload} onCancel={() => void cancel()} cancelling={cancelling} />
        )}
        {batch && <ImportResults items={items} total={listed.data?.total ?? items.length} onChanged={isOperator ? () => { refreshItems(); refreshStatus(); } : undefined} />}
        {!batch && status.data && <p className="empty">Belum ada impor. Pilih berkas atau seret foto ke jendela ini.</p>}
        {others.length > 0 && (
          <section className="import-history" aria-label="Impor sebelumnya">
            <h2>Impor sebelumnya</h2>
            <ul>
              {others.map((b) => (
                <li key={b.id}>
                  <button type="button" className="link-button" onClick={() => setCurrentId(b.id)}>
                    Impor #{formatNumber(b.id)}
                  </button>{' '}
                  {formatDateTime(b.createdAt)} · {b.source} · {formatNumber(b.counts.total)} berkas
                  {b.counts.failed > 0 ? `, ${formatNumber(b.counts.failed)} gagal` : ''}
                  {b.state === 'cancelled' ? ' · dibatalkan' : b.state === 'open' ? ' · berjalan' : ''}
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
