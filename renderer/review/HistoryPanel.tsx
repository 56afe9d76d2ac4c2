/**
 * Every value this TPS has had for the race, newest first: when, who, on which device, field old → new, where
 * the value came from (the machine's reading with its confidence, an operator, a pleno decision), the reason
 * and basis, and the photo it was read from or checked against (its sha256, shortened). Page and status steps
 * (photo added, withheld, unlocked, verified) are listed between them in grey.
 */
import type { ReviewHistoryEntry } from '../../shared/api/methods/review.ts';

const time = new Intl.DateTimeFormat('id-ID', { dateStyle: 'short', timeStyle: 'medium' });
const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 });

function sourceLabel(h: ReviewHistoryEntry): string | null {
  if (h.source === 'machine') return h.confidence === null ? 'mesin' : `mesin, yakin ${percent.format(h.confidence)}`;
  if (h.source === 'operator') return 'operator';
  if (h.source === 'pleno') return 'keputusan pleno';
  return null;
}

export function HistoryPanel({ history }: { history: ReviewHistoryEntry[] }) {
  return (
    <section className="review-history" aria-label="Riwayat">
      <h2>Riwayat <span className="muted">({history.length} entri, log audit berantai hash)</span></h2>
      <ol>
        {history.slice(0, 300).map((h) => {
          const source = sourceLabel(h);
          return (
            <li key={`${h.id}:${h.fieldId ?? ''}`} className={h.fieldId ? `history-value history-value--${h.source ?? 'none'}` : 'history-status'} data-action={h.action}>
              <div className="history-head">
                <time dateTime={h.at}>{time.format(new Date(h.at))}</time> <span className="history-actor">{h.actor}</span>
                <span className="history-device" title="Perangkat"> · {h.device}</span>
              </div>
              <div>
                {h.fieldId ? (
                  <>
                    <b>{h.fieldId}</b>: <s className="history-old">{h.oldValue ?? '—'}</s> → <b className="history-new">{h.newValue ?? '—'}</b>
                  </>
                ) : (
                  <b>{h.note ?? h.action}</b>
                )}
                {source && <span className="history-source"> [{source}]</span>}
                {h.fieldId && h.note && h.source !== 'machine' && <span className="muted"> ({h.note})</span>}
                {h.reason && <span className="history-reason"> — {h.reason}</span>}
                {h.evidence && <span className="history-evidence" title={`sha256 foto: ${h.evidence}`}> · foto {h.evidence.slice(0, 10)}…</span>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
