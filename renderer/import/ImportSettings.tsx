/** What applies to the next import: the race, the file-name pattern, and (optionally) the one TPS every file belongs to. */
import type { Election } from '../../shared/domain/types.ts';

export interface Settings {
  electionId: number | null;
  pattern: string;
  /** '' = the files say (name, QR); 13 digits = the operator filed every file under this TPS. */
  filedTps: string;
}

export function settingsProblem(s: Settings): string | null {
  if (s.filedTps !== '' && !/^\d{13}$/.test(s.filedTps)) return 'Kode TPS harus 13 digit (mis. 3506012001001).';
  if (s.pattern.trim() !== '' && !/\{tps\}|\{desa\}/.test(s.pattern)) return 'Pola nama berkas harus memuat {tps}, atau {desa} dan {nomor}.';
  return null;
}

interface Props {
  elections: Election[];
  value: Settings;
  disabled: boolean;
  onChange(next: Settings): void;
}

export function ImportSettings({ elections, value, disabled, onChange }: Props) {
  return (
    <fieldset className="import-settings" disabled={disabled}>
      <legend>Pengaturan impor</legend>
      <label>
        <span>Pemilihan</span>
        <select
          value={value.electionId ?? ''}
          onChange={(e) => onChange({ ...value, electionId: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="import-election"
        >
          <option value="">Dari nama berkas / kode QR</option>
          {elections.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Pola nama berkas</span>
        <input
          value={value.pattern}
          onChange={(e) => onChange({ ...value, pattern: e.target.value })}
          spellCheck={false}
          data-testid="import-pattern"
          aria-describedby="import-pattern-help"
        />
        <small id="import-pattern-help">
          Contoh: <code>{'{tps}[_{hal}]*'}</code> membaca <code>3506010001_001_hal2.jpg</code>; kosongkan bila nama berkas tidak berarti.
        </small>
      </label>
      <label>
        <span>TPS (opsional)</span>
        <input
          value={value.filedTps}
          onChange={(e) => onChange({ ...value, filedTps: e.target.value.replace(/\D/g, '').slice(0, 13) })}
          inputMode="numeric"
          placeholder="13 digit, bila semua berkas dari satu TPS"
          data-testid="import-tps"
        />
      </label>
    </fieldset>
  );
}
