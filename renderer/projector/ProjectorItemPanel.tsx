/** The item under discussion: its C.Hasil photo (a TPS) beside its own numbers and whether its checks hold. */
import { useEffect, useState } from 'react';
import type { ProjectorState } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';
import { formatNumber } from '../app/format.ts';

const STATE: Record<string, string> = { verified: 'Masuk rekap', withheld: 'Ditahan', missing: 'Belum masuk rekap' };

export function ProjectorItemPanel({ state }: { state: ProjectorState }) {
  const item = state.item;
  const photo = item?.photos[item.photos.length > 1 ? 1 : 0] ?? null;
  const [url, setUrl] = useState<{ sheetId: number; src: string } | null>(null);
  useEffect(() => {
    if (!photo || url?.sheetId === photo.sheetId) return;
    let live = true;
    // by page: a PDF's page comes as an image, a photo straightened onto the form
    void getApi().getSheetImage({ sha256: photo.sha256, sheetId: photo.sheetId })
      .then((img) => live && setUrl({ sheetId: photo.sheetId, src: img.dataUrl }), () => undefined);
    return () => {
      live = false;
    };
  }, [photo?.sheetId]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!item) return <section className="pitem pitem--none">Menunggu butir pertama…</section>;
  const title = item.kind === 'tps' ? `${item.name}` : `${item.kind === 'desa' ? 'Desa/Kel.' : 'Kecamatan'} ${item.name}`;
  const failing = item.failingChecks;
  return (
    <section className={`pitem pitem--${item.kind}${photo ? ' pitem--photo' : ''}`} aria-label="Butir yang sedang dibahas" data-testid="projector-item" data-code={item.code}>
      <header className="pitem-head">
        <p className="sboard-label">Butir {formatNumber(item.position)} dari {formatNumber(item.count)}{item.parentName ? ` · ${item.parentName}` : ''}</p>
        <h2 className="pitem-title" data-testid="projector-item-title">{title}</h2>
      </header>
      <div className="pitem-body">
        {photo && (
          <figure className="pitem-photo">
            {url?.sheetId === photo.sheetId ? <img src={url.src} alt="Foto C.Hasil" data-testid="projector-photo" /> : <span>Memuat foto…</span>}
          </figure>
        )}
        <div className="pitem-numbers">
          {item.state && <p className={`pitem-state pitem-state--${item.state}`}>{STATE[item.state]}</p>}
          {item.kind !== 'tps' && <p className="pitem-tps">TPS masuk {formatNumber(item.tps.included)} dari {formatNumber(item.tps.total)}</p>}
          <table className="pitem-votes">
            <tbody>
              {item.paslon.map((p) => (
                <tr key={p.nomorUrut}>
                  <th scope="row"><span className="totals-nomor totals-nomor--small">{p.nomorUrut}</span></th>
                  <td data-testid="projector-item-votes">{formatNumber(p.suara)}</td>
                </tr>
              ))}
              <tr className="pitem-sah"><th scope="row">Sah</th><td>{formatNumber(item.suaraSah)}</td></tr>
              <tr className="pitem-sah"><th scope="row">Tidak sah</th><td>{formatNumber(item.suaraTidakSah)}</td></tr>
            </tbody>
          </table>
          <p className={failing.length === 0 ? 'pitem-checks pitem-checks--ok' : 'pitem-checks pitem-checks--bad'} data-testid="projector-item-checks">
            {failing.length === 0 ? '✓ Semua pemeriksaan sesuai' : `✗ ${failing.length} pemeriksaan tidak sesuai`}
          </p>
          {failing.length > 0 && (
            <ul className="pitem-failing">
              {failing.slice(0, 3).map((c) => <li key={c.id}>{c.label}</li>)}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
