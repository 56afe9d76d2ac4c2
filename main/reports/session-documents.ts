/**
 * The documents of one pleno session, from the store and the rekap engine: D.Hasil with the session's berita
 * acara, progress, discrepancies, CSV, KPU JSON. What the API's getPlenoDocument hands out, one file each.
 */
import crypto from 'node:crypto';
import type { PlenoSession } from '../../shared/api/methods/pleno.ts';
import type { RekapEngine, RekapResult } from '../rekap/index.ts';
import { getSettings, type Store } from '../store/index.ts';
import { renderDHasilPdf } from './d-hasil-pdf.ts';
import { renderDiscrepancyReportPdf } from './discrepancy-pdf.ts';
import { exportRekapCsv } from './export-csv.ts';
import { exportKpuJson } from './export-kpu-json.ts';
import { renderProgressReportPdf } from './progress-pdf.ts';
import {
  discrepancyTpsFromEngine, photoHashesFromStore, progressRowsFromStore, reportElectionFromStore, reportRegionFromStore, tpsUpdatedAtFromStore,
} from './store-inputs.ts';
import type { BeritaAcara } from './types.ts';

export type SessionDocumentKind = 'd-hasil' | 'progress' | 'discrepancy' | 'csv' | 'kpu-json';

export type SessionDocument = {
  fileName: string;
  mime: string;
  bytes: Buffer;
  /** PDFs: the data hash printed in the footer; exports: sha256 of the bytes. */
  sha256: string;
  pages: number | null;
};

const value = <T>(r: RekapResult<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** "d-hasil-kecamatan-350601-sesi-3.pdf": sortable, no spaces, names the session. */
function fileName(kind: SessionDocumentKind, session: PlenoSession, ext: string): string {
  const what = kind === 'd-hasil' ? `d-hasil-${session.level === 'kecamatan' ? 'kecamatan' : 'kabkota'}` : kind === 'kpu-json' ? 'kpu' : kind === 'csv' ? 'rekap' : `laporan-${kind === 'progress' ? 'kemajuan' : 'selisih'}`;
  return `${what}-${session.regionCode}-sesi-${session.id}.${ext}`;
}

export async function sessionDocument(
  store: Store, engine: RekapEngine, session: PlenoSession, beritaAcara: BeritaAcara, kind: SessionDocumentKind, generatedAt: Date,
): Promise<SessionDocument> {
  const code = session.regionCode;
  const electionId = session.electionId;
  const region = reportRegionFromStore(store, code);
  const race = reportElectionFromStore(store, electionId);
  if (!region || !race) throw new Error(`sessionDocument: wilayah ${code} atau pemilihan ${electionId} tidak ada`);
  const { election, paslon } = race;
  const device = getSettings(store).deviceName;
  const pdf = (r: { pdf: Buffer; sha256: string; pages: number }): SessionDocument =>
    ({ fileName: fileName(kind, session, 'pdf'), mime: 'application/pdf', bytes: r.pdf, sha256: r.sha256, pages: r.pages });

  switch (kind) {
    case 'd-hasil':
      return pdf(await renderDHasilPdf({
        level: session.level, region, election, paslon,
        totals: value(engine.getTotals(code, electionId)),
        rows: value(engine.getChildTotals(code, electionId)),
        checks: value(engine.getChecks(code, electionId)),
        beritaAcara, device, generatedAt,
      }));
    case 'progress':
      return pdf(await renderProgressReportPdf({ region, election, rows: progressRowsFromStore(store, code, electionId), device, generatedAt }));
    case 'discrepancy': {
      const checks = value(engine.getChecks(code, electionId));
      return pdf(await renderDiscrepancyReportPdf({ region, election, paslon, checks, tps: discrepancyTpsFromEngine(store, engine, checks), device, generatedAt }));
    }
    case 'csv': {
      const bytes = Buffer.from(exportRekapCsv({
        paslon, rows: value(engine.getChildTotals(code, electionId)), totals: value(engine.getTotals(code, electionId)),
      }), 'utf8');
      return { fileName: fileName(kind, session, 'csv'), mime: 'text/csv;charset=utf-8', bytes, sha256: sha256(bytes), pages: null };
    }
    case 'kpu-json': {
      // one file for a download: every TPS's KPU document under its path, as the tree would hold it
      const entries = exportKpuJson(engine, code, electionId, {
        photos: photoHashesFromStore(store, code, electionId), updatedAt: tpsUpdatedAtFromStore(store, code, electionId),
      });
      const bundle = {
        wilayah: code, pemilihan: election.name, sesi: session.reference, dibuat: generatedAt.toISOString(), perangkat: device,
        tps: Object.fromEntries(entries.map((e) => [e.path, e.document])),
      };
      const bytes = Buffer.from(`${JSON.stringify(bundle, null, 1)}\n`, 'utf8');
      return { fileName: fileName(kind, session, 'json'), mime: 'application/json', bytes, sha256: sha256(bytes), pages: null };
    }
  }
}
