/**
 * Local profiles: the minimal roles of issue 4. The operator picks "Operator PPK" (with their kecamatan)
 * or "Operator KPU Kab/Kota" at start; the choice is kept in this device's database (setting
 * `active_profile`), so it survives a restart, and choosing or leaving a profile is itself audited.
 * No password: anyone at the device may pick any profile — acceptable only until real accounts replace
 * this module behind the same `Accounts` interface.
 */
import { Profile, ProfileChoice } from '../../shared/api/methods/accounts.ts';
import { appendAudit } from '../store/queries/audit.ts';
import { getRegion } from '../store/queries/regions.ts';
import { getSettings, readSetting, writeSetting } from '../store/queries/settings.ts';
import type { Store } from '../store/open.ts';
import { profileLabel, regionTitle, ROLE_LABEL } from './labels.ts';
import type { AccountFailure, AccountResult, Accounts, Role } from './types.ts';

const SETTING_KEY = 'active_profile';

export type LocalProfilesOptions = {
  /** The audit name before anyone chose a profile (CLI, tests): 'operator' as before profiles existed. */
  fallbackActor?: string;
  now?: () => Date;
};

export function createLocalProfiles(store: Store, options: LocalProfilesOptions = {}): Accounts {
  const fallbackActor = options.fallbackActor ?? 'operator';
  const now = options.now ?? (() => new Date());

  const current = (): Profile | null => {
    const parsed = Profile.safeParse(readSetting(store, SETTING_KEY));
    return parsed.success ? parsed.data : null;
  };

  const fail = <T>(kind: AccountFailure['kind'], message: string): AccountResult<T> => ({ ok: false, error: { kind, message } });

  const record = (action: string, before: Profile | null, after: Profile | null, actor: string) =>
    appendAudit(store, {
      actor,
      device: getSettings(store).deviceName,
      action,
      entity: 'profile',
      before: before ? { id: before.id, label: before.label } : null,
      after: after ? { id: after.id, label: after.label } : null,
    });

  return {
    current,
    actor: () => current()?.label ?? fallbackActor,

    signIn(rawChoice) {
      const checked = ProfileChoice.safeParse(rawChoice);
      if (!checked.success) return fail('invalid_choice', 'pilihan profil tidak sah');
      const choice = checked.data;
      const region = getRegion(store, choice.regionCode);
      const level = choice.role === 'ppk' ? 'kecamatan' : 'kabkota';
      if (!region || region.level !== level) {
        return fail('invalid_choice', `${ROLE_LABEL[choice.role]} harus memilih ${level === 'kecamatan' ? 'kecamatan' : 'kabupaten/kota'} yang ada`);
      }
      const name = choice.name && choice.name.length > 0 ? choice.name : null;
      const profile: Profile = {
        id: `${choice.role}:${region.code}`,
        role: choice.role,
        regionCode: region.code,
        regionName: region.name,
        name,
        label: profileLabel(choice.role, regionTitle(level, region.code, region.name), name),
        since: now().toISOString(),
      };
      const before = current();
      store.db.transaction(() => {
        writeSetting(store, SETTING_KEY, profile);
        record('profile.sign_in', before, profile, profile.label);
      })();
      return { ok: true, value: profile };
    },

    signOut() {
      const before = current();
      if (!before) return;
      store.db.transaction(() => {
        writeSetting(store, SETTING_KEY, null);
        record('profile.sign_out', before, null, before.label);
      })();
    },

    checkRole(role: Role) {
      const profile = current();
      if (!profile) return fail('no_profile', 'pilih profil operator terlebih dahulu');
      if (profile.role !== role) return fail('wrong_role', `hanya ${ROLE_LABEL[role]} yang boleh melakukan ini`);
      return { ok: true, value: profile };
    },

    checkScope(code: string) {
      const profile = current();
      if (!profile) return fail('no_profile', 'pilih profil operator terlebih dahulu');
      if (!code.startsWith(profile.regionCode)) return fail('out_of_scope', `${code} berada di luar wilayah ${profile.label}`);
      return { ok: true, value: profile };
    },
  };
}
