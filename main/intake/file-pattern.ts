/**
 * File-name patterns: how the operator tells Pleno which TPS (and page, and race) a photo belongs to from
 * its name. Syntax (documented for users in main/intake/README.md):
 *
 *   {tps}     13-digit TPS code, or a 10-digit desa code + separator + TPS number (3506010001_001)
 *   {desa}    10-digit desa/kelurahan code      {nomor}  TPS number in the desa, 1–3 digits
 *   {hal}     page number, optionally after "hal", "halaman", "h", "p", "page" (hal2, h2, 2); {page} = {hal}
 *   {race}    gubernur|gub|g, bupati|bup|b, walikota|wali|w; {pemilihan} = {race}
 *   *         any text            [ … ]  an optional part          /  a folder boundary
 *   _ - . and space all match any run of those separators; letters match either case.
 *
 * The pattern is matched against the whole name without its extension (or, when it contains `/`, against
 * as many trailing folders + name as it has parts). The default `{tps}[_{hal}]*` reads both
 * `3506010001001_hal2.jpg` and `3506010001_001_hal2 (1).jpg`.
 */
import type { JenisPemilihan } from '../../shared/domain/types.ts';

export const DEFAULT_PATTERN = '{tps}[_{hal}]*';

export interface NameClaim {
  tpsCode?: string;
  halaman?: number;
  jenis?: JenisPemilihan;
}

export interface CompiledPattern {
  source: string;
  /** Parts of the path the pattern covers: 1 = the file name only. */
  parts: number;
  match(relativePath: string): NameClaim | null;
}

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

type Token = 'tps' | 'desa' | 'nomor' | 'hal' | 'race';

const TOKEN_ALIASES: Record<string, Token> = {
  tps: 'tps', desa: 'desa', nomor: 'nomor', no: 'nomor', hal: 'hal', halaman: 'hal', page: 'hal', race: 'race', pemilihan: 'race',
};

const SEP = '[-_. ]+';
/** Groups per token, in order; the regex for each. (?!\d) keeps a 14-digit run from passing as a code. */
const TOKEN_RE: Record<Token, { re: string; groups: string[] }> = {
  tps: { re: `(?:(\\d{13})|(\\d{10})${SEP}(\\d{1,3}))(?!\\d)`, groups: ['tps13', 'tpsDesa', 'tpsNomor'] },
  desa: { re: '(\\d{10})(?!\\d)', groups: ['desa'] },
  nomor: { re: '(\\d{1,3})(?!\\d)', groups: ['nomor'] },
  hal: { re: '(?:halaman|hal|page|pg|h|p)?[-_. ]?([1-9])(?!\\d)', groups: ['hal'] },
  race: { re: '(gubernur|pgub|gub|g|bupati|pbup|bup|b|walikota|pwako|wali|w)(?![a-z])', groups: ['race'] },
};

const JENIS_OF: Record<string, JenisPemilihan> = {
  gubernur: 'gubernur', pgub: 'gubernur', gub: 'gubernur', g: 'gubernur',
  bupati: 'bupati', pbup: 'bupati', bup: 'bupati', b: 'bupati',
  walikota: 'walikota', pwako: 'walikota', wali: 'walikota', w: 'walikota',
};

export function compilePattern(source: string): PatternResult {
  const text = source.trim();
  if (text.length === 0) return { ok: false, message: 'pola nama berkas kosong' };
  if (text.length > 200) return { ok: false, message: 'pola nama berkas terlalu panjang (maksimal 200 karakter)' };
  let re = '';
  const groups: string[] = [];
  const seen = new Set<Token>();
  let optional = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) return { ok: false, message: `kurung kurawal "{" di posisi ${i + 1} tidak ditutup` };
      const name = text.slice(i + 1, end).trim().toLowerCase();
      const token = TOKEN_ALIASES[name];
      if (!token) return { ok: false, message: `bagian {${name}} tidak dikenal (gunakan {tps}, {desa}, {nomor}, {hal} atau {race})` };
      if (seen.has(token)) return { ok: false, message: `bagian {${name}} muncul lebih dari sekali` };
      seen.add(token);
      re += TOKEN_RE[token].re;
      groups.push(...TOKEN_RE[token].groups);
      i = end;
    } else if (c === '[') {
      if (optional) return { ok: false, message: 'bagian opsional [ … ] tidak boleh bersarang' };
      optional = true;
      re += '(?:';
    } else if (c === ']') {
      if (!optional) return { ok: false, message: `"]" di posisi ${i + 1} tanpa "[" pembuka` };
      optional = false;
      re += ')?';
    } else if (c === '*') {
      re += '.*?';
    } else if (c === '/' || c === '\\') {
      re += '/';
    } else if ('_-. '.includes(c)) {
      // a run of separators in the pattern is one separator run in the name
      while (i + 1 < text.length && '_-. '.includes(text[i + 1]!)) i++;
      re += SEP;
    } else if (c === '}') {
      return { ok: false, message: `"}" di posisi ${i + 1} tanpa "{" pembuka` };
    } else {
      re += c.replace(/[\\^$+?()|]/g, '\\$&');
    }
  }
  if (optional) return { ok: false, message: 'bagian opsional "[" tidak ditutup dengan "]"' };
  if (!seen.has('tps') && !(seen.has('desa') && seen.has('nomor'))) {
    return { ok: false, message: 'pola harus memuat {tps}, atau {desa} dan {nomor}' };
  }
  if (seen.has('tps') && (seen.has('desa') || seen.has('nomor'))) {
    return { ok: false, message: 'pola memuat {tps} sekaligus {desa}/{nomor}: pilih salah satu' };
  }
  const regex = new RegExp(`^${re}$`, 'i');
  const parts = text.split(/[\\/]/).length;

  return {
    ok: true,
    pattern: {
      source: text,
      parts,
      match(relativePath) {
        const subject = lastParts(relativePath, parts);
        const m = regex.exec(subject);
        if (!m) return null;
        const got = (name: string) => {
          const index = groups.indexOf(name);
          return index < 0 ? undefined : m[index + 1];
        };
        const claim: NameClaim = {};
        const desa = got('tpsDesa') ?? got('desa');
        const nomor = got('tpsNomor') ?? got('nomor');
        const tps13 = got('tps13');
        if (tps13) claim.tpsCode = tps13;
        else if (desa && nomor) claim.tpsCode = `${desa}${nomor.padStart(3, '0')}`;
        if (claim.tpsCode && /000$/.test(claim.tpsCode)) return null; // TPS numbers start at 1
        const hal = got('hal');
        if (hal) claim.halaman = Number(hal);
        const race = got('race');
        if (race) claim.jenis = JENIS_OF[race.toLowerCase()];
        return claim;
      },
    },
  };
}

/** The last `parts` segments of a path (either slash), the final one without its extension. */
function lastParts(relativePath: string, parts: number): string {
  const segments = relativePath.split(/[\\/]+/).filter((s) => s.length > 0);
  const taken = segments.slice(-parts);
  const last = taken.length - 1;
  if (last >= 0) taken[last] = taken[last]!.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return taken.join('/');
}
