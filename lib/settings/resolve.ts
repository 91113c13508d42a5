import { z } from 'zod';
import { defaultOf, parseSetting, Settings, SETTING_KEYS, type SettingKey, type Settings as SettingsValues } from './schema';

/**
 * Effective settings: built-in defaults < policy defaults < the user's settings (storage.sync) < locked
 * policy values.
 *
 * The policy (storage.managed: Chrome/Edge policy `3rdparty.extensions.<id>`, Firefox policies.json
 * `3rdparty.Extensions.<id>`) is flat: every setting is a top-level key whose value is a default the user
 * may change, and `lockedSettings` lists the settings the user may not change. A locked setting takes the
 * policy's value, or the built-in default when the policy gives none (or an invalid one). Flat on purpose:
 * Chrome drops a whole top-level policy value when any part of it fails the schema, so one key per setting
 * keeps one bad value from taking the others with it.
 */
export const LOCKED_KEY = 'lockedSettings';

export interface PolicyProblem {
  /** The policy key: a setting, `lockedSettings`, or an unknown key. */
  key: string;
  /** Why the value was ignored, in English (zod's message). */
  reason: string;
}

export interface ResolvedSettings {
  values: SettingsValues;
  /** Settings the user may not change. */
  locked: ReadonlySet<SettingKey>;
  /** Settings whose value comes from a policy default (the user has not changed them). */
  fromPolicy: ReadonlySet<SettingKey>;
  /** Policy values that were ignored, one entry each. */
  policyProblems: PolicyProblem[];
}

/**
 * Parses one policy value. A list with some bad entries keeps the good ones: each bad entry is one problem.
 */
function parsePolicyValue(key: SettingKey, value: unknown, problems: PolicyProblem[]): { value: unknown } | null {
  const parsed = parseSetting(key, value);
  if (parsed.ok) return { value: parsed.value };
  const schema = Settings.shape[key].unwrap();
  if (Array.isArray(value) && schema instanceof z.ZodArray) {
    const element = schema.element as z.ZodType;
    const kept = value.filter((item, i) => {
      const one = element.safeParse(item);
      if (!one.success) problems.push({ key: `${key}[${i}]`, reason: one.error.issues[0]?.message ?? 'invalid' });
      return one.success;
    });
    const again = parseSetting(key, kept);
    if (again.ok) return { value: again.value };
  }
  problems.push({ key, reason: parsed.reason });
  return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Pure: merges the stored user settings and the policy into effective settings. */
export function resolveSettings({ user, policy }: { user: unknown; policy: unknown }): ResolvedSettings {
  const userRecord = isRecord(user) ? user : {};
  const policyRecord = isRecord(policy) ? policy : {};
  const problems: PolicyProblem[] = [];
  const known = new Set<string>([...SETTING_KEYS, LOCKED_KEY]);
  for (const key of Object.keys(policyRecord)) {
    if (!known.has(key)) problems.push({ key, reason: 'not a setting of this extension' });
  }

  const locked = new Set<SettingKey>();
  const lockList = policyRecord[LOCKED_KEY];
  if (lockList !== undefined) {
    if (!Array.isArray(lockList)) problems.push({ key: LOCKED_KEY, reason: 'must be a list of setting names' });
    else {
      for (const name of lockList) {
        if (typeof name === 'string' && (SETTING_KEYS as string[]).includes(name)) locked.add(name as SettingKey);
        else problems.push({ key: LOCKED_KEY, reason: `${JSON.stringify(name)} is not a setting name` });
      }
    }
  }

  const values: Record<string, unknown> = {};
  const fromPolicy = new Set<SettingKey>();
  for (const key of SETTING_KEYS) {
    const policyValue = key in policyRecord ? parsePolicyValue(key, policyRecord[key], problems) : null;
    if (key in policyRecord && !policyValue && locked.has(key)) {
      problems.push({ key, reason: 'locked at the built-in default, as the policy value is invalid' });
    }
    if (locked.has(key)) {
      values[key] = policyValue ? policyValue.value : defaultOf(key);
      continue;
    }
    const userValue = key in userRecord ? parseSetting(key, userRecord[key]) : null;
    if (userValue?.ok) values[key] = userValue.value;
    else if (policyValue) {
      values[key] = policyValue.value;
      fromPolicy.add(key);
    } else values[key] = defaultOf(key);
  }
  return { values: values as SettingsValues, locked, fromPolicy, policyProblems: problems };
}
