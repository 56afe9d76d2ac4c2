/**
 * Which TPS and race a page belongs to, from every claim about it: the page itself (QR, page tag), the
 * operator (a TPS chosen for the file or the whole batch), the file name (pattern). Claims that agree
 * attach the page; claims that disagree, or a form that does not fit the race, flag it
 * (`identity_conflict`) and it stays unattached until an operator decides: never merged on a guess.
 */
import type { JenisPemilihan } from '../../shared/domain/types.ts';
import type { Store } from '../store/open.ts';
import type { NameClaim } from './file-pattern.ts';
import type { FormPageInfo } from './form-info.ts';
import type { PageIdentity, SheetProblem } from './types.ts';

export type ClaimSource = 'qr' | 'page_tag' | 'operator' | 'file_name';

export interface Claim {
  source: ClaimSource;
  tps?: string;
  jenis?: JenisPemilihan;
  halaman?: number;
}

export interface RaceInfo {
  id: number;
  jenis: JenisPemilihan;
  regionCode: string;
  name: string;
  /** Vote columns on its form: paslon including the empty box. */
  columns: number;
}

export interface Attachment {
  tpsCode: string | null;
  electionId: number | null;
  halaman: number | null;
  attachedBy: ClaimSource | null;
  claims: Claim[];
  problem: SheetProblem | null;
  problemDetail: string | null;
}

/** The page's own marks outrank people, and a deliberate choice outranks a file name. */
const RANK: readonly ClaimSource[] = ['qr', 'page_tag', 'operator', 'file_name'];

const SOURCE_LABEL: Record<ClaimSource, string> = {
  qr: 'kode QR pada halaman',
  page_tag: 'tanda halaman',
  operator: 'pilihan operator',
  file_name: 'nama berkas',
};

export interface AttachInput {
  identity?: PageIdentity;
  operatorTps: string | null;
  nameClaim: NameClaim | null;
  /** The race the operator chose for the batch. */
  electionId: number | null;
  form: FormPageInfo | null;
}

export interface AttachContext {
  races: readonly RaceInfo[];
  tpsExists(code: string): boolean;
}

export function loadAttachContext(store: Store): AttachContext {
  const races = store.db.prepare(`
    SELECT e.id, e.jenis, e.region_code AS regionCode, e.name, (SELECT count(*) FROM paslon p WHERE p.election_id = e.id) AS columns
    FROM election e ORDER BY e.id`).all() as RaceInfo[];
  const exists = store.db.prepare('SELECT 1 FROM tps WHERE code = ?').pluck();
  return { races, tpsExists: (code) => exists.get(code) !== undefined };
}

export function resolveAttachment(input: AttachInput, ctx: AttachContext): Attachment {
  const claims: Claim[] = [];
  if (input.identity && (input.identity.tpsCode || input.identity.jenis || input.identity.halaman)) {
    claims.push(clean({ source: input.identity.source, tps: input.identity.tpsCode, jenis: input.identity.jenis, halaman: input.identity.halaman }));
  }
  if (input.operatorTps) claims.push({ source: 'operator', tps: input.operatorTps });
  if (input.nameClaim && (input.nameClaim.tpsCode || input.nameClaim.jenis || input.nameClaim.halaman)) {
    claims.push(clean({ source: 'file_name', tps: input.nameClaim.tpsCode, jenis: input.nameClaim.jenis, halaman: input.nameClaim.halaman }));
  }
  const halaman = input.form?.halaman ?? claims.find((c) => c.halaman !== undefined)?.halaman ?? null;
  const result = (partial: Partial<Attachment> & Pick<Attachment, 'problem' | 'problemDetail'>): Attachment => ({
    tpsCode: null, electionId: null, halaman, attachedBy: null, claims, ...partial,
  });

  const withTps = claims.filter((c) => c.tps !== undefined).sort((a, b) => RANK.indexOf(a.source) - RANK.indexOf(b.source));
  const codes = [...new Set(withTps.map((c) => c.tps!))];
  if (codes.length > 1) {
    const said = withTps.map((c) => `${SOURCE_LABEL[c.source]} menyebut TPS ${c.tps}`).join(', ');
    return result({ problem: 'identity_conflict', problemDetail: `Identitas halaman bertentangan: ${said}. Halaman tidak digabungkan; pilih TPS yang benar.` });
  }
  if (codes.length === 0) {
    return result({ problem: 'no_tps', problemDetail: 'TPS halaman ini belum diketahui (nama berkas tidak cocok dengan pola, tidak ada kode QR). Pilih TPS-nya.' });
  }
  const tps = codes[0]!;
  const attachedBy = withTps[0]!.source;
  if (!ctx.tpsExists(tps)) {
    return result({ problem: 'unknown_tps', problemDetail: `TPS ${tps} (dari ${SOURCE_LABEL[attachedBy]}) tidak ada di data induk. Periksa kodenya atau pilih TPS.` });
  }

  const jenisClaims = claims.filter((c) => c.jenis !== undefined);
  const jenisSet = [...new Set(jenisClaims.map((c) => c.jenis!))];
  if (jenisSet.length > 1) {
    const said = jenisClaims.map((c) => `${SOURCE_LABEL[c.source]}: ${c.jenis}`).join(', ');
    return result({ problem: 'identity_conflict', problemDetail: `Jenis pemilihan halaman ini bertentangan (${said}). Pilih pemilihannya.` });
  }
  const covering = ctx.races.filter((r) => tps.startsWith(r.regionCode));
  let race: RaceInfo | undefined;
  if (input.electionId !== null) {
    race = ctx.races.find((r) => r.id === input.electionId);
    if (!race || !tps.startsWith(race.regionCode)) {
      return result({
        problem: 'identity_conflict',
        problemDetail: `TPS ${tps} berada di luar wilayah ${race?.name ?? `pemilihan #${input.electionId}`} yang dipilih untuk impor ini.`,
      });
    }
    if (jenisSet.length === 1 && jenisSet[0] !== race.jenis) {
      return result({
        problem: 'identity_conflict',
        problemDetail: `Halaman ini untuk pemilihan ${jenisSet[0]} (${SOURCE_LABEL[jenisClaims[0]!.source]}), tetapi diimpor untuk ${race.name}.`,
      });
    }
  } else if (jenisSet.length === 1) {
    race = covering.find((r) => r.jenis === jenisSet[0]);
    if (!race) {
      return result({ problem: 'identity_conflict', problemDetail: `Tidak ada pemilihan ${jenisSet[0]} untuk TPS ${tps}.` });
    }
  } else if (covering.length === 1) {
    race = covering[0];
  }
  if (!race) {
    const detail = covering.length === 0
      ? `Belum ada pemilihan untuk wilayah TPS ${tps}.`
      : `TPS ${tps} ikut ${covering.length} pemilihan (${covering.map((r) => r.jenis).join(', ')}); pilih pemilihan halaman ini.`;
    return result({ tpsCode: tps, attachedBy, problem: 'race_unknown', problemDetail: detail });
  }
  const columns = input.form?.voteColumns ?? null;
  if (columns !== null && race.columns > 0 && columns !== race.columns) {
    return result({
      problem: 'identity_conflict',
      problemDetail: `Formulir ini memuat ${columns} kolom suara paslon, sedangkan ${race.name} punya ${race.columns} paslon: halaman ini bukan milik TPS ${tps} untuk pemilihan tersebut.`,
    });
  }
  return result({ tpsCode: tps, electionId: race.id, attachedBy, problem: null, problemDetail: null });
}

function clean(claim: Claim): Claim {
  return Object.fromEntries(Object.entries(claim).filter(([, v]) => v !== undefined)) as unknown as Claim;
}
