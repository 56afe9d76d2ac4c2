// The real renderer build (dist/renderer, from `npm run build:renderer`; npm test builds it first)
// served through the app:// handler: every file the page references loads with a type Chromium
// accepts, and the page has nothing the strict CSP would block (inline script, style, handlers).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { handleAppRequest } from '../../main/app/app-protocol.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');
const built = existsSync(path.join(rendererDir, 'index.html'));

test('the built renderer loads over app:// under the strict CSP', { skip: built ? false : 'dist/renderer not built' }, async () => {
  const index = await handleAppRequest(rendererDir, new Request('app://pleno/index.html'));
  assert.equal(index.status, 200);
  const html = await index.text();

  const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs]) => !/\bsrc=/.test(attrs!));
  assert.deepEqual(inlineScripts.map((m) => m[0]), [], 'no inline <script>');
  assert.doesNotMatch(html, /<style\b/i, 'no inline <style>');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style attributes');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'nothing from other hosts');

  const refs = [...html.matchAll(/\s(?:src|href)="([^"#]+)"/g)].map((m) => m[1]!);
  assert.ok(refs.some((r) => r.endsWith('.js')), 'the page has a script');
  const expected: Record<string, RegExp> = { '.js': /^text\/javascript/, '.css': /^text\/css/, '.svg': /^image\/svg\+xml/ };
  for (const ref of refs) {
    const url = new URL(ref, 'app://pleno/index.html').href;
    const res = await handleAppRequest(rendererDir, new Request(url));
    assert.equal(res.status, 200, url);
    const ext = path.extname(new URL(url).pathname);
    if (expected[ext]) assert.match(res.headers.get('content-type') ?? '', expected[ext]!, url);
    assert.equal(Buffer.from(await res.arrayBuffer()).length, readFileSync(path.join(rendererDir, decodeURIComponent(new URL(url).pathname))).length);
  }
});
