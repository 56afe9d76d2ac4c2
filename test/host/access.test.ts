import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import {
  accessForRemote,
  hostnameOfHostHeader,
  isLoopbackAddress,
  isSameOriginRequest,
  makeHostAllowList,
} from '../../main/host/access.ts';
import { lanAddresses, localUrl } from '../../main/host/lan.ts';
import { contentSecurityPolicy } from '../../main/host/security-headers.ts';

test('only loopback addresses are the local operator', () => {
  for (const a of ['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1']) {
    assert.equal(isLoopbackAddress(a), true, a);
    assert.equal(accessForRemote(a), 'operator', a);
  }
  for (const a of ['192.168.1.20', '10.0.0.5', '::ffff:192.168.1.20', 'fe80::1', '0.0.0.0', '128.0.0.1', '', undefined]) {
    assert.equal(accessForRemote(a), 'viewer', String(a));
  }
});

test('Host header parsing', () => {
  assert.equal(hostnameOfHostHeader('localhost:8417'), 'localhost');
  assert.equal(hostnameOfHostHeader('LOCALHOST'), 'localhost');
  assert.equal(hostnameOfHostHeader('[::1]:8417'), '::1');
  assert.equal(hostnameOfHostHeader('192.168.1.20:80'), '192.168.1.20');
  assert.equal(hostnameOfHostHeader('[::1'), null);
  assert.equal(hostnameOfHostHeader('[zz]:1'), null);
  assert.equal(hostnameOfHostHeader('evil.com:80:90'), null);
  assert.equal(hostnameOfHostHeader('a b'), null);
  assert.equal(hostnameOfHostHeader(undefined), null);
});

test('DNS rebinding: only IP literals, localhost and this machine’s own name pass', () => {
  const allowed = makeHostAllowList(['pleno.kpu-kediri.lan']);
  for (const h of ['127.0.0.1:8417', 'localhost:8417', '[::1]:8417', '192.168.1.20:8417', 'app.localhost', 'pleno.kpu-kediri.lan', os.hostname()]) {
    assert.equal(allowed(h), true, h);
  }
  for (const h of ['evil.example.com:8417', 'localhost.evil.com', undefined, '', '127.0.0.1.nip.io']) {
    assert.equal(allowed(h), false, String(h));
  }
});

test('cross-origin requests are refused, non-browser clients pass', () => {
  const host = '127.0.0.1:8417';
  assert.equal(isSameOriginRequest({ host }), true);
  assert.equal(isSameOriginRequest({ host, origin: 'http://127.0.0.1:8417' }), true);
  assert.equal(isSameOriginRequest({ host, origin: 'http://127.0.0.1:8417', 'sec-fetch-site': 'same-origin' }), true);
  assert.equal(isSameOriginRequest({ host, origin: 'http://evil.example.com' }), false);
  assert.equal(isSameOriginRequest({ host, origin: 'http://127.0.0.1:9999' }), false);
  assert.equal(isSameOriginRequest({ host, origin: 'null' }), false);
  assert.equal(isSameOriginRequest({ host, origin: 'not a url' }), false);
  assert.equal(isSameOriginRequest({ host, 'sec-fetch-site': 'cross-site' }), false);
  assert.equal(isSameOriginRequest({ host, 'sec-fetch-site': 'same-site' }), false);
  assert.equal(isSameOriginRequest({ origin: 'http://127.0.0.1:8417' }), false);
});

test('LAN addresses: wildcard lists external IPv4, loopback none, a specific address itself', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
    wlan0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
  } as unknown as NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  assert.deepEqual(lanAddresses('0.0.0.0', interfaces), ['192.168.1.20', '10.0.0.7']);
  assert.deepEqual(lanAddresses('127.0.0.1', interfaces), []);
  assert.deepEqual(lanAddresses('localhost', interfaces), []);
  assert.deepEqual(lanAddresses('192.168.1.20', interfaces), ['192.168.1.20']);
  assert.equal(localUrl('0.0.0.0', 8417), 'http://127.0.0.1:8417/');
  assert.equal(localUrl('::1', 8417), 'http://[::1]:8417/');
});

test('CSP allows the WebSocket only back to the page’s own host and never injects odd text', () => {
  const csp = contentSecurityPolicy('127.0.0.1:8417');
  assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:8417;/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /img-src 'self' data: blob:/);
  assert.doesNotMatch(csp, /unsafe/);
  assert.match(contentSecurityPolicy('x;script-src *'), /connect-src 'self';/);
});
