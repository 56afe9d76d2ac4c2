/**
 * One pleno session at the operator's laptop. Left: the walk (desa by desa, TPS by TPS; kecamatan by
 * kecamatan at a kab/kota). Middle: the current item's C.Hasil photo beside its numbers and checks. Right:
 * the correction and keberatan / kejadian khusus forms and what is on record for the item. Keyboard first:
 * PageDown / Alt+→ next item, PageUp / Alt+← previous, Alt+K the correction form, Alt+B the note form.
 * Closing locks the totals; the documents are then one click each.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, PlenoSession } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { asApiError, useApiEvent, useApiQuery } from '../app/hooks.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { CorrectionForm } from './CorrectionForm.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { ItemNumbers } from './ItemNumbers.tsx';
import { ItemPhoto } from './ItemPhoto.tsx';
import { ItemRecord } from './ItemRecord.tsx';
import { NoteForm } from './NoteForm.tsx';
import { WalkList } from './WalkList.tsx';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox'));

export function SessionScreen({ sessionId }: { sessionId: number }) {
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useApiEvent('dataChanged', (e) => {
    if (e.scope === 'pleno' || e.scope === 'tps') bump();
  });
  const session = useApiQuery(() => getApi().getPlenoSession({ sessionId }), [sessionId, version]);
  const s = session.data ?? null;
  const current = s?.currentItem?.code ?? null;
  const detail = useApiQuery(
    () => (current ? getApi().getPlenoItem({ sessionId, itemCode: current }) : Promise.resolve(null)),
    [sessionId, current, version],
  );
  const [moveError, setMoveError] = useState<ApiError | null>(null);
  const correctionRef = useRef<HTMLSelectElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const move = useCallback(async (to: { direction: 'next' | 'previous' } | { itemCode: string }) => {
    setMoveError(null);
    try {
      await getApi().movePlenoItem({ sessionId, ...to });
      bump();
    } catch (e) {
      setMoveError(asApiError(e));
    }
  }, [sessionId, bump]);

  const open = s?.state === 'open';
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      const next = (e.altKey && e.key === 'ArrowRight') || (e.key === 'PageDown' && !isTyping(e.target));
      const previous = (e.altKey && e.key === 'ArrowLeft') || (e.key === 'PageUp' && !isTyping(e.target));
      if (next || previous) {
        e.preventDefault();
        void move({ direction: next ? 'next' : 'previous' });
      } else if (e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        correctionRef.current?.focus();
      } else if (e.altKey && (e.key === 'b' || e.key === 'B')) {
        e.preventDefault();
        noteRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, move]);

  if (!s) {
    return <main className="pleno-home">{session.state === 'error' ? <ErrorNote error={session.error} onRetry={session.reload} /> : <p className="muted">Memuat sesi…</p>}</main>;
  }
  const item = detail.data ?? null;
  return (
    <main className="pleno-session" data-state={s.state}>
      <SessionHeader session={s} />
      <div className="pleno-columns">
        <WalkList session={s} onPick={open ? (code) => void move({ itemCode: code }) : undefined} />
        <section className="pleno-item" aria-label="Butir yang sedang dibahas" data-testid="pleno-item" data-code={item?.item.code ?? ''}>
          <div className="pleno-item-head">
            <button type="button" onClick={() => void move({ direction: 'previous' })} disabled={!open || s.currentItem?.position === 1}>‹ Sebelumnya</button>
            <h2>
              {item ? (
                <>
                  {item.item.kind === 'tps' ? `${item.parentName}, ${item.item.name}` : `${item.item.kind === 'desa' ? 'Desa/Kel.' : 'Kecamatan'} ${item.item.name}`}
                  <span className="pleno-position" data-testid="pleno-position">Butir {formatNumber(item.item.position)} dari {formatNumber(s.itemCount)}</span>
                </>
              ) : '—'}
            </h2>
            <button type="button" onClick={() => void move({ direction: 'next' })} disabled={!open || s.currentItem?.position === s.itemCount}>Berikutnya ›</button>
          </div>
          {open && <p className="pleno-keys" aria-label="Pintasan keyboard"><kbd>PageDown</kbd>/<kbd>Alt</kbd>+<kbd>→</kbd> berikutnya · <kbd>PageUp</kbd>/<kbd>Alt</kbd>+<kbd>←</kbd> sebelumnya · <kbd>Alt</kbd>+<kbd>K</kbd> koreksi · <kbd>Alt</kbd>+<kbd>B</kbd> keberatan/kejadian</p>}
          {moveError && <ErrorNote error={moveError} />}
          {detail.state === 'error' && <ErrorNote error={detail.error} onRetry={detail.reload} />}
          {item && (
            <div className="pleno-item-body">
              {item.item.kind === 'tps' && <ItemPhoto photos={item.photos} />}
              <ItemNumbers detail={item} election={s.electionId} />
            </div>
          )}
        </section>
        <aside className="pleno-side" aria-label="Koreksi, keberatan dan dokumen">
          {open && item && item.item.kind === 'tps' && <CorrectionForm sessionId={s.id} detail={item} selectRef={correctionRef} onSaved={bump} />}
          {open && item && item.item.kind !== 'tps' && (
            <p className="pleno-hint">Koreksi angka dilakukan pada butir TPS. Pilih TPS di daftar atau tekan <kbd>PageDown</kbd>.</p>
          )}
          {item && <ItemRecord detail={item} open={open} onSaved={bump} />}
          {open && item && <NoteForm session={s} itemCode={item.item.code} contentRef={noteRef} onSaved={bump} />}
          <DocumentsPanel session={s} onClosed={bump} />
        </aside>
      </div>
    </main>
  );
}

function SessionHeader({ session }: { session: PlenoSession }) {
  const people = (role: 'anggota' | 'saksi' | 'pengawas') => session.attendees.filter((a) => a.role === role);
  return (
    <header className="pleno-session-head">
      <div>
        <h1 data-testid="pleno-reference">{session.reference}</h1>
        <p className="muted">
          {session.place} · dibuka {formatDateTime(session.openedAt)}
          {session.closedAt && <> · ditutup {formatDateTime(session.closedAt)}</>}
        </p>
      </div>
      <p className="pleno-attendance">
        <span><strong>{people('anggota').length}</strong> anggota</span>
        <span><strong>{people('saksi').length}</strong> saksi</span>
        <span><strong>{people('pengawas').length}</strong> pengawas</span>
        <span><strong>{session.corrections.length}</strong> koreksi</span>
        <span><strong>{session.notes.length}</strong> catatan</span>
      </p>
      <span className={`pleno-state pleno-state--${session.state}`} data-testid="pleno-state">
        {session.state === 'open' ? 'Sesi berlangsung' : 'Sesi ditutup — rekap dikunci'}
      </span>
    </header>
  );
}
