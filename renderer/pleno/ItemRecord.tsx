/** What is on record for the current item: corrections (struck old value → new) and notes with their decisions. */
import { useState } from 'react';
import { plenoFieldLabel, type PlenoItemDetail, type PlenoNote } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { formatNumber, formatTime } from '../app/format.ts';

export function ItemRecord({ detail, open, onSaved }: { detail: PlenoItemDetail; open: boolean; onSaved(): void }) {
  if (detail.corrections.length === 0 && detail.notes.length === 0) return null;
  return (
    <section className="pleno-card pleno-record" aria-label="Tercatat pada butir ini" data-testid="pleno-record">
      <h2>Tercatat pada butir ini</h2>
      <ul>
        {[...detail.corrections].reverse().map((c) => (
          <li key={`c${c.id}`} className="pleno-record-correction">
            <span className="pleno-record-what">{c.fieldId} · {plenoFieldLabel(c.fieldId)}</span>{' '}
            <del>{c.oldValue === null ? '—' : formatNumber(c.oldValue)}</del> → <ins>{formatNumber(c.newValue)}</ins>
            <span className="muted"> · {c.reason} · {formatTime(c.at)}</span>
          </li>
        ))}
        {detail.notes.map((n) => <NoteRow key={`n${n.id}`} note={n} open={open} onSaved={onSaved} />)}
      </ul>
    </section>
  );
}

function NoteRow({ note, open, onSaved }: { note: PlenoNote; open: boolean; onSaved(): void }) {
  const [decision, setDecision] = useState('');
  return (
    <li className="pleno-record-note">
      <strong>{note.kind === 'keberatan' ? 'Keberatan' : 'Kejadian khusus'}</strong> — {note.raisedBy}
      {note.nomorUrut !== null && ` (saksi paslon ${note.nomorUrut})`}: {note.content}
      <div>
        {note.decision !== null ? (
          <span className="pleno-decision">Keputusan: {note.decision}</span>
        ) : open ? (
          <form className="pleno-decide" onSubmit={(e) => {
            e.preventDefault();
            void getApi().decidePlenoNote({ noteId: note.id, decision }).then(onSaved, () => undefined);
          }}>
            <input value={decision} onChange={(e) => setDecision(e.target.value)} placeholder="Keputusan pleno" aria-label="Keputusan pleno" required />
            <button type="submit">Putuskan</button>
          </form>
        ) : (
          <span className="muted">belum diputuskan</span>
        )}
      </div>
    </li>
  );
}
