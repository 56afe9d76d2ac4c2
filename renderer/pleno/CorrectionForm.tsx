/**
 * A correction by pleno decision on the current TPS: one field, old value → new value, the reason; the basis
 * is always "keputusan pleno" and the session is on record with it. A TPS the review left open can be accepted
 * whole in the same decision (its numbers then enter the totals). Ctrl+Enter saves.
 */
import { useEffect, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { ApiError, PlenoItemDetail } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';
import { formatNumber } from '../app/format.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';

export function CorrectionForm({ sessionId, detail, selectRef, onSaved }: {
  sessionId: number;
  detail: PlenoItemDetail;
  selectRef: RefObject<HTMLSelectElement | null>;
  onSaved(): void;
}) {
  const firstPaslon = detail.fields.find((f) => f.fieldId.startsWith('IV.'))?.fieldId ?? detail.fields[0]?.fieldId ?? '';
  const [fieldId, setFieldId] = useState(firstPaslon);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [verify, setVerify] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setFieldId(firstPaslon);
    setValue('');
    setReason('');
    setVerify(false);
    setError(null);
  }, [detail.item.code]); // eslint-disable-line react-hooks/exhaustive-deps

  const field = detail.fields.find((f) => f.fieldId === fieldId) ?? null;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const n = Number(value);
    if (!field || value.trim() === '' || !Number.isInteger(n)) return;
    setBusy(true);
    setError(null);
    try {
      await getApi().correctPlenoTally({ sessionId, tpsCode: detail.item.code, changes: [{ fieldId, value: n }], reason, verify });
      setValue('');
      setReason('');
      onSaved();
      selectRef.current?.focus();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.ctrlKey) void submit();
  };

  return (
    <form className="pleno-card pleno-form" onSubmit={submit} onKeyDown={onKey} aria-labelledby="pleno-correction-title" data-testid="pleno-correction">
      <h2 id="pleno-correction-title">Koreksi angka <kbd>Alt</kbd>+<kbd>K</kbd></h2>
      <label>
        Kolom formulir
        <select ref={selectRef} value={fieldId} onChange={(e) => setFieldId(e.target.value)} name="fieldId">
          {detail.fields.map((f) => (
            <option key={f.fieldId} value={f.fieldId}>{f.fieldId} · {f.label} ({f.value === null ? 'kosong' : formatNumber(f.value)})</option>
          ))}
        </select>
      </label>
      <div className="pleno-old-new">
        <span className="pleno-old" aria-label="nilai lama">{field?.value === null || !field ? '—' : formatNumber(field.value)}</span>
        <span aria-hidden="true">→</span>
        <label>
          <span className="sr-only">Nilai baru</span>
          <input type="number" min={0} max={999} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} required name="value" placeholder="baru" />
        </label>
      </div>
      <label>
        Alasan (dibacakan dan dicatat)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required name="reason" />
      </label>
      <p className="pleno-basis">Dasar: <strong>keputusan pleno</strong></p>
      {detail.state !== 'verified' && (
        <label className="pleno-check">
          <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} name="verify" />
          Pleno menerima seluruh formulir TPS ini (masuk rekap)
        </label>
      )}
      {error && <ErrorNote error={error} />}
      <button type="submit" className="pleno-primary" disabled={busy}>Simpan koreksi <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>
    </form>
  );
}
