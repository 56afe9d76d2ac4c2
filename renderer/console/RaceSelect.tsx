/**
 * The status board's race (pemilihan) chooser: "Semua pemilihan" (each TPS at its least advanced race,
 * the default) or one race. Native radio buttons in a segmented row, so arrow keys move the choice and a
 * click picks it; with many races (a province's board: the governor and every bupati/wali kota) a
 * native drop-down instead, which stays one line.
 */
import type { Election } from '../../shared/domain/types.ts';
import { JENIS_SHORT, raceTitle } from '../app/labels.ts';
import '../styles/race-select.css';

/** Up to this many choices (including "Semua pemilihan") fit as buttons. */
const MAX_BUTTONS = 5;

interface Props {
  elections: readonly Election[];
  /** null = every race together */
  selectedId: number | null;
  onSelect(id: number | null): void;
}

export function RaceSelect({ elections, selectedId, onSelect }: Props) {
  if (elections.length === 0) return null;
  const label = (election: Election) => {
    const sameKind = elections.filter((e) => e.jenis === election.jenis).length > 1;
    return sameKind ? `${JENIS_SHORT[election.jenis]} ${election.regionCode}` : JENIS_SHORT[election.jenis];
  };

  if (elections.length + 1 > MAX_BUTTONS) {
    return (
      <label className="race-select race-select--list">
        <span className="race-select-legend">Pemilihan</span>
        <select
          value={selectedId ?? ''}
          onChange={(event) => onSelect(event.target.value === '' ? null : Number(event.target.value))}
          data-testid="race-select"
        >
          <option value="">Semua pemilihan</option>
          {elections.map((e) => (
            <option key={e.id} value={e.id}>
              {raceTitle(e)}
            </option>
          ))}
        </select>
      </label>
    );
  }

  const options: { id: number | null; text: string; title: string }[] = [
    { id: null, text: 'Semua pemilihan', title: 'Setiap TPS dengan status pemilihan yang paling belum maju' },
    ...elections.map((e) => ({ id: e.id, text: label(e), title: raceTitle(e) })),
  ];
  return (
    <div className="race-select" data-testid="race-select">
      <span className="race-select-legend" id="race-select-legend">
        Pemilihan
      </span>
      <div className="race-select-options" role="radiogroup" aria-labelledby="race-select-legend">
        {options.map((option) => (
          <label key={option.id ?? 'semua'} className="race-select-option" title={option.title}>
            <input
              type="radio"
              name="status-race"
              value={option.id ?? ''}
              checked={option.id === selectedId}
              onChange={() => onSelect(option.id)}
            />
            <span>{option.text}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
