/**
 * What became of each file: its TPS (linking to that TPS's review screen) and verdict per page — diterima,
 * perlu diperiksa, tak terbaca, bukan formulir (ditahan), duplikat, or why it failed. "Perlu perhatian" hides
 * the files that need nothing from the operator.
 */
import { useState } from 'react';
import type { ImportItem } from '../../shared/api/methods/intake.ts';
import { formatNumber } from '../app/format.ts';
import { AttachTps, canAttach } from './AttachTps.tsx';
import { itemLine, sheetLine, type SheetLine } from './verdict.ts';

const needsAttention = (item: ImportItem) =>
  item.state === 'failed' || item.state === 'duplicate' || item.sheets.some((s) => s.verdict !== 'accepted' || s.problem !== null || s.withheld);

function Verdict({ line }: { line: SheetLine }) {
  return (
    <span className={`import-verdict import-verdict--${line.tone}`}>
      <span className="import-verdict-label">{line.label}</span>
      {line.detail && <span className="import-verdict-detail">{line.detail}</span>}
    </span>
  );
}

/** `onChanged`: a page was attached by the operator (the list is re-read). */
export function ImportResults({ items, total, onChanged }: { items: ImportItem[]; total: number; onChanged?: () => void }) {
  const [onlyAttention, setOnlyAttention] = useState(false);
  const shown = onlyAttention ? items.filter(needsAttention) : items;
  return (
    <section className="import-results" aria-label="Hasil per berkas">
      <div className="import-results-head">
        <h2>Hasil per berkas</h2>
        <label>
          <input type="checkbox" checked={onlyAttention} onChange={(e) => setOnlyAttention(e.target.checked)} /> hanya yang perlu perhatian
        </label>
        {total > items.length && <span className="muted">menampilkan {formatNumber(items.length)} dari {formatNumber(total)}</span>}
      </div>
      <table className="import-table" data-testid="import-results">
        <thead>
          <tr>
            <th scope="col">Berkas</th>
            <th scope="col">Hal.</th>
            <th scope="col">TPS</th>
            <th scope="col">Hasil</th>
          </tr>
        </thead>
        <tbody>
          {shown.flatMap((item) => {
            if (item.sheets.length === 0) {
              return [
                <tr key={item.itemId} data-state={item.state} data-name={item.name}>
                  <td className="import-name">{item.name}</td>
                  <td />
                  <td />
                  <td><Verdict line={itemLine(item)} /></td>
                </tr>,
              ];
            }
            return item.sheets.map((sheet, i) => (
              <tr key={`${item.itemId}:${sheet.sheetId}`} data-state={item.state} data-name={item.name}>
                {i === 0 && <td className="import-name" rowSpan={item.sheets.length}>{item.name}</td>}
                <td>{item.sheets.length > 1 || sheet.halaman ? (sheet.halaman ?? sheet.page) : ''}</td>
                <td>
                  {sheet.tpsCode ? (
                    <a href={`#/review/${sheet.tpsCode}${sheet.electionId ? `?pemilihan=${sheet.electionId}` : ''}`} className="import-tps">
                      {sheet.tpsCode}
                    </a>
                  ) : onChanged && canAttach(sheet) ? (
                    <AttachTps sheet={sheet} onAttached={onChanged} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td><Verdict line={sheetLine(sheet)} /></td>
              </tr>
            ));
          })}
          {shown.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">{onlyAttention ? 'Tidak ada berkas yang perlu perhatian.' : 'Belum ada berkas.'}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
