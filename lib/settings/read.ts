import type { WxtBrowser } from 'wxt/browser';
import { resolveSettings, type ResolvedSettings } from './resolve';

/** User settings live in storage.sync under this one key. */
export const SETTINGS_KEY = 'settings';
/** The last policy read, in storage.local: a worker start uses it while storage.managed is still slow. */
export const POLICY_CACHE_KEY = 'policyCache';

type Browserish = Pick<WxtBrowser, 'storage'>;

/**
 * The policy (storage.managed), or `{}` where there is none: Firefox without a policies.json entry and
 * fake browsers throw, Chrome without a managed_schema or a policy answers `{}`.
 */
export async function readPolicy(browser: Browserish): Promise<Record<string, unknown>> {
  try {
    const managed = browser.storage.managed as { get?: (keys: null) => Promise<Record<string, unknown>> } | undefined;
    const policy = await managed?.get?.(null);
    return policy && typeof policy === 'object' ? policy : {};
  } catch {
    return {};
  }
}

export async function readUserSettings(browser: Browserish): Promise<unknown> {
  return (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
}

/** Effective settings, waiting for the policy however long it takes (the options page). */
export async function readEffectiveSettings(browser: Browserish): Promise<ResolvedSettings> {
  const [user, policy] = await Promise.all([readUserSettings(browser), readPolicy(browser)]);
  return resolveSettings({ user, policy });
}

const TIMEOUT = Symbol('timeout');
const within = <T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> =>
  Promise.race([promise, new Promise<typeof TIMEOUT>((ok) => setTimeout(() => ok(TIMEOUT), ms))]);

/**
 * The background's settings reader. The policy is read once per worker life and again when it changes
 * (`invalidatePolicy()` from storage.onChanged 'managed'). The first storage.managed read can take seconds
 * in Chrome: meanwhile the policy read last time (storage.local) is used, and without one the reader waits
 * at most `policyWaitMs`, so the first badge is not held up by the policy.
 */
export function createSettingsReader(browser: Browserish, { policyWaitMs = 1500 }: { policyWaitMs?: number } = {}) {
  let known: Record<string, unknown> | undefined;
  let live: Promise<Record<string, unknown>> | null = null;
  let settled = false;

  function readLive(): Promise<Record<string, unknown>> {
    if (live) return live;
    settled = false;
    const reading: Promise<Record<string, unknown>> = readPolicy(browser).then(async (policy) => {
      if (live !== reading) return policy; // a newer read replaced this one
      known = policy;
      settled = true;
      await browser.storage.local.set({ [POLICY_CACHE_KEY]: policy }).catch(() => undefined);
      return policy;
    });
    return (live = reading);
  }

  async function policy(): Promise<Record<string, unknown>> {
    const fresh = readLive();
    if (settled && known !== undefined) return known;
    if (known !== undefined) {
      // The policy changed: the new one is usually quick to read.
      const next = await within(fresh, policyWaitMs);
      return next === TIMEOUT ? known : next;
    }
    const quick = await within(fresh, 50);
    if (quick !== TIMEOUT) return quick;
    const cached = (await browser.storage.local.get(POLICY_CACHE_KEY).catch(() => ({}) as Record<string, unknown>))[POLICY_CACHE_KEY];
    if (cached && typeof cached === 'object') return cached as Record<string, unknown>;
    const slow = await within(fresh, policyWaitMs);
    return slow === TIMEOUT ? {} : slow;
  }

  return {
    async read(): Promise<ResolvedSettings> {
      const [user, current] = await Promise.all([readUserSettings(browser), policy()]);
      return resolveSettings({ user, policy: current });
    },
    /** The policy changed (storage.onChanged, area 'managed'): the next read asks storage.managed again. */
    invalidatePolicy(): void {
      live = null;
      void readLive();
    },
    /** Starts the first policy read now (worker start), without waiting for it. */
    warm(): void {
      void readLive();
    },
  };
}
