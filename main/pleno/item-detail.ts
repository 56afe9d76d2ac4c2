/**
 * One item of a session's walk as the operator's screen shows it: the rekap engine's numbers and checks for
 * the desa / TPS / kecamatan, a TPS's current form values (any status: the pleno may correct and accept a TPS
 * that review left open), its C.Hasil photos, and the corrections and notes already recorded on it.
 */
import { plenoFieldLabel, type PlenoItemDetail } from '../../shared/api/methods/pleno.ts';
import type { Store } from '../store/index.ts';
import { sessionItems } from './items.ts';
import { listCorrections, listNotes, regionName, sessionRow } from './read.ts';
import type { RekapHolder } from './rekap-holder.ts';
import { fail, ok, type PlenoResult } from './result.ts';

export function itemDetail(store: Store, rekap: RekapHolder, sessionId: number, itemCode?: string): PlenoResult<PlenoItemDetail> {
  const row = sessionRow(store, sessionId);
  if (!row) return fail('not_found', `sesi pleno tidak ditemukan: ${sessionId}`, 'sessionId');
  const code = itemCode ?? row.current_item;
  const item = sessionItems(store, row.level, row.region_code).find((i) => i.code === code);
  if (!item) return fail(itemCode ? 'invalid' : 'not_found', `butir ${code ?? '—'} tidak ada dalam sesi pleno #${row.id}`, 'itemCode');
  const engine = rekap.engine();
  const electionId = row.election_id;
  const totals = engine.getTotals(item.code, electionId);
  if (!totals.ok) return fail('conflict', totals.error.message);
  const checks = engine.getChecks(item.code, electionId, { limit: 10 });
  const t = totals.value;
  const isTps = item.kind === 'tps';
  const parentCode = isTps ? item.code.slice(0, 10) : item.kind === 'desa' ? item.code.slice(0, 6) : null;

  let fields: PlenoItemDetail['fields'] = [];
  let photos: PlenoItemDetail['photos'] = [];
  let status: string | null = null;
  if (isTps) {
    const ids = engine.fieldIds(electionId);
    const values = new Map((store.db.prepare('SELECT field_id, value FROM tally_value WHERE election_id = ? AND tps_code = ?')
      .all(electionId, item.code) as { field_id: string; value: number }[]).map((r) => [r.field_id, r.value]));
    // the master-data DPT columns are not on the form: nobody corrects them in a pleno
    fields = (ids.ok ? ids.value : []).filter((id) => !id.startsWith('DPT.'))
      .map((fieldId) => ({ fieldId, label: plenoFieldLabel(fieldId), value: values.get(fieldId) ?? null }));
    photos = store.db.prepare(`SELECT id AS sheetId, blob_sha256 AS sha256, halaman FROM sheet WHERE tps_code = ? AND election_id = ? AND replaced_by IS NULL
      ORDER BY coalesce(halaman, 9), id`).all(item.code, electionId) as PlenoItemDetail['photos'];
    status = (store.db.prepare('SELECT status FROM tps_status WHERE election_id = ? AND tps_code = ?').pluck().get(electionId, item.code) as string | undefined) ?? 'no_chasil';
  }
  const inItem = (c: string | null) => c !== null && c.startsWith(item.code);
  return ok({
    sessionId: row.id,
    item,
    parentName: parentCode ? regionName(store, parentCode) : null,
    state: isTps ? (t.tps.included ? 'verified' : t.tps.withheld ? 'withheld' : 'missing') : null,
    status,
    paslon: t.paslon,
    suara: t.suara,
    pengguna: t.pengguna.total.lp,
    dpt: t.dptTerdaftar.wilayah.lp,
    tps: t.tps,
    checks: checks.ok
      ? checks.value.checks.map((c) => ({ id: c.id, label: c.label, holds: c.holds, summed: c.summed, failingTps: c.failingTps }))
      : [],
    fields,
    photos,
    corrections: listCorrections(store, { sessionId: row.id }).filter((c) => inItem(c.tpsCode)),
    notes: listNotes(store, row.id).filter((n) => inItem(n.itemCode)),
  });
}
