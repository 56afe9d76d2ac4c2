/** The selected region: breadcrumbs from the province down, its name, and its counts per level. */
import type { Region, RegionSummary } from '../../shared/domain/types.ts';
import { formatNumber } from '../app/format.ts';
import { childLevelLabel, regionTitle } from '../app/labels.ts';

interface Props {
  region: RegionSummary;
  path: readonly Region[];
  onNavigate(code: string): void;
}

export function RegionHeading({ region, path, onNavigate }: Props) {
  const ancestors = path.filter((r) => r.code !== region.code);
  const facts: [string, number][] = [];
  if (region.level !== 'desa') facts.push([childLevelLabel(region.level), region.childCount]);
  if (region.level === 'provinsi' || region.level === 'kabkota') facts.push(['desa/kel.', region.desaCount]);
  facts.push(['TPS', region.tpsCount], ['DPT', region.dptTotal]);
  return (
    <div className="region-heading">
      {ancestors.length > 0 && (
        <nav aria-label="Lokasi wilayah" className="breadcrumbs">
          <ol>
            {ancestors.map((r) => (
              <li key={r.code}>
                <button type="button" className="link-button" onClick={() => onNavigate(r.code)}>
                  {regionTitle(r)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h1 data-testid="region-title">
        {regionTitle(region)} <span className="region-code">{region.code}</span>
      </h1>
      <dl className="region-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
