import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../main/store/index.ts';
import { withRelaxedSync } from '../../main/store/relaxed-sync.ts';

const FULL = 2;
const NORMAL = 1;

test('import writes commit without waiting for the disk; every other write is FULL again afterwards, even after a throw', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pleno-relaxed-'));
  const store = openStore(path.join(dir, 'pleno.db'));
  try {
    const level = () => store.db.pragma('synchronous', { simple: true });
    assert.equal(level(), FULL);
    assert.equal(withRelaxedSync(store, () => level()), NORMAL);
    assert.equal(level(), FULL);
    assert.throws(() => withRelaxedSync(store, () => {
      throw new Error('boom');
    }), /boom/);
    assert.equal(level(), FULL);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
