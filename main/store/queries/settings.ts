import os from 'node:os';
import { Settings } from '../../../shared/api/contract.ts';
import type { Store } from '../open.ts';
import { appendAudit } from './audit.ts';

/**
 * Settings live in the `setting` key/value table as JSON values. Keys that are not in `Settings`
 * (e.g. the home region) are the store's own bookkeeping and are read through their own functions.
 */
type SettingsKey = keyof Settings;
const SETTINGS_KEYS = Object.keys(Settings.shape) as SettingsKey[];

export function getSettings(store: Store): Settings {
  const stored = Object.fromEntries(SETTINGS_KEYS.map((key) => [key, readSetting(store, key)]).filter(([, v]) => v !== undefined));
  return Settings.parse({ ...defaultSettings(), ...stored });
}

/**
 * Saves the given settings and records the change (old → new values of the keys that changed) in the
 * audit log, both in one transaction. Unchanged values write nothing.
 */
export function updateSettings(store: Store, patch: Partial<Settings>, actor: string): Settings {
  const valid = Settings.partial().strict().parse(patch);
  return store.db.transaction(() => {
    const before = getSettings(store);
    const changedKeys = SETTINGS_KEYS.filter((key) => key in valid && valid[key] !== before[key]);
    if (changedKeys.length === 0) return before;
    for (const key of changedKeys) writeSetting(store, key, valid[key]);
    const after = getSettings(store);
    appendAudit(store, {
      actor,
      device: after.deviceName,
      action: 'settings.update',
      entity: 'settings',
      before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
      after: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
    });
    return after;
  })();
}

/** A stored setting's value, or undefined when it was never set. */
export function readSetting(store: Store, key: string): unknown {
  const row = store.db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : JSON.parse(row.value);
}

export function writeSetting(store: Store, key: string, value: unknown): void {
  store.db
    .prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value ?? null));
}

function defaultSettings(): Settings {
  return { updateUrl: null, deviceName: defaultDeviceName() };
}

/** The computer's name, as the audit log's default device. */
function defaultDeviceName(): string {
  const host = os.hostname().trim().slice(0, 80);
  return host.length > 0 ? host : 'Perangkat Pleno';
}
