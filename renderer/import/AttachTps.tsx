/**
 * "Pilih TPS…" on a result row whose page reached no TPS (its identity contradicted the TPS it was filed
 * under, or nothing named one): the operator types the 13-digit TPS code — the desa and TPS are named as they
 * type — and Enter attaches the page. When the page's own QR names another TPS the server asks first; the
 * operator then confirms explicitly and writes why (both go into the audit log). Keyboard only: Enter,
 * Tab, Space, Escape.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import type { ImportSheet } from '../../shared/api/methods/intake.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';

/** Problems the operator settles by choosing the TPS (a race to choose is settled on the review screen). */
const ATTACHABLE: ReadonlySet<ImportSheet['problem']> = new Set(['identity_conflict', 'unknown_tps', 'no_tps']);

/**
 * A page the operator can place: flagged for its TPS, and a C.Hasil at all (a photo of something else is
 * withheld; it is dealt with on the "Ditahan" screen, not filed under a TPS here).
 */
export const canAttach = (sheet: ImportSheet): boolean => ATTACHABLE.has(sheet.problem) && sheet.verdict !== 'not_a_form';

type Lookup =
  | { kind: 'none' }
  | { kind: 'found'; text: string }
  | { kind: 'missing'; text: string };

/** What a partly typed code names: the desa from 10 digits, the TPS (if it exists) from 13. */
function useTpsLookup(code: string): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ kind: 'none' });
  useEffect(() => {
    if (code.length < 10) {
      setLookup({ kind: 'none' });
      return;
    }
    let live = true;
    const desaCode = code.slice(0, 10);
    void (async () => {
      try {
        const desa = await getApi().getRegion({ code: desaCode });
        const kec = desa.path.find((r) => r.level === 'kecamatan');
        const place = `${desa.region.name}${kec ? `, Kec. ${kec.name}` : ''}`;
        if (code.length < 13) {
          if (live) setLookup({ kind: 'found', text: place });
          return;
        }
        const tps = await getApi().listTps({ regionCode: desaCode, limit: 5000 });
        if (!live) return;
        const hit = tps.items.find((t) => t.code === code);
        setLookup(hit ? { kind: 'found', text: `${place} — TPS ${String(hit.nomor).padStart(3, '0')}` } : { kind: 'missing', text: `${place}: TPS ${code.slice(10)} tidak ada` });
      } catch {
        if (live) setLookup({ kind: 'missing', text: `desa ${desaCode} tidak ada di data induk` });
      }
    })();
    return () => {
      live = false;
    };
  }, [code]);
  return lookup;
}

export function AttachTps({ sheet, onAttached }: { sheet: ImportSheet; onAttached: () => void }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirm, setConfirm] = useState<{ tpsCode: string; message: string } | null>(null);
  const [sure, setSure] = useState(false);
  const [reason, setReason] = useState('');
  const lookup = useTpsLookup(code);
  const opener = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    setConfirm(null);
    setError(null);
    setSure(false);
    setReason('');
    setTimeout(() => opener.current?.focus(), 0);
  };

  async function attach(againstPage: boolean) {
    setBusy(true);
    setError(null);
    try {
      const answer = await getApi().attachImportSheet({
        sheetId: sheet.sheetId,
        tpsCode: code,
        ...(againstPage ? { againstPage: true, reason: reason.trim() } : {}),
      });
      if (answer.kind === 'confirm') {
        setConfirm({ tpsCode: code, message: answer.message });
        return;
      }
      setOpen(false);
      onAttached();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" ref={opener} className="link-button import-attach-open" data-testid="import-attach-open" onClick={() => setOpen(true)}>
        Pilih TPS…
      </button>
    );
  }

  const ready = code.length === 13 && lookup.kind === 'found' && !busy;
  const confirmReady = sure && reason.trim() !== '' && !busy;
  return (
    <div className="import-attach" data-testid="import-attach" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <label className="import-attach-field">
        <span>Kode TPS (13 angka)</span>
        <input
          autoFocus
          inputMode="numeric"
          maxLength={13}
          value={code}
          disabled={confirm !== null}
          data-testid="import-attach-code"
          aria-describedby={`attach-found-${sheet.sheetId}`}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 13))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && ready) void attach(false);
          }}
        />
      </label>
      <span id={`attach-found-${sheet.sheetId}`} className={`import-attach-found import-attach-found--${lookup.kind}`} data-testid="import-attach-found" aria-live="polite">
        {lookup.kind === 'none' ? (code.length === 0 ? 'Ketik kode TPS, lalu Enter.' : `${code.length} dari 13 angka`) : lookup.text}
      </span>
      {confirm && (
        <div className="import-attach-confirm" role="alertdialog" aria-label="Konfirmasi TPS" data-testid="import-attach-confirm">
          <p>{confirm.message}</p>
          <label className="import-attach-field">
            <span>Alasan</span>
            <input
              autoFocus
              value={reason}
              maxLength={500}
              data-testid="import-attach-reason"
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && confirmReady) void attach(true);
              }}
            />
          </label>
          <label className="import-attach-sure">
            <input type="checkbox" checked={sure} data-testid="import-attach-sure" onChange={(e) => setSure(e.target.checked)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && reason.trim() !== '' && !busy) void attach(true);
              }} /> Saya sudah memeriksa fotonya:
            tetap masukkan ke TPS {confirm.tpsCode}
          </label>
          <button type="button" disabled={!confirmReady} data-testid="import-attach-confirm-button" onClick={() => void attach(true)}>
            Masukkan ke TPS {confirm.tpsCode}
          </button>
        </div>
      )}
      {error && <p className="import-attach-error" role="alert">{error.message}</p>}
      <button type="button" className="link-button" onClick={close}>Batal</button>
    </div>
  );
}
