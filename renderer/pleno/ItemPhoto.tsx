/** The current TPS's C.Hasil pages (stored photos), one at a time, next to its numbers. */
import { useEffect, useState } from 'react';
import type { PlenoItemDetail } from '../../shared/api/contract.ts';
import { getApi } from '../api/client.ts';

export function ItemPhoto({ photos }: { photos: PlenoItemDetail['photos'] }) {
  const [page, setPage] = useState(0);
  const [urls, setUrls] = useState<Record<number, string>>({});
  const shown = photos[Math.min(page, photos.length - 1)] ?? null;
  useEffect(() => setPage(photos.length > 1 ? 1 : 0), [photos.map((p) => p.sheetId).join()]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!shown || urls[shown.sheetId]) return;
    let live = true;
    // by page: a PDF's page comes as an image, a photo straightened onto the form
    void getApi().getSheetImage({ sha256: shown.sha256, sheetId: shown.sheetId })
      .then((img) => live && setUrls((u) => ({ ...u, [shown.sheetId]: img.dataUrl })), () => undefined);
    return () => {
      live = false;
    };
  }, [shown?.sheetId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!shown) return <figure className="pleno-photo pleno-photo--none"><figcaption>Belum ada foto C.Hasil untuk TPS ini</figcaption></figure>;
  return (
    <figure className="pleno-photo">
      {urls[shown.sheetId] ? <img src={urls[shown.sheetId]} alt={`Foto C.Hasil halaman ${shown.halaman ?? '?'}`} /> : <div className="pleno-photo-wait">Memuat foto…</div>}
      <figcaption>
        {photos.map((p, i) => (
          <button key={p.sheetId} type="button" aria-pressed={p === shown} onClick={() => setPage(i)}>
            Hal. {p.halaman ?? i + 1}
          </button>
        ))}
      </figcaption>
    </figure>
  );
}
