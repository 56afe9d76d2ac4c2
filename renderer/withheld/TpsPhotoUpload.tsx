/**
 * "Unggah foto C.Hasil untuk TPS ini": the PPK's re-photo after an unlock, or the first photo of a TPS that has
 * none. The files go through the ordinary import (shared/api/methods/intake.ts, renderer/import/upload.ts),
 * filed under this TPS and race with file names ignored, so every page lands here (or is flagged if the page
 * itself says it belongs elsewhere). Screens follow the reading through the usual dataChanged events.
 */
import { useRef, useState } from 'react';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';
import { fromInput } from '../import/files.ts';
import { uploadFiles } from '../import/upload.ts';

type State = { kind: 'idle' } | { kind: 'sending'; sent: number; total: number } | { kind: 'sent'; files: number; batchId: number } | { kind: 'error'; message: string };

export function TpsPhotoUpload({ tpsCode, electionId, label }: { tpsCode: string; electionId: number; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const send = async (list: FileList | null) => {
    const picked = fromInput(list);
    if (picked.files.length === 0) {
      setState({ kind: 'error', message: picked.skipped.length > 0 ? `bukan foto atau PDF: ${picked.skipped.join(', ')}` : 'tidak ada berkas dipilih' });
      return;
    }
    try {
      const { batchId } = await getApi().startUploadImport({ electionId, filedTps: tpsCode, pattern: null, source: `foto C.Hasil TPS ${tpsCode}` });
      setState({ kind: 'sending', sent: 0, total: picked.files.length });
      const failures = await uploadFiles(batchId, picked.files, (p) => setState({ kind: 'sending', sent: p.filesSent, total: p.filesTotal }), new AbortController().signal);
      if (failures.length > 0) setState({ kind: 'error', message: failures.map((f) => `${f.name}: ${f.message}`).join('; ') });
      else setState({ kind: 'sent', files: picked.files.length, batchId });
    } catch (e) {
      setState({ kind: 'error', message: asApiError(e).message });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="tps-upload" data-tps={tpsCode}>
      <label className="tps-upload-button">
        {label}
        <input ref={input} type="file" accept="image/*,.pdf,application/pdf" multiple onChange={(e) => void send(e.target.files)} />
      </label>
      {state.kind === 'sending' && <span className="tps-upload-state" role="status">Mengunggah {state.sent} dari {state.total} berkas…</span>}
      {state.kind === 'sent' && (
        <span className="tps-upload-state" role="status">
          {state.files} berkas terunggah dan sedang dibaca — <a href="#/import">lihat impor</a>
        </span>
      )}
      {state.kind === 'error' && <span className="tps-upload-error" role="alert">{state.message}</span>}
    </div>
  );
}
