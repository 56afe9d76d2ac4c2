/**
 * Pleno's result documents (D.Hasil Kecamatan / Kab-Kota, progress, discrepancies) and exports (CSV,
 * KPU-shaped JSON per TPS). See README.md for inputs, the footer hash and the export formats.
 */
export { renderDHasilPdf, dHasilTitle } from './d-hasil-pdf.ts';
export { renderProgressReportPdf, sumProgress, type ProgressInput } from './progress-pdf.ts';
export { renderDiscrepancyReportPdf, explainAtTps, type DiscrepancyInput, type DiscrepancyTps } from './discrepancy-pdf.ts';
export { exportRekapCsv, CSV_SEPARATOR, type CsvInput } from './export-csv.ts';
export {
  exportKpuJson, kpuTpsDocument, kpuPath, kpuTimestamp, writeKpuJsonFiles,
  type KpuTpsDocument, type KpuAdministrasi, type KpuExportEntry, type KpuExportOptions,
} from './export-kpu-json.ts';
export {
  reportRegionFromStore, reportElectionFromStore, tpsNamesFromStore, photoHashesFromStore, progressRowsFromStore,
  discrepancyTpsFromEngine, tpsUpdatedAtFromStore, type ProgressRow,
} from './store-inputs.ts';
export { hashDocumentData } from './document-hash.ts';
export { formatNumber, formatPercent, formatDate, formatDateTime } from './format.ts';
export type * from './types.ts';
export { sessionDocument, type SessionDocument, type SessionDocumentKind } from './session-documents.ts';
