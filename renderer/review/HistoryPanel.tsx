/** Every value this TPS has had, newest first: who, when, field old → new, reason and basis. */
import type { ReviewHistoryEntry } from '../../shared/api/methods/review.ts';

const time = new Intl.DateTimeFormat('id-ID', { dateStyle: 'short', timeStyle: 'medium' });

export function HistoryPanel({ history }: { history: ReviewHistoryEntry[] }) {
  return (
    <section className="review-history" aria-label="Riwayat">
      <h2>Riwayat</h2>
      <ol>
        {history.slice(0, 200).map((h) => (
          <li key={`${h.id}:${h.fieldId ?? ''}`} className={h.fieldId ? '' : 'history-status'}>
            <time dateTime={h.at}>{time.format(new Date(h.at))}</time> <span className="history-actor">{h.actor}</span>{' '}
            {h.fieldId ? (
              <>
                <b>{h.fieldId}</b>: <s>{h.oldValue ?? '—'}</s> → <b>{h.newValue}</b>
              </>
            ) : (
              <b>{h.note ?? h.action}</b>
            )}
            {h.fieldId && h.note && <span className="muted"> ({h.note})</span>}
            {h.reason && <span className="history-reason"> — {h.reason}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
