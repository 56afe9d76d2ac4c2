/**
 * The result documents of a pleno session, one call each: D.Hasil (kecamatan or kab/kota, with the session's
 * berita acara), the progress report, the discrepancy report (every failing check), the rekap as CSV and the
 * per-TPS KPU-shaped JSON. The file comes back whole (PDF as base64, text as UTF-8) with the name to save it
 * under; PDFs also carry the data hash printed in their footer.
 */
import { z } from 'zod';
import { method } from '../define.ts';

export const PlenoDocumentKind = z.enum(['d-hasil', 'progress', 'discrepancy', 'csv', 'kpu-json']);
export type PlenoDocumentKind = z.infer<typeof PlenoDocumentKind>;

export const PlenoDocument = z.object({
  kind: PlenoDocumentKind,
  fileName: z.string(),
  mime: z.string(),
  encoding: z.enum(['base64', 'utf8']),
  content: z.string(),
  /** PDFs: sha256 of the rendered data, printed in the footer; exports: sha256 of the file. */
  sha256: z.string(),
  /** PDFs: page count; null for exports. */
  pages: z.number().int().nullable(),
  generatedAt: z.string(),
});
export type PlenoDocument = z.infer<typeof PlenoDocument>;

export const documentMethods = {
  /** D.Hasil needs a closed session (its totals locked); the reports and exports may be taken at any time. */
  getPlenoDocument: method(
    'operator',
    z.object({ sessionId: z.number().int().min(1), kind: PlenoDocumentKind }).strict(),
    PlenoDocument,
  ),
} as const;
