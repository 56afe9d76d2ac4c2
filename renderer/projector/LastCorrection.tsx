/** The last pleno correction in the region: where, which field, the old value struck through, the new one. */
import { plenoFieldLabel, type ProjectorCorrection } from '../../shared/api/contract.ts';
import { formatNumber } from '../app/format.ts';

export function LastCorrection({ correction }: { correction: ProjectorCorrection | null }) {
  if (!correction) return <div className="lastfix lastfix--none">Belum ada koreksi</div>;
  return (
    // the key restarts the highlight animation for every new correction
    <div className="lastfix" key={correction.id} data-testid="projector-correction" data-id={correction.id}>
      <p className="sboard-label">Koreksi terakhir</p>
      <p className="lastfix-where">{correction.tpsName} · {plenoFieldLabel(correction.fieldId)}</p>
      <p className="lastfix-values">
        <del data-testid="projector-correction-old">{correction.oldValue === null ? '—' : formatNumber(correction.oldValue)}</del>
        <span aria-hidden="true">→</span>
        <ins data-testid="projector-correction-new">{formatNumber(correction.newValue)}</ins>
      </p>
    </div>
  );
}
