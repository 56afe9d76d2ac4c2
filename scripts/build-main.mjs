#!/usr/bin/env node
// `npm run build:main`: bundles the Electron main process and the preload with esbuild.
//
//   main/app/main.ts    → dist/main/electron-main.cjs  (Node, CommonJS; every production dependency and
//                         electron stay external: native modules and wasm load from node_modules)
//   main/app/preload.ts → dist/main/preload.cjs        (sandboxed preload: CommonJS, only 'electron')
//   main/recognition/read/pool-worker.ts → dist/main/recognition-worker.cjs  (the photo readers' worker
//                         threads: the built app has no tsx to run the TypeScript worker with)
//
// The preload must not carry zod or the schemas, so the contract's method and event names are read
// here, at build time, and written into the preload as constants.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The method and event names of shared/api/contract.ts, evaluated from a throw-away bundle. */
export async function readContractNames(root = projectRoot) {
  const out = await esbuild.build({
    entryPoints: [path.join(root, 'shared/api/contract.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { methodNames: [...mod.methodNames], eventNames: [...mod.eventNames] };
}

/**
 * Bundled code loses its own location: `import.meta.url` would be empty in CommonJS. Each module's
 * `import.meta.url` is therefore rewritten to where its source sits relative to the app root, which the
 * bundle (at <root>/dist/main/) computes from its own __dirname. Code such as main/paths.ts that finds
 * the project root or resources/ from its own file keeps working, inside app.asar too.
 */
function importMetaPlugin(root) {
  const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
  return {
    name: 'pleno-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.(m|c)?(t|j)sx?$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const rel = JSON.stringify(path.relative(root, args.path).split(path.sep).join('/'));
        const contents = source
          .replace(/\bimport\.meta\.url\b/g, `__plenoModuleUrl(${rel})`)
          .replace(/\bimport\.meta\.filename\b/g, `__plenoModulePath(${rel})`)
          .replace(/\bimport\.meta\.dirname\b/g, `require('node:path').dirname(__plenoModulePath(${rel}))`);
        return { contents, loader: loaders[path.extname(args.path)] ?? 'js' };
      });
    },
  };
}

/** The banner gives the bundle its app root: the project (or app.asar) that holds dist/, main/, resources/. */
function mainBanner(outDir, root) {
  const up = JSON.stringify(path.relative(outDir, root).split(path.sep).join('/') || '.');
  return [
    '"use strict";',
    `const __plenoAppRoot = require("node:path").join(__dirname, ${up});`,
    'function __plenoModulePath(rel) { return require("node:path").join(__plenoAppRoot, rel); }',
    'function __plenoModuleUrl(rel) { return require("node:url").pathToFileURL(__plenoModulePath(rel)).href; }',
  ].join('\n');
}

const common = (root, minify) => ({ bundle: true, format: 'cjs', minify, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root });

/** The sandboxed preload: a browser context whose `require` knows only 'electron'. */
export async function buildPreload({ root = projectRoot, outDir = path.join(root, 'dist/main'), minify = false } = {}) {
  const { methodNames, eventNames } = await readContractNames(root);
  const preloadFile = path.join(outDir, 'preload.cjs');
  await esbuild.build({
    ...common(root, minify),
    entryPoints: [path.join(root, 'main/app/preload.ts')],
    outfile: preloadFile,
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    define: {
      __PLENO_METHOD_NAMES__: JSON.stringify(methodNames),
      __PLENO_EVENT_NAMES__: JSON.stringify(eventNames),
    },
  });
  return { preloadFile, methodNames, eventNames };
}

/** The recognition worker's bundle name, beside electron-main.cjs. */
const RECOGNITION_WORKER = 'recognition-worker.cjs';

/**
 * The main process and the recognition worker: Node, CommonJS, electron and every production dependency left
 * to node_modules, each module's import.meta rebased on the app root.
 */
export async function buildMainProcess({ root = projectRoot, outDir = path.join(root, 'dist/main'), minify = false } = {}) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nodeBundle = (entry, outfile, define = {}) =>
    esbuild.build({
      ...common(root, minify),
      entryPoints: [path.join(root, entry)],
      outfile,
      platform: 'node',
      target: 'node20',
      external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
      banner: { js: mainBanner(outDir, root) },
      plugins: [importMetaPlugin(root)],
      define,
    });
  const mainFile = path.join(outDir, 'electron-main.cjs');
  const workerFile = path.join(outDir, RECOGNITION_WORKER);
  await Promise.all([
    // The define tells main/recognition/read/pool-reader.ts to start its threads on the bundled worker beside it.
    nodeBundle('main/app/main.ts', mainFile, { __PLENO_WORKER_BUNDLE__: JSON.stringify(RECOGNITION_WORKER) }),
    nodeBundle('main/recognition/read/pool-worker.ts', workerFile),
  ]);
  return { mainFile, workerFile };
}

export async function buildMain(options = {}) {
  const [main, preload] = await Promise.all([buildMainProcess(options), buildPreload(options)]);
  return { ...main, ...preload };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  try {
    const outDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
    const result = await buildMain(outDir ? { outDir } : {});
    const rel = (f) => path.relative(process.cwd(), f);
    console.log(`build:main ${rel(result.mainFile)}, ${rel(result.preloadFile)} (${result.methodNames.length} metode) dalam ${Date.now() - started} ms`);
  } catch (error) {
    console.error(`build:main gagal: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
