/**
 * `#/withheld`: C.Hasil pages withheld from publication (*ditahan*). Every page the machine found is not a
 * C.Hasil, with its thumbnail, reason, TPS, when and by whom. Anyone at the operator's seat sees the list; the
 * "Buka" action goes to the API, which lets only the Operator KPU Kab/Kota through (a PPK gets the refusal in
 * words, beside the page). An unlocked page waits for a new photo; once one arrives the page shows as replaced.
 */
import { useEffect, useState } from 'react';
import type { WithheldItem, WithheldList } from '../../shared/api/methods/withheld.ts';
import { getApi } from '../api/client.ts';
import { useApiEvent, useApiQuery } from '../app/hooks.ts';
import { useActiveProfile } from '../app/profile.ts';
import { formatNumber } from '../app/format.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';
import { Header } from '../console/Header.tsx';
import { ProfileChooser } from '../console/ProfileChooser.tsx';
import '../styles/console.css';
import '../styles/withheld.css';
import { WithheldRow } from './WithheldRow.tsx';

export function WithheldApp() {
  useEffect(() => {
    document.body.dataset.view = 'console';
    document.title = 'Pleno — C.Hasil Ditahan';
  }, []);
  const info = useApiQuery(() => getApi().getAppInfo({}), []);
  const isOperator = info.data?.access === 'operator';
  const profile = useActiveProfile(isOperator);
  const leaveProfile = () => void getApi().setActiveProfile({ profile: null }).then(profile.reload, profile.reload);
  const [version, setVersion] = useState(0);
  useApiEvent('dataChanged', () => setVersion((v) => v + 1));
  const loaded = useApiQuery(() => (isOperator ? getApi().listWithheld({}) : Promise.resolve(null)), [isOperator, version, profile.data?.id]);
  // A write's answer replaces the list at once.
  const [written, setWritten] = useState<WithheldList | null>(null);
  useEffect(() => setWritten(null), [loaded.data]);
  const list = written ?? loaded.data ?? null;
  const home = info.data?.homeRegion ?? null;

  const count = (state: WithheldItem['state']) => list?.items.filter((i) => i.state === state).length ?? 0;

  return (
    <div className="console">
      <Header info={info.data} view="withheld" profile={isOperator ? profile.data : undefined} onLeaveProfile={leaveProfile} />
      {isOperator && home && profile.state === 'ready' && profile.data === null && <ProfileChooser home={home} onChosen={profile.reload} />}
      <main className="content withheld">
        <h1>C.Hasil ditahan <span className="muted">(tidak dipublikasikan)</span></h1>
        <p className="withheld-intro">
          Foto yang menurut mesin bukan formulir C.Hasil ditahan otomatis: angkanya tidak masuk rekap dan tidak
          dipublikasikan. Hanya <b>Operator KPU Kab/Kota</b> yang dapat membuka foto yang ditahan; setelah dibuka,
          Operator PPK mengunggah foto C.Hasil yang benar untuk TPS tersebut.
        </p>
        {!isOperator && info.data && <p className="empty">Daftar ini hanya untuk operator di komputer ini.</p>}
        {info.state === 'error' && <ErrorNote error={info.error} onRetry={info.reload} />}
        {loaded.state === 'error' && <ErrorNote error={loaded.error} onRetry={loaded.reload} />}
        {list && profile.data && !list.canUnlock && (
          <p className="withheld-role" role="note" data-testid="withheld-role-note">
            Anda masuk sebagai {profile.data.label}. Anda dapat melihat daftar ini, tetapi membuka foto yang ditahan
            hanya boleh dilakukan oleh Operator KPU Kab/Kota.
          </p>
        )}
        {list && (
          <>
            <p className="withheld-counts" data-testid="withheld-counts">
              <span className="wh-badge wh-badge--withheld">{formatNumber(count('withheld'))} ditahan</span>
              <span className="wh-badge wh-badge--unlocked">{formatNumber(count('unlocked'))} dibuka, menunggu foto ulang</span>
              <span className="wh-badge wh-badge--replaced">{formatNumber(count('replaced'))} sudah diganti foto baru</span>
            </p>
            {list.items.length === 0 ? (
              <p className="empty">Tidak ada C.Hasil yang ditahan{list.regionCode ? ' di wilayah Anda' : ''}.</p>
            ) : (
              <ul className="withheld-list">
                {list.items.map((item) => (
                  <WithheldRow key={item.sheetId} item={item} onChanged={setWritten} />
                ))}
              </ul>
            )}
          </>
        )}
      </main>
    </div>
  );
}
