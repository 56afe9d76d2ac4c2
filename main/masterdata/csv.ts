/**
 * A small RFC 4180 reader: quoted cells (with "" for a quote, and line breaks inside quotes), CRLF or LF,
 * a UTF-8 BOM, and the delimiter of the header line (',' or ';' as spreadsheets in Indonesia often write,
 * or a tab). Each record keeps the line it starts on, for error messages.
 */
export type CsvTable = { header: string[]; records: { line: number; cells: string[] }[] };
export type CsvParse = { ok: true; table: CsvTable } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (source[i] === '"' && cell === '') {
        // quoted cell: runs to the closing quote, which must be followed by a delimiter or line end
        i++;
        for (;;) {
          if (i >= source.length) return { ok: false, line: start, message: 'tanda kutip (") tidak ditutup' };
          const ch = source[i]!;
          if (ch === '"') {
            if (source[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        const next = source[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          return { ok: false, line, message: 'ada teks setelah tanda kutip penutup' };
        }
      }
      const ch = source[i];
      if (ch === undefined) {
        cells.push(cell);
        endOfRecord = true;
      } else if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        i++;
      } else if (ch === '\n' || ch === '\r') {
        cells.push(cell);
        i += ch === '\r' && source[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        cell += ch;
        i++;
      }
    }
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: start, cells });
  }
  const [head, ...records] = rows;
  if (!head) return { ok: false, line: 1, message: 'berkas kosong: baris judul kolom tidak ada' };
  return { ok: true, table: { header: head.cells.map((h) => h.trim().toLowerCase()), records } };
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => ({ d, n: count(d) }));
  candidates.sort((a, b) => b.n - a.n);
  return candidates[0]!.n > 0 ? candidates[0]!.d : ',';
}
