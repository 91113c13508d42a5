import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/settings/schema';
import { readEffectiveSettings, SETTINGS_KEY } from '../../lib/settings/read';
import type { ResolvedSettings } from '../../lib/settings/resolve';

export { SETTINGS_KEY };

/** Effective settings with what the policy locks and the problems it has. */
export function loadResolved(): Promise<ResolvedSettings> {
  return readEffectiveSettings(browser);
}

/** Effective settings: the user's (storage.sync) merged with the organisation's policy (storage.managed). */
export async function loadSettings(): Promise<Settings> {
  return (await loadResolved()).values;
}

/**
 * Writes one setting. The stored object is read and merged rather than replaced, so fields this version
 * does not know (written by a newer version on another device) survive.
 */
export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  const current = stored[SETTINGS_KEY];
  const base = current && typeof current === 'object' ? (current as Record<string, unknown>) : {};
  await browser.storage.sync.set({ [SETTINGS_KEY]: { ...base, [key]: value } });
}

/** Forgets every setting the user made: the organisation's defaults and the built-in ones apply again. */
export async function resetSettings(): Promise<void> {
  await browser.storage.sync.remove(SETTINGS_KEY);
}

/** Calls back with the resolved settings whenever the user's settings or the policy change. */
export function watchResolved(onChange: (settings: ResolvedSettings) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if ((area === 'sync' && SETTINGS_KEY in changes) || area === 'managed') void loadResolved().then(onChange, () => undefined);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Calls back with the effective settings whenever they change (another window, another device, a policy). */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return watchResolved((resolved) => onChange(resolved.values));
}
