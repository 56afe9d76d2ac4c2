/**
 * Pleno sessions: open a sitting of one race over a kecamatan (PPK) or kab/kota (KPU Kab/Kota), walk its
 * items with the projector following, correct numbers by pleno decision (on record, in the audit log),
 * record objections and special events, close (locking the totals), reopen only by a later session.
 * Reads are open to viewers; every change is the operator's.
 */
import { z } from 'zod';
import { RegionCode, TpsCode } from '../../domain/types.ts';
import { method } from '../define.ts';
import { ItemPage } from './core.ts';
import { TpsRekap } from './rekap.ts';

const Name = z.string().trim().min(1).max(200);
const Reason = z.string().trim().min(1).max(2000);
const SessionId = z.number().int().min(1);
/** A form field of the C.Hasil-KWK (`IV.2`, `V.A`, `I.B.4.L`). */
const FieldId = z.string().regex(/^[IV]{1,3}\.[A-Z0-9.]{1,20}$/, 'kolom formulir tidak sah');
/** The code of an item walked: kecamatan (6), desa (10) or TPS (13). */
export const ItemCode = z.string().regex(/^(\d{6}|\d{10}|\d{13})$/, 'kode butir harus 6, 10 atau 13 digit');

export const PlenoLevel = z.enum(['kecamatan', 'kabkota']);
export type PlenoLevel = z.infer<typeof PlenoLevel>;

export const PlenoItem = z.object({
  kind: z.enum(['kecamatan', 'desa', 'tps']),
  code: ItemCode,
  name: z.string(),
  /** 1-based position in the walk. */
  position: z.number().int().min(1),
});
export type PlenoItem = z.infer<typeof PlenoItem>;

export const Attendee = z.object({
  role: z.enum(['anggota', 'saksi', 'pengawas']),
  name: z.string(),
  title: z.string().nullable(),
  nomorUrut: z.number().int().min(1).max(6).nullable(),
});
export type Attendee = z.infer<typeof Attendee>;

export const PlenoCorrection = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  electionId: z.number().int(),
  tpsCode: TpsCode,
  fieldId: z.string(),
  oldValue: z.number().int().nullable(),
  newValue: z.number().int(),
  reason: z.string(),
  basis: z.string(),
  actor: z.string(),
  auditId: z.number().int(),
  at: z.string(),
});
export type PlenoCorrection = z.infer<typeof PlenoCorrection>;

export const PlenoNote = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  kind: z.enum(['keberatan', 'kejadian_khusus']),
  itemCode: ItemCode.nullable(),
  raisedBy: z.string(),
  raisedByRole: z.enum(['saksi', 'pengawas', 'anggota', 'lainnya']),
  nomorUrut: z.number().int().nullable(),
  content: z.string(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  at: z.string(),
});
export type PlenoNote = z.infer<typeof PlenoNote>;

export const PlenoLock = z.object({
  id: z.number().int(),
  electionId: z.number().int(),
  regionCode: RegionCode,
  sessionId: z.number().int(),
  reference: z.string(),
  lockedAt: z.string(),
  unlockedAt: z.string().nullable(),
  unlockedBySessionId: z.number().int().nullable(),
});
export type PlenoLock = z.infer<typeof PlenoLock>;

export const PlenoSessionSummary = z.object({
  id: z.number().int(),
  electionId: z.number().int(),
  regionCode: RegionCode,
  regionName: z.string(),
  level: PlenoLevel,
  heldOn: z.string(),
  place: z.string(),
  state: z.enum(['open', 'closed']),
  /** "Sesi pleno #3 Kecamatan Semen" — what locks and documents cite. */
  reference: z.string(),
  currentItem: PlenoItem.nullable(),
  itemCount: z.number().int(),
  openedBy: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  reopensLockId: z.number().int().nullable(),
  reopenReason: z.string().nullable(),
});
export type PlenoSessionSummary = z.infer<typeof PlenoSessionSummary>;

export const PlenoSession = PlenoSessionSummary.extend({
  attendees: z.array(Attendee),
  items: z.array(PlenoItem),
  corrections: z.array(PlenoCorrection),
  notes: z.array(PlenoNote),
  /** Locks this session set (on close) or lifted (reopening). */
  locks: z.array(PlenoLock),
});
export type PlenoSession = z.infer<typeof PlenoSession>;

export const OpenSessionInput = z.object({
  electionId: z.number().int().min(1),
  /** A kecamatan (PPK pleno) or a kab/kota (KPU Kab/Kota pleno) inside the race's region. */
  regionCode: z.string().regex(/^(\d{4}|\d{6})$/, 'wilayah sesi pleno harus kab/kota (4 digit) atau kecamatan (6 digit)'),
  heldOn: z.iso.date(),
  place: z.string().trim().min(1).max(300),
  anggota: z.array(z.object({ name: Name, title: z.string().trim().max(100).optional() }).strict()).min(1).max(20),
  saksi: z.array(z.object({ nomorUrut: z.number().int().min(1).max(6), name: Name }).strict()).max(30).default([]),
  pengawas: z.array(z.object({ name: Name, title: z.string().trim().max(100).optional() }).strict()).max(10).default([]),
  /** Required when the region's totals are locked by an earlier session: why this session reopens them. */
  reopenReason: Reason.optional(),
}).strict();

/** Short Bahasa Indonesia names of the C.Hasil-KWK fields, for the correction form, the projector and the berita acara. */
const FIELD_NAMES: Record<string, string> = {
  'I.A': 'DPT', 'I.B.1': 'Pengguna hak pilih DPT', 'I.B.2': 'Pengguna hak pilih DPTb', 'I.B.3': 'Pengguna hak pilih DPK',
  'I.B.4': 'Jumlah pengguna hak pilih', 'II.1': 'Surat suara diterima', 'II.2': 'Surat suara digunakan',
  'II.3': 'Surat suara rusak/keliru', 'II.4': 'Surat suara tidak digunakan', 'III': 'Pemilih disabilitas',
  'V.A': 'Suara sah', 'V.B': 'Suara tidak sah', 'V.C': 'Jumlah suara sah dan tidak sah',
};
const GENDER: Record<string, string> = { L: 'laki-laki', P: 'perempuan', LP: 'L+P' };

export function plenoFieldLabel(fieldId: string): string {
  const paslon = /^IV\.(\d)$/.exec(fieldId);
  if (paslon) return `Suara paslon ${paslon[1]}`;
  const lp = /^(.*)\.(L|P|LP)$/.exec(fieldId);
  if (lp && FIELD_NAMES[lp[1]!]) return `${FIELD_NAMES[lp[1]!]} (${GENDER[lp[2]!]})`;
  return FIELD_NAMES[fieldId] ?? fieldId;
}

const Count = z.number().int().min(0);

/** Everything the operator's screen shows about one item of the walk. */
export const PlenoItemDetail = z.object({
  sessionId: z.number().int(),
  item: PlenoItem,
  /** The desa of a TPS, the kecamatan of a desa. */
  parentName: z.string().nullable(),
  /** For a TPS: whether its numbers are in the totals. */
  state: z.enum(['verified', 'withheld', 'missing']).nullable(),
  /** The tps_status of a TPS ("needs_review", …); null for a region. */
  status: z.string().nullable(),
  paslon: z.array(z.object({ nomorUrut: z.number().int(), suara: Count })),
  suara: z.object({ sah: Count, tidakSah: Count, total: Count }),
  pengguna: Count,
  dpt: Count,
  tps: z.object({ total: Count, included: Count, missing: Count, withheld: Count }),
  checks: z.array(z.object({
    id: z.string(), label: z.string(), holds: z.boolean(),
    summed: z.object({ left: z.number().int(), right: z.number().int() }).nullable(),
    failingTps: z.array(z.string()),
  })),
  /** A TPS's current form values (whatever its status), in form order, with labels; empty for a region. */
  fields: z.array(z.object({ fieldId: z.string(), label: z.string(), value: z.number().int().nullable() })),
  /** The TPS's current C.Hasil pages, page order. */
  photos: z.array(ItemPage),
  corrections: z.array(PlenoCorrection),
  notes: z.array(PlenoNote),
});
export type PlenoItemDetail = z.infer<typeof PlenoItemDetail>;

export const plenoMethods = {
  listPlenoSessions: method(
    'read',
    z.object({ electionId: z.number().int().min(1).optional(), regionCode: RegionCode.optional() }).strict(),
    z.array(PlenoSessionSummary),
  ),
  getPlenoSession: method('read', z.object({ sessionId: SessionId }).strict(), PlenoSession),
  /** One item of a session's walk (the current one when no code is given): numbers, checks, form values, photos, what was recorded on it. */
  getPlenoItem: method('read', z.object({ sessionId: SessionId, itemCode: ItemCode.optional() }).strict(), PlenoItemDetail),
  openPlenoSession: method('operator', OpenSessionInput, PlenoSession),
  /** Moves the current item: next / previous in the walk, or straight to an item by code. */
  movePlenoItem: method(
    'operator',
    z.object({ sessionId: SessionId, direction: z.enum(['next', 'previous']).optional(), itemCode: ItemCode.optional() })
      .strict()
      .refine((v) => (v.direction === undefined) !== (v.itemCode === undefined), {
        message: 'sebut salah satu: direction (next/previous) atau itemCode',
        path: ['direction'],
      }),
    PlenoSessionSummary,
  ),
  /** Changes one TPS's numbers by pleno decision: every field old → new, one reason, on record. */
  correctPlenoTally: method(
    'operator',
    z.object({
      sessionId: SessionId,
      tpsCode: TpsCode,
      changes: z.array(z.object({ fieldId: FieldId, value: z.number().int().min(0).max(999) }).strict()).min(1).max(60),
      reason: Reason,
      /** The pleno also accepts the whole form: the TPS becomes verified (its numbers enter the totals). */
      verify: z.boolean().default(false),
    }).strict(),
    z.object({ corrections: z.array(PlenoCorrection), tps: TpsRekap }),
  ),
  recordPlenoNote: method(
    'operator',
    z.object({
      sessionId: SessionId,
      kind: z.enum(['keberatan', 'kejadian_khusus']),
      itemCode: ItemCode.nullable(),
      raisedBy: Name,
      raisedByRole: z.enum(['saksi', 'pengawas', 'anggota', 'lainnya']),
      nomorUrut: z.number().int().min(1).max(6).optional(),
      content: z.string().trim().min(1).max(4000),
      decision: z.string().trim().min(1).max(4000).optional(),
    }).strict(),
    PlenoNote,
  ),
  decidePlenoNote: method(
    'operator',
    z.object({ noteId: z.number().int().min(1), decision: z.string().trim().min(1).max(4000) }).strict(),
    PlenoNote,
  ),
  /** Closes the session and locks its region's totals for the race. */
  closePlenoSession: method(
    'operator',
    z.object({ sessionId: SessionId, note: z.string().trim().min(1).max(2000).optional() }).strict(),
    PlenoSession,
  ),
  /** During an open kab/kota session: reopens a kecamatan whose totals an earlier session locked. */
  reopenPlenoLock: method(
    'operator',
    z.object({ sessionId: SessionId, regionCode: RegionCode, reason: Reason }).strict(),
    PlenoLock,
  ),
} as const;
