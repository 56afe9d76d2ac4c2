/**
 * API handlers for a pleno session's documents (shared/api/methods/documents.ts). The D.Hasil is the
 * session's result, so only a closed session (totals locked) yields one; every document handed out is
 * written to the audit log with its hash, so a printed page can be traced to what was generated.
 */
import { ApiError } from '../../shared/api/contract.ts';
import { beritaAcaraOf, getSession, type RekapHolder } from '../pleno/index.ts';
import { sessionDocument } from '../reports/index.ts';
import { appendAudit, getSettings, type Store } from '../store/index.ts';
import type { Handlers } from './types.ts';

export type DocumentHandlerDeps = { store: Store; rekap: RekapHolder; actor: () => string; now: () => Date };

export function createDocumentHandlers(deps: DocumentHandlerDeps): Pick<Handlers, 'getPlenoDocument'> {
  const { store } = deps;
  return {
    getPlenoDocument: async ({ sessionId, kind }) => {
      const found = getSession(store, sessionId);
      if (!found.ok) throw new ApiError('not_found', found.error.message);
      const session = found.value;
      if (kind === 'd-hasil' && session.state !== 'closed') {
        throw new ApiError('conflict', `D.Hasil dibuat dari sesi yang sudah ditutup: tutup dulu ${session.reference}`);
      }
      const generatedAt = deps.now();
      const doc = await sessionDocument(store, deps.rekap.engine(), session, beritaAcaraOf(store, session), kind, generatedAt);
      appendAudit(store, {
        actor: deps.actor(), device: getSettings(store).deviceName, action: 'document.generate', entity: `pleno:${session.id}`,
        after: { kind, fileName: doc.fileName, sha256: doc.sha256, pages: doc.pages, bytes: doc.bytes.length },
      });
      const text = doc.pages === null;
      return {
        kind,
        fileName: doc.fileName,
        mime: doc.mime,
        encoding: text ? 'utf8' : 'base64',
        content: doc.bytes.toString(text ? 'utf8' : 'base64'),
        sha256: doc.sha256,
        pages: doc.pages,
        generatedAt: generatedAt.toISOString(),
      };
    },
  };
}
