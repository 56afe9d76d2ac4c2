/** The form's checks on the current values: green holds, red fails (with a reason box), grey incomplete. */
import type { ReviewCheck } from '../../shared/api/methods/review.ts';

const MARK = { holds: '✓', fails: '✗', incomplete: '…' } as const;
const STATE = { holds: 'terpenuhi', fails: 'tidak terpenuhi', incomplete: 'belum lengkap' } as const;

export function ChecksPanel({ checks, verified, reasons, onReason }: {
  checks: ReviewCheck[];
  verified: boolean;
  reasons: Record<string, string>;
  onReason: (key: string, reason: string) => void;
}) {
  const failing = checks.filter((c) => c.state === 'fails').length;
  return (
    <section className="review-checks" aria-label="Pemeriksaan">
      <h2>Pemeriksaan <span className="muted">{failing === 0 ? 'semua terpenuhi atau belum lengkap' : `${failing} tidak terpenuhi`}</span></h2>
      <ul>
        {checks.map((c) => (
          <li key={c.key} className={`check check--${c.state}`} data-check={c.key} data-state={c.state}>
            <span className="check-mark" aria-hidden="true">{MARK[c.state]}</span>
            <span className="check-body">
            <span className="check-label">{c.label}<span className="sr-only"> — {STATE[c.state]}</span></span>
            {c.state === 'fails' && (
              verified || c.reason
                ? c.reason && <span className="check-reason">Alasan: {c.reason}</span>
                : <input className="check-reason-input" placeholder="Alasan bila tetap diverifikasi" aria-label={`Alasan: ${c.label}`}
                    value={reasons[c.key] ?? ''} onChange={(e) => onReason(c.key, e.target.value)} />
            )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
