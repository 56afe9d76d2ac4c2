/**
 * The running import at a glance: one bar for the files read (and, while the browser is still sending, one
 * for the upload), the counts per state, files per second and the time left, and "Batalkan impor".
 */
import type { ImportBatch, ImportProgress } from '../../shared/api/methods/intake.ts';
import { formatNumber } from '../app/format.ts';
import type { UploadProgress } from './upload.ts';
import { duration } from './verdict.ts';

const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

interface Props {
  batch: ImportBatch;
  progress: ImportProgress | null;
  upload: UploadProgress | null;
  onCancel(): void;
  cancelling: boolean;
}

export function ImportProgressPanel({ batch, progress, upload, onCancel, cancelling }: Props) {
  const c = batch.counts;
  const settled = c.done + c.failed + c.duplicate + c.cancelled;
  // while uploading the batch grows file by file: measure against what will arrive
  const total = Math.max(c.total, upload ? upload.filesTotal + (c.total - Math.min(c.total, upload.filesSent)) : 0);
  const left = total - settled;
  const pct = total > 0 ? Math.floor((100 * settled) / total) : 0;
  const rate = progress && progress.batchIds.includes(batch.id) ? progress.filesPerSecond : 0;
  const open = batch.state === 'open' || (upload !== null && upload.filesSent < upload.filesTotal);
  const eta = rate > 0 && left > 0 ? left / rate : null;
  const stateText =
    batch.state === 'cancelled' ? 'Dibatalkan' : !open && left === 0 ? 'Selesai' : upload && upload.filesSent < upload.filesTotal ? 'Mengunggah dan membaca…' : 'Membaca…';

  return (
    <section className="import-progress" aria-label="Kemajuan impor" data-testid="import-progress" data-state={batch.state}>
      <div className="import-progress-head">
        <h2>
          Impor #{formatNumber(batch.id)} <span className="import-progress-state" data-testid="import-state">{stateText}</span>
        </h2>
        {open && batch.state === 'open' && (
          <button type="button" className="import-cancel" onClick={onCancel} disabled={cancelling} data-testid="import-cancel">
            {cancelling ? 'Membatalkan…' : 'Batalkan impor'}
          </button>
        )}
      </div>
      {upload && upload.filesSent < upload.filesTotal && (
        <div className="import-bar-row">
          <span className="import-bar-label">Diunggah</span>
          <progress max={Math.max(1, upload.bytesTotal)} value={upload.bytesSent} aria-label="Unggahan" />
          <span data-testid="import-upload-count">
            {formatNumber(upload.filesSent)} dari {formatNumber(upload.filesTotal)} berkas
          </span>
        </div>
      )}
      <div className="import-bar-row">
        <span className="import-bar-label">Dibaca</span>
        <progress max={Math.max(1, total)} value={settled} aria-label="Berkas selesai" data-testid="import-bar" />
        <span data-testid="import-settled">
          {formatNumber(settled)} dari {formatNumber(total)} berkas ({pct}%)
        </span>
      </div>
      <ul className="import-counts" data-testid="import-counts">
        <li><b>{formatNumber(c.queued)}</b> antre</li>
        <li><b>{formatNumber(c.reading)}</b> sedang dibaca</li>
        <li className="import-count--ok"><b>{formatNumber(c.done)}</b> selesai</li>
        <li className="import-count--bad"><b>{formatNumber(c.failed)}</b> gagal</li>
        <li><b>{formatNumber(c.duplicate)}</b> duplikat</li>
        {c.cancelled > 0 && <li><b>{formatNumber(c.cancelled)}</b> dibatalkan</li>}
        {rate > 0 && open && <li>{decimal.format(rate)} berkas/detik</li>}
        {open && <li data-testid="import-eta">{eta !== null ? `sisa ± ${duration(eta)}` : 'menghitung sisa waktu…'}</li>}
      </ul>
    </section>
  );
}
