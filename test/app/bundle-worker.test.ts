// The built app has no tsx: its photo readers run the bundled worker (dist/main/recognition-worker.cjs)
// that build:main writes beside the main bundle. This starts that bundle in a real worker thread and reads
// a real photo with it, as the packaged app would.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Piscina from 'piscina';
// @ts-expect-error — plain ESM build script without type declarations
import { buildMainProcess } from '../../scripts/build-main.mjs';
import type { PageReading } from '../../shared/recognition/reading.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const photo = path.join(root, '..', 'shared', 'photos', 'netgrit-ppwp-hal2-a.jpg');
let outDir: string;
let built: { mainFile: string; workerFile: string };

before(async () => {
  // Inside the project so the bundle resolves node_modules exactly as from dist/main.
  outDir = mkdtempSync(path.join(root, 'dist', 'test-worker-'));
  built = await buildMainProcess({ outDir });
});

after(() => rmSync(outDir, { recursive: true, force: true }));

test('the bundled recognition worker reads a real photo without tsx', async () => {
  assert.equal(path.dirname(built.workerFile), outDir, 'the worker sits beside the main bundle');
  assert.match(readFileSync(built.mainFile, 'utf8'), /recognition-worker\.cjs/, 'the main bundle starts its readers on it');
  const pool = new Piscina<{ file: string }, PageReading[]>({ filename: pathToFileURL(built.workerFile).href, maxThreads: 1, execArgv: [] });
  try {
    const [reading] = await pool.run({ file: photo });
    assert.equal(reading?.template, 'netgrit-ppwp-hal2');
    assert.notEqual(reading?.verdict, 'unregistered');
  } finally {
    await pool.destroy();
  }
});
