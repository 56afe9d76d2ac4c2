/**
 * Closing the session (its region's totals locked; only a later session, on record, reopens them) and the
 * result documents, each one click: D.Hasil with the berita acara, progress and discrepancy reports, the
 * CSV and the KPU JSON. "Unduh semua" takes them one after another.
 */
import { useState } from 'react';
import type { ApiError, PlenoDocumentKind, PlenoSession } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import { downloadDocument } from './download-document.ts';

const DOCUMENTS: { kind: PlenoDocumentKind; label: string }[] = [
  { kind: 'd-hasil', label: 'D.Hasil + berita acara (PDF)' },
  { kind: 'progress', label: 'Laporan kemajuan (PDF)' },
  { kind: 'discrepancy', label: 'Laporan selisih (PDF)' },
  { kind: 'csv', label: 'Rekap (CSV)' },
  { kind: 'kpu-json', label: 'Data per TPS format KPU (JSON)' },
];

export function DocumentsPanel({ session, onClosed }: { session: PlenoSession; onClosed(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const close = async () => {
    setBusy('close');
    setError(null);
    try {
      await getApi().closePlenoSession({ sessionId: session.id, ...(note.trim() ? { note: note.trim() } : {}) });
      setConfirming(false);
      onClosed();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  };
  const take = async (kinds: PlenoDocumentKind[]) => {
    setError(null);
    for (const kind of kinds) {
      setBusy(kind);
      try {
        const doc = await getApi().getPlenoDocument({ sessionId: session.id, kind });
        downloadDocument(doc);
        setDone((d) => [...d, doc.fileName]);
      } catch (e) {
        setError(asApiError(e));
        break;
      }
    }
    setBusy(null);
  };

  if (session.state === 'open') {
    return (
      <section className="pleno-card pleno-close" aria-label="Menutup sesi">
        <h2>Menutup sesi</h2>
        {!confirming ? (
          <button type="button" className="pleno-danger" onClick={() => setConfirming(true)}>Tutup sesi dan kunci rekap…</button>
        ) : (
          <div className="pleno-confirm" role="group" aria-label="Konfirmasi penutupan">
            <p>Setelah ditutup, angka {session.regionName} dikunci. Hanya sesi pleno berikutnya yang tercatat dapat membukanya kembali.</p>
            <label>
              Catatan penutupan (opsional)
              <input value={note} onChange={(e) => setNote(e.target.value)} name="closeNote" />
            </label>
            <div className="pleno-row">
              <button type="button" className="pleno-danger" onClick={() => void close()} disabled={busy !== null}>Ya, tutup dan kunci</button>
              <button type="button" onClick={() => setConfirming(false)}>Batal</button>
            </div>
          </div>
        )}
        {error && <ErrorNote error={error} />}
      </section>
    );
  }
  return (
    <section className="pleno-card pleno-documents" aria-label="Dokumen hasil" data-testid="pleno-documents">
      <h2>Dokumen hasil</h2>
      <p className="pleno-locked">
        Rekap dikunci oleh sesi ini. Membuka kembali hanya melalui sesi pleno berikutnya, dengan alasan yang dicatat.
      </p>
      <button type="button" className="pleno-primary" onClick={() => void take(DOCUMENTS.map((d) => d.kind))} disabled={busy !== null}>
        Unduh semua dokumen
      </button>
      <ul className="pleno-doc-list">
        {DOCUMENTS.map((d) => (
          <li key={d.kind}>
            <button type="button" onClick={() => void take([d.kind])} disabled={busy !== null} data-kind={d.kind}>
              {busy === d.kind ? 'Membuat…' : d.label}
            </button>
          </li>
        ))}
      </ul>
      {done.length > 0 && <p className="muted" data-testid="pleno-downloaded">Diunduh: {done.join(', ')}</p>}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
