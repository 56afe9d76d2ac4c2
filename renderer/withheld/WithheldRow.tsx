/**
 * One withheld page: thumbnail, where it belongs, why it is held, when and by whom; "Buka" with a reason while
 * held (the API decides who may), who unlocked it and why afterwards, and the new photo once it came.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import type { WithheldItem, WithheldList } from '../../shared/api/methods/withheld.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';
import { formatDateTime } from '../app/format.ts';
import { TpsPhotoUpload } from './TpsPhotoUpload.tsx';

const STATE_LABEL: Record<WithheldItem['state'], string> = {
  withheld: 'Ditahan',
  unlocked: 'Dibuka — menunggu foto ulang',
  replaced: 'Sudah diganti foto baru',
};

export function WithheldRow({ item, onChanged }: { item: WithheldItem; onChanged(list: WithheldList): void }) {
  const [thumb, setThumb] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    getApi().getSheetThumbnail({ sha256: item.sha256, width: 240 }).then((t) => current && setThumb(t.dataUrl), () => current && setThumb(null));
    return () => { current = false; };
  }, [item.sha256]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setBusy(true);
    try {
      onChanged(await getApi().unlockWithheld({ sheetId: item.sheetId, reason }));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const tps = item.tpsCode
    ? `TPS ${String(item.tpsNumber ?? '').padStart(3, '0')} ${item.desaName ?? ''}, Kec. ${item.kecamatanName ?? ''}`
    : 'TPS belum diketahui';
  return (
    <li className={`withheld-item withheld-item--${item.state}`} data-sheet={item.sheetId} data-state={item.state} data-tps={item.tpsCode ?? ''}>
      <div className="withheld-thumb">
        {thumb ? <img src={thumb} alt={`Foto ${item.sourceName ?? ''}`} /> : <span className="muted">{thumb === null ? (item.mime === 'application/pdf' ? 'PDF' : 'tanpa pratinjau') : '…'}</span>}
      </div>
      <div className="withheld-body">
        <div className="withheld-title">
          <span className={`wh-badge wh-badge--${item.state}`}>{STATE_LABEL[item.state]}</span>{' '}
          <b>{tps}</b>
          {item.tpsCode && <> <a className="withheld-code" href={`#/review/${item.tpsCode}${item.electionId ? `?pemilihan=${item.electionId}` : ''}`}>{item.tpsCode}</a></>}
          {item.electionName && <span className="muted"> · {item.electionName}</span>}
        </div>
        <p className="withheld-reason"><b>Alasan ditahan:</b> {item.reason}</p>
        <p className="withheld-meta">
          Ditahan {formatDateTime(item.withheldAt)} oleh <b>{item.withheldBy === 'sistem' ? 'sistem (otomatis)' : item.withheldBy}</b>
          {item.importedBy && <> · diunggah oleh {item.importedBy}</>}
          {item.sourceName && <> · berkas <code>{item.sourceName}</code></>}
          <> · foto <code title={item.sha256}>{item.sha256.slice(0, 12)}…</code></>
        </p>
        {item.state !== 'withheld' && (
          <p className="withheld-meta withheld-unlocked">
            Dibuka {item.unlockedAt ? formatDateTime(item.unlockedAt) : ''} oleh <b>{item.unlockedBy ?? '?'}</b>
            {item.unlockReason && <> — {item.unlockReason}</>}
          </p>
        )}
        {item.state === 'replaced' && item.tpsCode && (
          <p className="withheld-meta">
            Foto baru diterima {item.newSheetAt ? formatDateTime(item.newSheetAt) : ''} —{' '}
            <a href={`#/review/${item.tpsCode}${item.electionId ? `?pemilihan=${item.electionId}` : ''}`}>periksa C.Hasil TPS ini</a>
          </p>
        )}
        {item.state === 'unlocked' && (
          <p className="withheld-next" role="note">
            {item.tpsCode
              ? 'Status TPS ini sekarang: belum ada C.Hasil. Unggah foto C.Hasil yang benar untuk TPS ini.'
              : 'Foto ini tidak terkait TPS; unggah foto C.Hasil yang benar lewat layar Impor dan pilih TPS-nya.'}
          </p>
        )}
        {item.state === 'unlocked' && item.tpsCode && item.electionId !== null && (
          <TpsPhotoUpload tpsCode={item.tpsCode} electionId={item.electionId} label="Unggah foto ulang…" />
        )}
        {item.state === 'withheld' && (
          <form className="withheld-unlock" onSubmit={(e) => { e.preventDefault(); void unlock(); }}>
            <label>
              Alasan membuka{' '}
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="mis. foto salah kirim, KPPS diminta memotret ulang" />
            </label>
            <button type="submit" disabled={busy || reason.trim().length === 0}>Buka (KPU Kab/Kota)</button>
          </form>
        )}
        {error && <p className="withheld-error" role="alert">{error.message}</p>}
      </div>
    </li>
  );
}
