import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { ApiErrorBody, methods } from '../../shared/api/contract.ts';
import { startHost, type RunningHost } from '../../main/host/start-host.ts';
import { demoCore, type TestCore } from '../api/demo-core.ts';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw HTTP request, so tests can send the headers a hostile page or a proxy would (Host, Origin). */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function post(base: string, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request(new URL(`/api/${method}`, base).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

function errorBody(reply: Reply): ApiErrorBody {
  return ApiErrorBody.parse(JSON.parse(reply.body));
}

/** Opens the events socket and collects what the server pushes. */
async function openEvents(base: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: { event: string; payload: unknown }[]; next(): Promise<{ event: string; payload: any }> }> {
  const url = new URL('/api/events', base);
  url.protocol = 'ws:';
  const ws = new WebSocket(url, { headers });
  const messages: { event: string; payload: unknown }[] = [];
  const waiters: ((m: { event: string; payload: unknown }) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { event: string; payload: unknown };
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    messages,
    next: () =>
      new Promise((resolve, reject) => {
        const queued = messages.shift();
        if (queued) return resolve(queued as never);
        const timer = setTimeout(() => reject(new Error('no event within 3 s')), 3000);
        waiters.push((m) => {
          clearTimeout(timer);
          resolve(m as never);
        });
      }),
  };
}

function makeRendererDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-renderer-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Pleno</title><script type="module" src="/assets/app-1234.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("pleno")');
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  return dir;
}

// One seeded core for the whole file: seeding Kediri is the slow part, hosts are cheap.
let core: TestCore;
before(() => {
  core = demoCore();
});
after(() => core.close());

describe('HTTP + WebSocket host on loopback (the local operator)', () => {
  let host: RunningHost;
  let rendererDir: string;
  before(async () => {
    rendererDir = makeRendererDir();
    host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir, maxBodyBytes: 4096 });
  });
  after(async () => {
    await host.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  test('reports where it listens; loopback only means no LAN URLs', () => {
    assert.ok(host.port > 0);
    assert.equal(host.url, `http://127.0.0.1:${host.port}/`);
    assert.equal(host.operatorUrl, host.url);
    assert.deepEqual(host.lanUrls, []);
  });

  test('POST /api/<method> answers with the method output, as the operator, face browser', async () => {
    const reply = await post(host.url, 'getAppInfo', {});
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^application\/json/);
    assert.equal(reply.headers['cache-control'], 'no-store');
    const info = methods.getAppInfo.output.parse(JSON.parse(reply.body));
    assert.equal(info.access, 'operator');
    assert.equal(info.face, 'browser');
    const kec = await post(host.url, 'listRegionChildren', { parentCode: '3506' });
    assert.equal(JSON.parse(kec.body).length, 26);
    // an empty body is the empty input
    const empty = await request(new URL('/api/listElections', host.url).href, { method: 'POST' });
    assert.equal(empty.status, 200);
    assert.equal(JSON.parse(empty.body).length, 2);
  });

  test('errors carry ApiErrorBody with the matching status', async () => {
    const invalid = await post(host.url, 'listTps', { regionCode: '3506', limit: 0 });
    assert.equal(invalid.status, 400);
    assert.equal(errorBody(invalid).code, 'invalid_input');
    assert.equal(errorBody(invalid).issues?.[0]?.path, 'limit');
    const unknown = await post(host.url, 'dropTables', {});
    assert.equal(unknown.status, 404);
    assert.equal(errorBody(unknown).code, 'not_found');
    const missing = await post(host.url, 'getRegion', { code: '3599' });
    assert.equal(missing.status, 404);
    const proto = await post(host.url, '__proto__', {});
    assert.equal(proto.status, 404);
    const get = await request(new URL('/api/getAppInfo', host.url).href);
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const badJson = await request(new URL('/api/getAppInfo', host.url).href, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    assert.equal(badJson.status, 400);
    assert.equal(errorBody(badJson).code, 'invalid_input');
    const form = await request(new URL('/api/updateSettings', host.url).href, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(form.status, 415);
    const big = await post(host.url, 'updateSettings', { deviceName: 'x'.repeat(5000) });
    assert.equal(big.status, 413);
    assert.equal(errorBody(big).code, 'invalid_input');
    // the host is still fine afterwards
    assert.equal((await post(host.url, 'getSettings', {})).status, 200);
  });

  test('refuses other host names (DNS rebinding) and cross-site requests', async () => {
    const rebound = await post(host.url, 'getAppInfo', {}, { host: 'attacker.example:80' });
    assert.equal(rebound.status, 403);
    assert.equal(errorBody(rebound).code, 'forbidden');
    const page = await request(host.url, { headers: { host: 'attacker.example' } });
    assert.equal(page.status, 403);
    const crossSite = await post(host.url, 'setProjectorFocus', { electionId: null, regionCode: null }, { origin: 'http://attacker.example' });
    assert.equal(crossSite.status, 403);
    const fetchMeta = await post(host.url, 'getAppInfo', {}, { 'sec-fetch-site': 'cross-site' });
    assert.equal(fetchMeta.status, 403);
    const sameOrigin = await post(host.url, 'getAppInfo', {}, { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' });
    assert.equal(sameOrigin.status, 200);
    const byName = await post(host.url, 'getAppInfo', {}, { host: `localhost:${host.port}` });
    assert.equal(byName.status, 200);
  });

  test('pushes events over the WebSocket to every connected screen', async () => {
    const a = await openEvents(host.url);
    const b = await openEvents(host.url, { origin: `http://127.0.0.1:${host.port}` });
    const focus = await post(host.url, 'setProjectorFocus', { electionId: 1, regionCode: '350602' });
    assert.equal(focus.status, 200);
    for (const client of [a, b]) {
      const message = await client.next();
      assert.equal(message.event, 'projectorChanged');
      assert.deepEqual(message.payload.focus, { electionId: 1, regionCode: '350602' });
      assert.equal(message.payload.election.jenis, 'gubernur');
    }
    await post(host.url, 'updateSettings', { deviceName: 'Laptop PPK Mojo' });
    assert.deepEqual(await a.next(), { event: 'dataChanged', payload: { scope: 'settings', regionCode: null } });
    // what clients send is ignored; the channel stays up
    a.ws.send('{"event":"projectorChanged","payload":{}}');
    await post(host.url, 'setProjectorFocus', { electionId: 2, regionCode: '3506' });
    assert.equal((await a.next()).event, 'projectorChanged');
    a.ws.close();
    b.ws.close();
  });

  test('the events socket refuses cross-site pages, other hosts and other paths', async () => {
    await assert.rejects(openEvents(host.url, { origin: 'http://attacker.example' }), /403/);
    await assert.rejects(openEvents(host.url, { host: 'attacker.example' }), /403/);
    const other = new WebSocket(`ws://127.0.0.1:${host.port}/api/other`);
    await assert.rejects(
      new Promise((resolve, reject) => {
        other.once('open', resolve);
        other.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        other.once('error', reject);
      }),
      /403/,
    );
    const plain = await request(new URL('/api/events', host.url).href);
    assert.equal(plain.status, 426);
  });

  test('serves the built renderer with strict security headers and an SPA fallback', async () => {
    const index = await request(host.url);
    assert.equal(index.status, 200);
    assert.match(index.body, /<title>Pleno<\/title>/);
    assert.match(String(index.headers['content-type']), /^text\/html/);
    const csp = String(index.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${host.port}`));
    assert.match(csp, /img-src 'self' data: blob:/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(index.headers['x-content-type-options'], 'nosniff');
    assert.equal(index.headers['referrer-policy'], 'no-referrer');
    assert.equal(index.headers['x-frame-options'], 'DENY');
    const script = await request(new URL('/assets/app-1234.js', host.url).href);
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.match(String(script.headers['cache-control']), /immutable/);
    const deep = await request(new URL('/proyektor/3506', host.url).href);
    assert.equal(deep.status, 200);
    assert.equal(deep.body, index.body);
    assert.equal((await request(new URL('/assets/missing.js', host.url).href)).status, 404);
    assert.equal((await request(new URL('/.env', host.url).href)).status, 404);
    const head = await request(host.url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal((await request(host.url, { method: 'DELETE' })).status, 405);
    // API responses carry the headers too
    const api = await post(host.url, 'getSettings', {});
    assert.equal(api.headers['x-content-type-options'], 'nosniff');
  });

  test('never serves a file outside the renderer folder', async () => {
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'pleno-secret.txt'), 'rahasia');
    const name = path.basename(rendererDir);
    for (const p of ['/../pleno-secret.txt', '/%2e%2e/pleno-secret.txt', '/assets/..%2f..%2fpleno-secret.txt', `/%2e%2e/${name}/index.html`, '/%00', '/%E0%A4%A']) {
      const reply = await request(`http://127.0.0.1:${host.port}${p}`);
      assert.doesNotMatch(reply.body, /rahasia/, p);
      assert.ok([200, 400, 404].includes(reply.status), `${p} → ${reply.status}`);
      if (reply.status === 200) assert.match(reply.body, /<title>Pleno/, p);
    }
    fs.rmSync(path.join(path.dirname(rendererDir), 'pleno-secret.txt'));
  });
});

describe('host without a built renderer', () => {
  test('answers pages with an Indonesian note telling to run npm run build:renderer; the API still works', async () => {
    const core = demoCore({ seedDemo: false });
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir: path.join(os.tmpdir(), 'pleno-no-such-dir') });
    try {
      for (const p of ['/', '/proyektor']) {
        const page = await request(new URL(p, host.url).href);
        assert.equal(page.status, 503);
        assert.match(page.body, /npm run build:renderer/);
        assert.match(page.body, /belum dibangun/);
        assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      }
      assert.equal((await post(host.url, 'getAppInfo', {})).status, 200);
    } finally {
      await host.close();
      core.close();
    }
  });
});

describe('operator token', () => {
  test('with a token, loopback alone is a viewer; the bearer token makes the operator', async () => {
    const core = demoCore({ seedDemo: false });
    const token = 'a1b2c3d4e5f6';
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir: '/nonexistent', operatorToken: token });
    try {
      assert.equal(host.operatorUrl, `${host.url}?token=${token}`);
      const anonymous = JSON.parse((await post(host.url, 'getAppInfo', {})).body);
      assert.equal(anonymous.access, 'viewer');
      assert.equal((await post(host.url, 'setProjectorFocus', { electionId: null, regionCode: null })).status, 403);
      assert.equal((await post(host.url, 'setProjectorFocus', { electionId: null, regionCode: null }, { authorization: 'Bearer wrong' })).status, 403);
      const operator = await post(host.url, 'setProjectorFocus', { electionId: null, regionCode: null }, { authorization: `Bearer ${token}` });
      assert.equal(operator.status, 200);
    } finally {
      await host.close();
      core.close();
    }
  });
});

/** An address of this machine that is not loopback: connecting to it makes us a "LAN" client. */
function lanAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return undefined;
}

describe('a viewer on the LAN', () => {
  const address = lanAddress();
  test('reads and follows events but cannot operate', { skip: address ? false : 'no non-loopback IPv4 address on this machine' }, async () => {
    const host = await startHost({ api: core.api, port: 0, host: '0.0.0.0', rendererDir: '/nonexistent' });
    try {
      const lanUrl = `http://${address}:${host.port}/`;
      assert.ok(host.lanUrls.includes(lanUrl), `${lanUrl} in ${host.lanUrls.join(', ')}`);
      const info = JSON.parse((await post(lanUrl, 'getAppInfo', {})).body);
      assert.equal(info.access, 'viewer');
      const counts = JSON.parse((await post(lanUrl, 'getStatusSummary', { regionCode: '3506' })).body);
      assert.equal(counts.kecamatan, 26);
      const events = await openEvents(lanUrl);
      const refused = await post(lanUrl, 'setProjectorFocus', { electionId: 1, regionCode: '35' });
      assert.equal(refused.status, 403);
      assert.equal(errorBody(refused).code, 'forbidden');
      const refusedSettings = await post(lanUrl, 'updateSettings', { deviceName: 'diambil alih' });
      assert.equal(refusedSettings.status, 403);
      // the operator, on loopback, changes the projector: the viewer sees it live
      assert.equal((await post(host.url, 'setProjectorFocus', { electionId: 1, regionCode: '3506' })).status, 200);
      const pushed = await events.next();
      assert.equal(pushed.event, 'projectorChanged');
      assert.equal(pushed.payload.election.jenis, 'gubernur');
      events.ws.close();
    } finally {
      await host.close();
    }
  });
});

describe('closing', () => {
  test('close() ends open sockets and stops listening', async () => {
    const listenersBefore = core.api.events.listenerCount();
    const host = await startHost({ api: core.api, port: 0, host: '127.0.0.1', rendererDir: '/nonexistent' });
    const events = await openEvents(host.url);
    const closed = new Promise((resolve) => events.ws.once('close', resolve));
    await host.close();
    await closed;
    await assert.rejects(post(host.url, 'getAppInfo', {}));
    assert.equal(core.api.events.listenerCount(), listenersBefore);
  });
});
