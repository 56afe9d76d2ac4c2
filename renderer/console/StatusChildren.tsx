/**
 * The status board's middle: one row per kecamatan (or desa) of the region with its TPS counted per
 * C.Hasil state. The name opens the child; each count opens the child filtered to that state. With a
 * filter on, children without a TPS in that state are hidden (and said so).
 */
import type { RegionSummary, TpsStatus } from '../../shared/domain/types.ts';
import { formatNumber, formatPercent } from '../app/format.ts';
import { childLevelLabel, displayName, STATUS_LABEL, STATUS_ORDER } from '../app/labels.ts';

interface Props {
  parent: RegionSummary;
  items: readonly RegionSummary[];
  filter: TpsStatus | null;
  onOpen(code: string, status: TpsStatus | null): void;
}

export function StatusChildren({ parent, items, filter, onOpen }: Props) {
  const shown = filter ? items.filter((r) => r.status[filter] > 0) : items;
  const hidden = items.length - shown.length;
  const level = childLevelLabel(parent.level);
  return (
    <section className="panel board-children" aria-labelledby="board-children-heading">
      <header className="panel-header">
        <h2 id="board-children-heading">Per {level}</h2>
        <p className="panel-meta">
          {formatNumber(shown.length)} {level}
          {filter && hidden > 0 && ` · ${formatNumber(hidden)} tanpa TPS "${STATUS_LABEL[filter]}" disembunyikan`}
        </p>
      </header>
      <div className="table-scroll board-scroll">
        <table className="tps-table board-table">
          <thead>
            <tr>
              <th scope="col">{level === 'kecamatan' ? 'Kecamatan' : 'Desa/Kel.'}</th>
              <th scope="col" className="num">TPS</th>
              {STATUS_ORDER.map((s) => (
                <th key={s} scope="col" className={`num board-th board-th--${s}`}>
                  {STATUS_LABEL[s]}
                </th>
              ))}
              <th scope="col">Kemajuan</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((region) => (
              <tr key={region.code} data-code={region.code}>
                <th scope="row" className="board-name">
                  <button type="button" className="link-button" onClick={() => onOpen(region.code, filter)}>
                    {displayName(region.name)}
                  </button>
                </th>
                <td className="num">{formatNumber(region.tpsCount)}</td>
                {STATUS_ORDER.map((s) => {
                  const count = region.status[s];
                  return (
                    <td key={s} className={`num board-count${count === 0 ? ' is-zero' : ''}${filter === s ? ' is-filtered' : ''}`} data-status={s}>
                      {count === 0 ? (
                        <span aria-label={`0 ${STATUS_LABEL[s]}`}>0</span>
                      ) : (
                        <button
                          type="button"
                          className={`count-button count-button--${s}`}
                          onClick={() => onOpen(region.code, s)}
                          aria-label={`${displayName(region.name)}: ${formatNumber(count)} TPS ${STATUS_LABEL[s]}`}
                        >
                          {formatNumber(count)}
                        </button>
                      )}
                    </td>
                  );
                })}
                <td className="board-progress-cell">
                  <Progress done={region.status.verified} total={region.tpsCount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  return (
    <span className="mini-progress" title={`${formatNumber(done)} dari ${formatNumber(total)} TPS terverifikasi`}>
      <span className="mini-bar" aria-hidden="true">
        <span className="mini-bar-fill" style={{ width: `${total > 0 ? (done / total) * 100 : 0}%` }} />
      </span>
      <span className="mini-percent">{formatPercent(done, total)}</span>
    </span>
  );
}
