/**
 * What the operator gave us, as files with the names the import should see: picked files, a picked folder
 * (`webkitRelativePath`), or whatever was dropped — loose files and whole folders, walked with
 * `webkitGetAsEntry` (a dropped folder keeps its own name in front: `kpps/3506…_hal1.jpg`, so folder
 * patterns still match). Files that are neither photos nor PDFs are left out and listed.
 */

/** The same list the desktop app's folder import takes (main/intake/collect-files.ts). */
const IMPORTABLE = ['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.tif', '.tiff', '.pdf', '.heic', '.heif'];
/** Litter cameras and operating systems leave in folders: skipped silently. */
const LITTER = new Set(['thumbs.db', 'desktop.ini']);

export interface NamedFile {
  file: File;
  /** The file name, or its path inside a picked/dropped folder ('/' separated). */
  name: string;
}

export interface Picked {
  files: NamedFile[];
  skipped: string[];
}

const extOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};
const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });
const stem = (name: string) => name.replace(/\.[^./]*$/, '');
/** As the folder import orders files: by name without extension first, so `x_hal1.jpg` comes before `x_hal1 (salinan).jpg`. */
const byName = (a: string, b: string) => collator.compare(stem(a), stem(b)) || collator.compare(a, b);

export function sortPicked(entries: NamedFile[], skipped: string[] = []): Picked {
  const files: NamedFile[] = [];
  const left = [...skipped];
  for (const entry of entries) {
    const b = base(entry.name);
    if (b.startsWith('.') || LITTER.has(b.toLowerCase())) continue;
    if (IMPORTABLE.includes(extOf(b))) files.push(entry);
    else left.push(entry.name);
  }
  files.sort((a, b) => byName(a.name, b.name));
  return { files, skipped: left.sort(byName) };
}

/** From an `<input type=file>` (multiple, or webkitdirectory: names keep the folder path). */
export function fromInput(list: FileList | null): Picked {
  return sortPicked([...(list ?? [])].map((file) => ({ file, name: file.webkitRelativePath || file.name })));
}

/** From a drop: every item, folders walked to the bottom. */
export async function fromDrop(transfer: DataTransfer): Promise<Picked> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return fromInput(transfer.files); // no entry API: files only
  const out: NamedFile[] = [];
  for (const entry of entries as FileSystemEntry[]) await walk(entry, out);
  return sortPicked(out);
}

async function walk(entry: FileSystemEntry, out: NamedFile[]): Promise<void> {
  const name = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, name });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a folder in pieces (about 100 at a time): read until it answers empty
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}
