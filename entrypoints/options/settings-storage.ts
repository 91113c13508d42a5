import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from '../../lib/settings/schema';

/** Settings live in storage.sync under one key, as the background reads them. */
export const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
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

/** Calls back with the parsed settings whenever they change (another window, another device). */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) onChange(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
