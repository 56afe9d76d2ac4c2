/**
 * The per-TPS review screen (`#/review/<TPS>`): the page photo (zoom, pan) on the left; on the right one row
 * per field — its crop, the value (typing replaces, Enter/Tab saves and moves on), the machine's reading and
 * confidence — low-confidence fields amber, fields of a failing check red; the form's checks re-evaluated
 * after every saved value; Verify (Ctrl+Enter); and the history (old → new). After verification a change needs
 * a reason and a basis, asked for above the fields.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import type { CorrectionBasis, ReviewField, TpsReview } from '../../shared/api/methods/review.ts';
import { getApi } from '../api/client.ts';
import { asApiError, useApiEvent, useApiQuery } from '../app/hooks.ts';
import { useActiveProfile } from '../app/profile.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import '../styles/console.css';
import './review.css';
import '../styles/withheld.css';
import { ChecksPanel } from './ChecksPanel.tsx';
import { FieldRow } from './FieldRow.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { PhotoViewer } from './PhotoViewer.tsx';
import { reviewTargetFromHash } from './review-target.ts';
import { TpsPhotoUpload } from '../withheld/TpsPhotoUpload.tsx';

const STATUS_LABEL: Record<TpsReview['status'], string> = {
  no_chasil: 'Belum ada C.Hasil', received: 'Diterima', needs_review: 'Perlu diperiksa', verified: 'Terverifikasi', withheld: 'Ditahan',
};

const onHashChange = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

/** Keyed by the hash, so moving to another TPS starts from a clean screen. */
export function ReviewApp() {
  const hash = useSyncExternalStore(onHashChange, () => window.location.hash);
  return <ReviewScreen key={hash} hash={hash} />;
}

function ReviewScreen({ hash }: { hash: string }) {
  const target = reviewTargetFromHash(hash);
  useEffect(() => {
    document.body.dataset.view = 'console';
    document.title = `Pleno — Periksa C.Hasil ${target?.tpsCode ?? ''}`;
  }, [target?.tpsCode]);
  const info = useApiQuery(() => getApi().getAppInfo({}), []);
  const profile = useActiveProfile(info.data?.access === 'operator');
  const elections = useApiQuery(() => getApi().listElections({}), []);
  const races = useMemo(
    () => (elections.data ?? []).filter((e) => target && target.tpsCode.startsWith(e.regionCode)).sort((a, b) => b.regionCode.length - a.regionCode.length),
    [elections.data, target?.tpsCode],
  );
  const [chosenRace, setChosenRace] = useState<number | null>(target?.electionId ?? null);
  const electionId = chosenRace ?? races[0]?.id ?? null;

  const [version, setVersion] = useState(0);
  useApiEvent('dataChanged', (c) => { if (target && (c.regionCode === null || target.tpsCode.startsWith(c.regionCode))) setVersion((v) => v + 1); });
  const loaded = useApiQuery(
    () => (target && electionId ? getApi().getTpsReview({ tpsCode: target.tpsCode, electionId }) : Promise.resolve(null)),
    [target?.tpsCode, electionId, version],
  );
  // The latest answer of a write replaces the loaded review at once (no wait for the event round trip).
  const [written, setWritten] = useState<TpsReview | null>(null);
  useEffect(() => setWritten(null), [loaded.data]);
  const review = written ?? loaded.data ?? null;

  const [sheetId, setSheetId] = useState<number | null>(null);
  const sheet = review?.sheets.find((s) => s.sheetId === sheetId) ?? review?.sheets[0] ?? null;
  // Per page: the page rectified onto the form (where the field boxes apply), or the photo as stored when the
  // page did not register (then no crops: the boxes would not fit it). A PDF's pages are one file, several sheets.
  const [images, setImages] = useState<Record<number, { url: string; rectified: boolean }>>({});
  useEffect(() => {
    for (const s of review?.sheets ?? []) {
      if (images[s.sheetId]) continue;
      void getApi().getSheetImage({ sha256: s.sha256, sheetId: s.sheetId })
        .then((img) => setImages((m) => ({ ...m, [s.sheetId]: { url: img.dataUrl, rectified: img.rectified } })), () => undefined);
    }
  }, [review?.sheets]); // eslint-disable-line react-hooks/exhaustive-deps
  const imageOf = (sheetId: number) => images[sheetId]?.url ?? null;
  const cropsOf = (sheetId: number) => (images[sheetId]?.rectified ? images[sheetId]!.url : null);

  const [focused, setFocused] = useState<ReviewField | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [basisKind, setBasisKind] = useState<'foto' | 'pleno'>('foto');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [checkReasons, setCheckReasons] = useState<Record<string, string>>({});
  const inputs = useRef<HTMLInputElement[]>([]);

  if (!target) return <main className="review"><p className="empty">Alamat tidak dikenal: gunakan #/review/&lt;kode TPS 13 digit&gt;.</p></main>;
  const verified = review?.status === 'verified';

  const failingFields = new Set((review?.checks ?? []).filter((c) => c.state === 'fails').flatMap((c) => c.fieldIds));

  const save = async (field: ReviewField, value: number): Promise<boolean> => {
    if (!review || value === field.value) return true;
    const basis: CorrectionBasis | undefined = verified ? (basisKind === 'pleno' ? { kind: 'pleno', reference } : { kind: 'foto' }) : undefined;
    try {
      const next = await getApi().setReviewValue({
        tpsCode: review.tpsCode, electionId: review.electionId, fieldId: field.fieldId, value,
        ...(verified ? { reason, basis } : {}),
      });
      setWritten(next);
      setError(null);
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    }
  };

  const verify = async () => {
    if (!review) return;
    try {
      setWritten(await getApi().verifyTps({ tpsCode: review.tpsCode, electionId: review.electionId, reasons: checkReasons }));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const moveFrom = (index: number, delta: number) => {
    const next = inputs.current[index + delta];
    if (next) next.focus();
    else document.querySelector<HTMLButtonElement>('.review-verify')?.focus();
  };

  const bySheet = (review?.sheets ?? []).map((s) => ({ sheet: s, fields: (review?.fields ?? []).filter((f) => f.sheetId === s.sheetId) }));
  let index = -1;

  return (
    <div className="review" onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void verify(); } }}>
      <header className="review-header">
        <a className="review-back" href="#/">← Konsol</a>
        <a className="review-back" href="#/withheld">Ditahan</a>
        <h1>
          Periksa C.Hasil — TPS {String(review?.tpsNumber ?? '').padStart(3, '0')} {review?.desaName ?? ''}
          <span className="review-code">{target.tpsCode}</span>
        </h1>
        {races.length > 1 && (
          <label className="review-race">
            Pemilihan{' '}
            <select value={electionId ?? ''} onChange={(e) => { setChosenRace(Number(e.target.value)); setWritten(null); }}>
              {races.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </label>
        )}
        {review && <span className={`review-status review-status--${review.status}`} data-status={review.status}>{STATUS_LABEL[review.status]}</span>}
        <span className="review-profile">{profile.data ? profile.data.label : 'Belum memilih profil operator'}</span>
      </header>
      {loaded.state === 'error' && <ErrorNote error={loaded.error} onRetry={loaded.reload} />}
      {review?.status === 'withheld' && (
        <p className="review-withheld" role="alert">
          C.Hasil TPS ini <b>ditahan</b> (tidak dipublikasikan){review.statusReason ? `: ${review.statusReason}` : ''}.
          Hanya Operator KPU Kab/Kota yang dapat membukanya — lihat <a href="#/withheld">daftar C.Hasil ditahan</a>.
        </p>
      )}
      {review && review.sheets.length === 0 && (
        <div className="review-nosheet">
          <p className="empty">Belum ada foto C.Hasil untuk TPS ini ({review.electionName}). Bila PPK memotret C.Hasil-nya, unggah di sini.</p>
          <TpsPhotoUpload tpsCode={review.tpsCode} electionId={review.electionId} label="Unggah foto C.Hasil TPS ini…" />
          <HistoryPanel history={review.history} />
        </div>
      )}
      {review && review.sheets.length > 0 && (
        <div className="review-body">
          <section className="review-photo" aria-label="Foto C.Hasil">
            <div className="review-pages" role="tablist">
              {review.sheets.map((s) => (
                <button key={s.sheetId} role="tab" aria-selected={s.sheetId === sheet?.sheetId} onClick={() => setSheetId(s.sheetId)}>
                  Halaman {s.halaman ?? '?'}{s.typedByHand ? ' (diketik)' : ''}{s.withheld ? ' (ditahan)' : ''}
                </button>
              ))}
            </div>
            {sheet && (
              <PhotoViewer
                key={sheet.sheetId}
                src={imageOf(sheet.sheetId)}
                aspect={images[sheet.sheetId]?.rectified ? sheet.aspect : null}
                focusBox={focused && focused.sheetId === sheet.sheetId && images[sheet.sheetId]?.rectified ? focused.box : null}
                label={`Foto halaman ${sheet.halaman ?? '?'}`}
              />
            )}
          </section>
          <section className="review-fields" aria-label="Isian">
            {verified && (
              <fieldset className="review-correction">
                <legend>TPS sudah diverifikasi — perubahan memerlukan alasan dan dasar</legend>
                <label>Dasar{' '}
                  <select value={basisKind} onChange={(e) => setBasisKind(e.target.value as 'foto' | 'pleno')}>
                    <option value="foto">Sesuai foto C.Hasil</option>
                    <option value="pleno">Keputusan pleno PPK</option>
                  </select>
                </label>
                {basisKind === 'pleno' && <label>Rujukan pleno <input value={reference} onChange={(e) => setReference(e.target.value)} /></label>}
                <label>Alasan <input className="review-reason" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
              </fieldset>
            )}
            {error && <p className="review-error" role="alert">{error.message}</p>}
            {bySheet.map(({ sheet: s, fields }) => (
              <div key={s.sheetId} className="review-sheet">
                <h2>Halaman {s.halaman ?? '?'}</h2>
                {s.typedByHand && (
                  <div className="review-unread" role="note">
                    <p>Mesin tidak dapat membaca halaman ini. Ketik setiap angka dari foto.</p>
                    {s.reason && <p className="review-unread-why">{s.reason}</p>}
                  </div>
                )}
                {s.withheld && <p className="review-unread" role="note">Halaman ditahan: {s.reason}</p>}
                <table className="review-table">
                  <thead><tr><th>Isian</th><th>Potongan foto</th><th>Nilai</th><th>Bacaan mesin</th></tr></thead>
                  <tbody>
                    {fields.map((f) => {
                      index += 1;
                      const i = index;
                      return (
                        <FieldRow
                          key={`${f.sheetId}:${f.fieldId}`}
                          field={f}
                          image={cropsOf(s.sheetId)}
                          aspect={s.aspect}
                          inconsistent={failingFields.has(f.fieldId)}
                          inputRef={(el) => { if (el) inputs.current[i] = el; }}
                          onFocus={() => { setFocused(f); if (sheet?.sheetId !== s.sheetId) setSheetId(s.sheetId); }}
                          onSave={save}
                          onMove={(delta) => moveFrom(i, delta)}
                        />
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
          <aside className="review-side">
            <ChecksPanel checks={review.checks} verified={verified} reasons={checkReasons} onReason={(k, v) => setCheckReasons((r) => ({ ...r, [k]: v }))} />
            <button className="review-verify" disabled={verified} onClick={() => void verify()}>
              {verified ? 'Terverifikasi' : 'Verifikasi (Ctrl+Enter)'}
            </button>
            <HistoryPanel history={review.history} />
          </aside>
        </div>
      )}
    </div>
  );
}
