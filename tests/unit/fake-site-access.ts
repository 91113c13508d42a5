import type { fakeBrowser as FakeBrowser } from 'wxt/testing';
import { ALL_SITES } from '../../lib/background/site-access';

type Fake = typeof FakeBrowser;
interface Script {
  id: string;
  js?: string[];
  matches?: string[];
}

/**
 * An in-memory `permissions` and `scripting` registry for WXT's fakeBrowser, which implements neither:
 * granted origins, and registered content scripts that reject a duplicate id as the browsers do.
 */
export function installSiteAccessFake(fake: Fake, { granted }: { granted: boolean }) {
  const origins = new Set<string>(granted ? ALL_SITES : []);
  const scripts = new Map<string, Script>();
  const wanted = (p: { origins?: string[] }) => p.origins ?? [];
  Object.assign(fake.permissions, {
    contains: async (p: { origins?: string[] }) => wanted(p).every((o) => origins.has(o)),
    request: async (p: { origins?: string[] }) => (wanted(p).forEach((o) => origins.add(o)), true),
    remove: async (p: { origins?: string[] }) => (wanted(p).forEach((o) => origins.delete(o)), true),
  });
  Object.assign(fake.scripting, {
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
      [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    registerContentScripts: async (list: Script[]) => {
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, s);
    },
    unregisterContentScripts: async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
    },
  });
  return {
    origins: () => [...origins],
    registered: () => [...scripts.values()],
    revoke: () => origins.clear(),
  };
}
