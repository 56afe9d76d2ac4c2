/**
 * The races that cover the selected region (a governor race covers the whole province, a bupati race its
 * kabupaten) and their paslon by nomor urut. The chosen race is what the projector button shows.
 */
import type { Election } from '../../shared/domain/types.ts';
import { JENIS_SHORT, raceTitle } from '../app/labels.ts';

interface Props {
  elections: readonly Election[];
  selectedId: number | null;
  onSelect(id: number): void;
}

export function ElectionPanel({ elections, selectedId, onSelect }: Props) {
  const selected = elections.find((e) => e.id === selectedId) ?? null;
  return (
    <section className="panel election-panel" aria-labelledby="election-heading">
      <header className="panel-header">
        <h2 id="election-heading">Pemilihan</h2>
      </header>
      {elections.length === 0 ? (
        <p className="empty">Belum ada pemilihan untuk wilayah ini.</p>
      ) : (
        <>
          <div className="race-picker" role="radiogroup" aria-label="Pilih pemilihan">
            {elections.map((election) => (
              <label key={election.id} className="race-option">
                <input
                  type="radio"
                  name="race"
                  value={election.id}
                  checked={election.id === selectedId}
                  onChange={() => onSelect(election.id)}
                />
                <span>{JENIS_SHORT[election.jenis]}</span>
              </label>
            ))}
          </div>
          {selected && <Race election={selected} />}
        </>
      )}
    </section>
  );
}

function Race({ election }: { election: Election }) {
  return (
    <div className="race">
      <p className="race-name">
        {raceTitle(election)}
        {election.demo && (
          <span className="badge badge--demo" title="Nama paslon fiktif, hanya untuk demonstrasi">
            DEMO
          </span>
        )}
      </p>
      <ol className="paslon-list" aria-label={`Pasangan calon ${JENIS_SHORT[election.jenis]}`}>
        {election.paslon.map((paslon) => (
          <li key={paslon.nomorUrut} className="paslon">
            <span className="paslon-nomor" aria-label={`Nomor urut ${paslon.nomorUrut}`}>
              {paslon.nomorUrut}
            </span>
            {paslon.kotakKosong ? (
              <span className="paslon-names">
                <strong>Kotak kosong</strong>
              </span>
            ) : (
              <span className="paslon-names">
                <strong>{paslon.kepala}</strong>
                <span>{paslon.wakil}</span>
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
