/**
 * The files a folder import takes: photos and PDFs anywhere under the folder, in a stable order (by path,
 * numbers compared as numbers, so hal2 comes before hal10). Hidden files and the litter cameras and
 * operating systems leave (Thumbs.db, .DS_Store) are skipped silently; other files are listed as skipped so
 * the operator sees what was not taken.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const IMPORTABLE_EXTENSIONS = ['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.tif', '.tiff', '.pdf', '.heic', '.heif'];

export interface CollectedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the folder, with '/' separators: what the operator sees and the pattern is matched against. */
  name: string;
}

export interface Collected {
  files: CollectedFile[];
  /** Names (relative) of files that are not photos or PDFs. */
  skipped: string[];
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });
const stem = (name: string) => name.replace(/\.[^./]*$/, '');
/** By name without extension first, so `x_hal1.jpg` comes before `x_hal1_salinan.jpg`. */
const byName = (a: string, b: string) => collator.compare(stem(a), stem(b)) || collator.compare(a, b);

export async function collectFiles(folder: string): Promise<Collected> {
  const root = path.resolve(folder);
  const files: CollectedFile[] = [];
  const skipped: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'Thumbs.db' || entry.name === 'desktop.ini') continue;
      const full = path.join(dir, entry.name);
      const name = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        if (IMPORTABLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push({ path: full, name });
        else skipped.push(name);
      }
    }
  }
  await walk(root);
  files.sort((a, b) => byName(a.name, b.name));
  skipped.sort(byName);
  return { files, skipped };
}
