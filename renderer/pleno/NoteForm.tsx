/**
 * Keberatan saksi or kejadian khusus on the current item: who raised it (an attendee on record, or someone
 * else by name), what, and — if the pleno decided on the spot — the decision. Ctrl+Enter saves.
 */
import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { ApiError, PlenoSession } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { asApiError } from '../app/hooks.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';

type Kind = 'keberatan' | 'kejadian_khusus';

export function NoteForm({ session, itemCode, contentRef, onSaved }: {
  session: PlenoSession;
  itemCode: string;
  contentRef: RefObject<HTMLTextAreaElement | null>;
  onSaved(): void;
}) {
  const people = session.attendees.map((a, i) => ({ key: String(i), ...a }));
  const [kind, setKind] = useState<Kind>('keberatan');
  const [who, setWho] = useState(people.find((p) => p.role === 'saksi')?.key ?? 'lain');
  const [other, setOther] = useState('');
  const [content, setContent] = useState('');
  const [decision, setDecision] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const person = people.find((p) => p.key === who) ?? null;
    setBusy(true);
    setError(null);
    try {
      await getApi().recordPlenoNote({
        sessionId: session.id,
        kind,
        itemCode,
        raisedBy: person ? person.name : other,
        raisedByRole: person ? person.role : 'lainnya',
        ...(person?.nomorUrut ? { nomorUrut: person.nomorUrut } : {}),
        content,
        ...(decision.trim() ? { decision: decision.trim() } : {}),
      });
      setContent('');
      setDecision('');
      onSaved();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.ctrlKey) void submit();
  };
  const roleWord = (p: (typeof people)[number]) => (p.role === 'saksi' ? `Saksi paslon ${p.nomorUrut}` : p.role === 'anggota' ? (p.title ?? 'Anggota') : (p.title ?? 'Pengawas'));

  return (
    <form className="pleno-card pleno-form" onSubmit={submit} onKeyDown={onKey} aria-labelledby="pleno-note-title" data-testid="pleno-note">
      <h2 id="pleno-note-title">Keberatan / kejadian khusus <kbd>Alt</kbd>+<kbd>B</kbd></h2>
      <div className="pleno-kind" role="radiogroup" aria-label="Jenis catatan">
        <label><input type="radio" name="kind" checked={kind === 'keberatan'} onChange={() => setKind('keberatan')} /> Keberatan saksi</label>
        <label><input type="radio" name="kind" checked={kind === 'kejadian_khusus'} onChange={() => setKind('kejadian_khusus')} /> Kejadian khusus</label>
      </div>
      <label>
        Diajukan oleh
        <select value={who} onChange={(e) => setWho(e.target.value)} name="raisedBy">
          {people.map((p) => <option key={p.key} value={p.key}>{roleWord(p)} — {p.name}</option>)}
          <option value="lain">Orang lain…</option>
        </select>
      </label>
      {who === 'lain' && (
        <label>
          Nama
          <input value={other} onChange={(e) => setOther(e.target.value)} required name="other" />
        </label>
      )}
      <label>
        Isi
        <textarea ref={contentRef} value={content} onChange={(e) => setContent(e.target.value)} rows={2} required name="content" />
      </label>
      <label>
        Keputusan pleno (boleh diisi nanti)
        <textarea value={decision} onChange={(e) => setDecision(e.target.value)} rows={2} name="decision" />
      </label>
      {error && <ErrorNote error={error} />}
      <button type="submit" className="pleno-primary" disabled={busy}>Catat <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>
    </form>
  );
}
