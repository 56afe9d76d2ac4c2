/**
 * Reads a JSON array of flat objects as records with the line each object starts on, so JSON input gets
 * the same line-and-field error messages as CSV. Numbers and booleans become their text; null becomes ''.
 */
import type { InputRecord } from './result.ts';

export type JsonRows = { ok: true; records: InputRecord[] } | { ok: false; line: number; field: string; message: string };

export function parseJsonRows(text: string): JsonRows {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    const position = /position (\d+)/.exec(String((err as Error).message));
    const line = position ? lineAt(source, Number(position[1])) : 1;
    return { ok: false, line, field: '', message: 'JSON tidak sah' };
  }
  if (!Array.isArray(value)) {
    return { ok: false, line: 1, field: '', message: 'isi berkas JSON harus berupa larik (array) objek, satu objek per baris data' };
  }
  const lines = elementLines(source);
  const records: InputRecord[] = [];
  for (let k = 0; k < value.length; k++) {
    const item: unknown = value[k];
    const line = lines[k] ?? 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return { ok: false, line, field: '', message: `elemen ke-${k + 1} bukan objek` };
    }
    const values: Record<string, string> = {};
    for (const [key, v] of Object.entries(item as Record<string, unknown>)) {
      if (v !== null && typeof v === 'object') return { ok: false, line, field: key, message: 'nilai harus teks atau angka, bukan objek atau larik' };
      values[key.trim().toLowerCase()] = v === null ? '' : String(v);
    }
    records.push({ line, values });
  }
  return { ok: true, records };
}

/** The 1-based line where each element of the top-level array starts (the text is valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (depth === 1 && expectValue && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') {
      // skip the string, honouring escapes; strings cannot contain raw line breaks in valid JSON
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === ']' || ch === '}') {
      depth--;
    } else if (ch === ',' && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
