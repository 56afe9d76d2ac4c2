/**
 * Opening a session: the race, the region (a kecamatan for the PPK, the kab/kota for the KPU Kab/Kota),
 * date and place, and who is present — members (chair first), one saksi per paslon, the Panwascam/Bawaslu.
 * People are typed one per line as "Nama, Jabatan": quick to fill from the attendance sheet.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ApiError } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { asApiError, useApiQuery } from '../app/hooks.ts';
import { raceTitle, regionTitle } from '../app/labels.ts';
import { ErrorNote } from '../console/ErrorNote.tsx';

/** "Siti Rahmawati, Ketua PPK" → { name, title }. */
export function parsePeople(text: string): { name: string; title?: string }[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [name, ...rest] = line.split(',');
    const title = rest.join(',').trim();
    return title ? { name: name!.trim(), title } : { name: name!.trim() };
  });
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function OpenSessionForm({ onOpened }: { onOpened(id: number): void }) {
  const info = useApiQuery(() => getApi().getAppInfo({}), []);
  const elections = useApiQuery(() => getApi().listElections({}), []);
  const home = info.data?.homeRegion ?? null;
  const regions = useApiQuery(async () => {
    if (!home) return [];
    const own = { code: home.code, level: home.level, name: home.name };
    if (home.level === 'kecamatan') return [own];
    const children = await getApi().listRegionChildren({ parentCode: home.code });
    return [...children.filter((c) => c.level === 'kecamatan'), ...(home.level === 'kabkota' ? [own] : [])];
  }, [home?.code]);

  const [electionId, setElectionId] = useState<number | null>(null);
  const [regionCode, setRegionCode] = useState('');
  const [heldOn, setHeldOn] = useState(today);
  const [place, setPlace] = useState('');
  const [anggota, setAnggota] = useState('');
  const [saksi, setSaksi] = useState<Record<number, string>>({});
  const [pengawas, setPengawas] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // the race of the home kab/kota first (a PPK pleno is usually the bupati/walikota race)
  const races = useMemo(() => [...(elections.data ?? [])].sort((a, b) => b.regionCode.length - a.regionCode.length), [elections.data]);
  useEffect(() => {
    if (electionId === null && races[0]) setElectionId(races[0].id);
  }, [races, electionId]);
  useEffect(() => {
    if (!regionCode && regions.data?.[0]) setRegionCode(regions.data[0].code);
  }, [regions.data, regionCode]);
  const election = races.find((e) => e.id === electionId) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!election) return;
    setBusy(true);
    setError(null);
    try {
      const session = await getApi().openPlenoSession({
        electionId: election.id,
        regionCode,
        heldOn,
        place,
        anggota: parsePeople(anggota),
        saksi: election.paslon.filter((p) => saksi[p.nomorUrut]?.trim()).map((p) => ({ nomorUrut: p.nomorUrut, name: saksi[p.nomorUrut]!.trim() })),
        pengawas: parsePeople(pengawas),
        ...(reopenReason.trim() ? { reopenReason: reopenReason.trim() } : {}),
      });
      onOpened(session.id);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pleno-card pleno-open" onSubmit={submit} aria-labelledby="pleno-open-title">
      <h1 id="pleno-open-title">Buka sesi pleno baru</h1>
      <div className="pleno-open-grid">
        <label>
          Pemilihan
          <select value={electionId ?? ''} onChange={(e) => setElectionId(Number(e.target.value))} required>
            {races.map((e) => <option key={e.id} value={e.id}>{raceTitle(e)}</option>)}
          </select>
        </label>
        <label>
          Wilayah rekapitulasi
          <select value={regionCode} onChange={(e) => setRegionCode(e.target.value)} required data-testid="pleno-region">
            {(regions.data ?? []).map((r) => <option key={r.code} value={r.code}>{regionTitle(r)}</option>)}
          </select>
        </label>
        <label>
          Tanggal
          <input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
        </label>
        <label>
          Tempat
          <input value={place} onChange={(e) => setPlace(e.target.value)} placeholder="Aula Kantor Kecamatan" required name="place" />
        </label>
        <label className="wide">
          Anggota PPK / KPU yang hadir — satu per baris, "Nama, Jabatan", ketua di baris pertama
          <textarea value={anggota} onChange={(e) => setAnggota(e.target.value)} rows={3} required name="anggota" />
        </label>
        <fieldset className="wide">
          <legend>Saksi pasangan calon yang hadir</legend>
          {election?.paslon.map((p) => (
            <label key={p.nomorUrut} className="pleno-saksi">
              <span>Saksi paslon {p.nomorUrut}{p.kotakKosong ? ' (kotak kosong)' : ` — ${p.kepala}`}</span>
              <input value={saksi[p.nomorUrut] ?? ''} onChange={(e) => setSaksi({ ...saksi, [p.nomorUrut]: e.target.value })} name={`saksi-${p.nomorUrut}`} />
            </label>
          ))}
        </fieldset>
        <label className="wide">
          Panwaslu Kecamatan / Bawaslu yang hadir — satu per baris, "Nama, Jabatan"
          <textarea value={pengawas} onChange={(e) => setPengawas(e.target.value)} rows={2} name="pengawas" />
        </label>
        <label className="wide">
          Alasan membuka kembali (hanya bila rekap wilayah ini sudah dikunci sesi sebelumnya; tercatat di berita acara)
          <input value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} name="reopenReason" />
        </label>
      </div>
      {error && <ErrorNote error={error} />}
      <button type="submit" className="pleno-primary" disabled={busy || !election}>Buka sesi pleno</button>
    </form>
  );
}
