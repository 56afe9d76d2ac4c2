/** The walk of the session: every item in order, the current one marked and kept in view; a click jumps there. */
import { useEffect, useRef } from 'react';
import type { PlenoSession } from '../../shared/api/contract.ts';

export function WalkList({ session, onPick }: { session: PlenoSession; onPick?: (code: string) => void }) {
  const currentRef = useRef<HTMLLIElement>(null);
  const current = session.currentItem?.code ?? null;
  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  const corrected = new Set(session.corrections.map((c) => c.tpsCode));
  const noted = new Set(session.notes.map((n) => n.itemCode));
  const index = session.items.findIndex((i) => i.code === current);
  return (
    <nav className="pleno-walk" aria-label="Urutan pembahasan">
      <ol>
        {session.items.map((item, i) => (
          <li
            key={item.code}
            ref={item.code === current ? currentRef : undefined}
            className={`pleno-walk-item pleno-walk-item--${item.kind}${i < index ? ' is-done' : ''}`}
            aria-current={item.code === current ? 'step' : undefined}
            data-code={item.code}
          >
            <button type="button" onClick={onPick ? () => onPick(item.code) : undefined} disabled={!onPick} tabIndex={-1}>
              <span>{item.name}</span>
              {corrected.has(item.code) && <span className="pleno-walk-mark" title="ada koreksi">✎</span>}
              {noted.has(item.code) && <span className="pleno-walk-mark" title="ada keberatan / kejadian khusus">!</span>}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
