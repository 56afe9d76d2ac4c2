// The built app has no tsx: its photo readers run the bundled worker (dist/main/recognition-worker.cjs)
// that build:main writes beside the main bundle. This starts that bundle in a real worker thread and reads
// a real photo with it, as the packaged app would.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import sharp from 'sharp';
// @ts-expect-error — plain ESM build script without type declarations
import { buildMainProcess } from '../../scripts/build-main.mjs';
import { getTemplate } from '../../main/recognition/templates/loader.ts';
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

test('the bundled recognition worker reads a real photo without tsx, and renders its review page', async () => {
  assert.equal(path.dirname(built.workerFile), outDir, 'the worker sits beside the main bundle');
  assert.match(readFileSync(built.mainFile, 'utf8'), /recognition-worker\.cjs/, 'the main bundle starts its readers on it');
  const pool = new Piscina<object, unknown>({ filename: pathToFileURL(built.workerFile).href, maxThreads: 1, execArgv: [] });
  try {
    const [reading] = (await pool.run({ file: photo })) as PageReading[];
    assert.equal(reading?.template, 'netgrit-ppwp-hal2');
    assert.notEqual(reading?.verdict, 'unregistered');
    // The review screen's page image comes from the same bundle (main/review/page-render-pool.ts).
    assert.match(readFileSync(built.mainFile, 'utf8'), /rectifiedPageTask/, 'the main bundle asks it for page images');
    const page = (await pool.run({ file: photo, blobPage: 1, templateId: 'netgrit-ppwp-hal2' }, { name: 'rectifiedPageTask' })) as Uint8Array | null;
    const meta = page && (await sharp(page).metadata());
    const canonical = getTemplate('netgrit-ppwp-hal2')?.canonical;
    assert.deepEqual([meta?.format, meta?.width, meta?.height], ['jpeg', canonical?.width, canonical?.height]);
  } finally {
    await pool.destroy();
  }
});
