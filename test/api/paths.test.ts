import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appDataDir, dataDir, dbPath } from '../../main/paths.ts';

test('data folder follows Electron userData per platform', () => {
  assert.equal(dataDir({ env: {}, platform: 'linux', home: '/home/ani' }), '/home/ani/.config/Pleno');
  assert.equal(dataDir({ env: { XDG_CONFIG_HOME: '/x/cfg' }, platform: 'linux', home: '/home/ani' }), '/x/cfg/Pleno');
  // a relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored
  assert.equal(dataDir({ env: { XDG_CONFIG_HOME: 'cfg' }, platform: 'linux', home: '/home/ani' }), '/home/ani/.config/Pleno');
  assert.equal(
    dataDir({ env: { APPDATA: 'C:\\Users\\Ani\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\Ani' }),
    'C:\\Users\\Ani\\AppData\\Roaming\\Pleno',
  );
  assert.equal(appDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\Ani' }), 'C:\\Users\\Ani\\AppData\\Roaming');
  assert.equal(dataDir({ env: {}, platform: 'darwin', home: '/Users/ani' }), '/Users/ani/Library/Application Support/Pleno');
});

test('PLENO_DATA_DIR, PLENO_DB and --db override in that order', () => {
  const base = { platform: 'linux' as const, home: '/home/ani', cwd: '/work' };
  assert.equal(dataDir({ ...base, env: { PLENO_DATA_DIR: 'data' } }), '/work/data');
  assert.equal(dbPath({ ...base, env: {} }), '/home/ani/.config/Pleno/pleno.db');
  assert.equal(dbPath({ ...base, env: { PLENO_DATA_DIR: '/d' } }), '/d/pleno.db');
  assert.equal(dbPath({ ...base, env: { PLENO_DATA_DIR: '/d', PLENO_DB: 'x.db' } }), '/work/x.db');
  assert.equal(dbPath({ ...base, env: { PLENO_DB: '/a/x.db' }, cliDb: 'y.db' }), '/work/y.db');
  assert.equal(dbPath({ ...base, env: { PLENO_DB: '  ' } }), '/home/ani/.config/Pleno/pleno.db');
});
