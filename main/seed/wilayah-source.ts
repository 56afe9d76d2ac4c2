import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/**
 * The app's own copy of the 2024 wilayah data (KPU/Kemendagri codes and names, TPS per desa), shipped
 * gzipped under resources/data. Shape: `{ id2name: { code: name }, tps: { desaCode: [n] | [n, a, b] } }`:
 * TPS 1..n, plus special TPS a..b (numbered from 901) where present.
 */
export const WILAYAH_FILE = 'wilayah-2024.json.gz';

/** resources/ of the app: PLENO_RESOURCES_DIR when set (packaged app), else the source tree's. */
export function resourcesDir(): string {
  const override = process.env.PLENO_RESOURCES_DIR;
  if (override && override.trim() !== '') return override;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
}

export function defaultWilayahPath(): string {
  return path.join(resourcesDir(), 'data', WILAYAH_FILE);
}

/** The wilayah JSON as text (gunzipped when the file ends in .gz), for SQLite's json_each to walk. */
export function readWilayahText(file: string = defaultWilayahPath()): string {
  const bytes = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}
