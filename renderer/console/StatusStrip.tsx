/** Counts of TPS per C.Hasil status for the selected region; each count filters the TPS list. */
import type { StatusCounts, TpsStatus } from '../../shared/domain/types.ts';
import { formatNumber } from '../app/format.ts';
import { STATUS_LABEL, STATUS_ORDER } from '../app/labels.ts';

interface Props {
  counts: StatusCounts;
  total: number;
  filter: TpsStatus | null;
  onFilter(status: TpsStatus | null): void;
}

export function StatusStrip({ counts, total, filter, onFilter }: Props) {
  return (
    <div className="status-strip" role="group" aria-label="Jumlah TPS per status C.Hasil (klik untuk menyaring)">
      <button type="button" className="status-chip status-chip--all" aria-pressed={filter === null} onClick={() => onFilter(null)}>
        <span className="status-chip-count">{formatNumber(total)}</span>
        <span className="status-chip-label">Semua TPS</span>
      </button>
      {STATUS_ORDER.map((status) => (
        <button
          key={status}
          type="button"
          className={`status-chip status-chip--${status}`}
          aria-pressed={filter === status}
          data-status={status}
          onClick={() => onFilter(filter === status ? null : status)}
        >
          <span className="status-chip-count">{formatNumber(counts[status])}</span>
          <span className="status-chip-label">{STATUS_LABEL[status]}</span>
        </button>
      ))}
    </div>
  );
}
