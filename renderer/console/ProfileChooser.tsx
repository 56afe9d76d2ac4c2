/**
 * Shown under the header while no operator profile is active: pick "Operator PPK" with the kecamatan,
 * or "Operator KPU Kab/Kota", and optionally your name. The choice is kept on this device (the host's
 * database) and names you in every audit entry. It does not block the console: viewing needs no profile.
 */
import { useState, type FormEvent } from 'react';
import type { ApiError, Role } from '../../shared/api/contract.ts';
import type { Region } from '../../shared/domain/types.ts';
import { getApi } from '../api/client.ts';
import { asApiError, useApiQuery } from '../app/hooks.ts';
import { displayName, regionTitle } from '../app/labels.ts';
import { ErrorNote } from './ErrorNote.tsx';

interface Props {
  home: Region;
  onChosen(): void;
}

export function ProfileChooser({ home, onChosen }: Props) {
  const kecamatan = useApiQuery(() => getApi().listRegionChildren({ parentCode: home.code }), [home.code]);
  const [role, setRole] = useState<Role>('ppk');
  const [kecamatanCode, setKecamatanCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const ready = role === 'kpu_kabkota' || kecamatanCode !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const regionCode = role === 'ppk' ? kecamatanCode : home.code;
      await getApi().setActiveProfile({ profile: { role, regionCode, name: name.trim() || null } });
      onChosen();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="profile-chooser" aria-labelledby="profile-chooser-title">
      <form onSubmit={submit}>
        <h2 id="profile-chooser-title">Pilih profil operator</h2>
        <p className="muted">Profil ini tercatat di setiap entri audit dari perangkat ini. Hanya Operator KPU Kab/Kota yang dapat membuka TPS yang ditahan.</p>
        <div className="profile-fields">
          <fieldset className="profile-roles">
            <legend>Peran</legend>
            <label>
              <input type="radio" name="role" value="ppk" checked={role === 'ppk'} onChange={() => setRole('ppk')} /> Operator PPK
            </label>
            <label>
              <input type="radio" name="role" value="kpu_kabkota" checked={role === 'kpu_kabkota'} onChange={() => setRole('kpu_kabkota')} />{' '}
              Operator KPU Kab/Kota
            </label>
          </fieldset>
          {role === 'ppk' ? (
            <label className="profile-field">
              Kecamatan
              <select value={kecamatanCode} onChange={(e) => setKecamatanCode(e.target.value)} required>
                <option value="">— pilih kecamatan —</option>
                {(kecamatan.data ?? []).map((k) => (
                  <option key={k.code} value={k.code}>
                    {displayName(k.name)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="profile-field profile-region">{regionTitle(home)}</p>
          )}
          <label className="profile-field">
            Nama (boleh kosong)
            <input type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
          <button type="submit" className="accent" disabled={!ready || busy}>
            Mulai bekerja
          </button>
        </div>
        {error && <ErrorNote error={error} />}
      </form>
    </section>
  );
}
