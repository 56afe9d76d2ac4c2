// The app:// protocol handler against a real folder on disk: files served with the right types and
// the CSP, and every way of climbing out of the folder refused.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { handleAppRequest, registerAppScheme } from '../../main/app/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/app/content-security.ts';

let base: string;
let root: string;

before(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'pleno-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Pleno</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("pleno")');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(root, 'assets', 'digits.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(path.join(root, 'assets', 'nama file.json'), '{"ok":true}');
  // Secrets beside the served folder, and a symlink inside it pointing at them.
  writeFileSync(path.join(base, 'secret.txt'), 'rahasia');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
after(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handleAppRequest(root, new Request(url, { method }));

describe('app:// protocol', () => {
  test('registers app as a standard, secure, fetch-capable scheme', () => {
    const seen: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => seen.push(...s) });
    assert.deepEqual(seen, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  test('serves index.html for the root with the strict CSP', async () => {
    for (const url of ['app://pleno/', 'app://pleno/index.html', 'app://pleno/index.html#/projector']) {
      const res = await get(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(await res.text(), /<title>Pleno<\/title>/);
    }
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/);
  });

  test('serves assets with their MIME types and no CSP on non-HTML', async () => {
    const cases: Array<[string, string]> = [
      ['assets/app.js', 'text/javascript; charset=utf-8'],
      ['assets/app.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/font.woff2', 'font/woff2'],
      ['assets/digits.wasm', 'application/wasm'],
      ['assets/nama%20file.json', 'application/json; charset=utf-8'],
    ];
    for (const [file, type] of cases) {
      const res = await get(`app://pleno/${file}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('content-type'), type, file);
      assert.equal(res.headers.get('content-security-policy'), null, file);
    }
    assert.equal(await (await get('app://pleno/assets/app.js')).text(), 'console.log("pleno")');
  });

  test('HEAD has headers and no body; other methods are refused', async () => {
    const head = await get('app://pleno/assets/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '20');
    assert.equal(await head.text(), '');
    assert.equal((await get('app://pleno/index.html', 'POST')).status, 405);
  });

  test('refuses every path traversal', async () => {
    const attempts = [
      'app://pleno/..%2fsecret.txt',
      'app://pleno/assets/..%2f..%2fsecret.txt',
      'app://pleno/%2e%2e%2fsecret.txt',
      'app://pleno/..%5csecret.txt',
      'app://pleno/assets%5c..%5c..%5csecret.txt',
      'app://pleno/%252e%252e/secret.txt',
      'app://pleno/assets/app.js%00.html',
      'app://pleno/assets/link.txt',
      'app://pleno/../renderer-evil.txt',
      'app://pleno/%2e%2e/renderer-evil.txt',
      'app://pleno/assets/%E0%A4%A',
    ];
    for (const url of attempts) {
      const res = await get(url);
      assert.ok(res.status === 400 || res.status === 404, `${url} → ${res.status}`);
      const text = await res.text();
      assert.doesNotMatch(text, /rahasia|shared prefix/, url);
    }
  });

  test('only the pleno host is served; missing files are 404', async () => {
    assert.equal((await get('app://other/index.html')).status, 404);
    assert.equal((await get('app://pleno/assets/none.js')).status, 404);
    assert.equal((await get('app://pleno/assets')).status, 404);
  });
});
