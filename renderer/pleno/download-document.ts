/** Saves a document the API returned (PDF as base64, exports as UTF-8 text) as a file download. */
import type { PlenoDocument } from '../../shared/api/contract.ts';

export function downloadDocument(doc: PlenoDocument): void {
  const body = doc.encoding === 'base64' ? Uint8Array.from(atob(doc.content), (c) => c.charCodeAt(0)) : doc.content;
  const url = URL.createObjectURL(new Blob([body], { type: doc.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = doc.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the download started with the click; the URL may go once the event loop moves on
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
