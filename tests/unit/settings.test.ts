import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { FIELD_KINDS, settingText } from '../../components/settings/fields';
import { fallbackMessage } from '../../lib/i18n';
import { managedSchema, managedSchemaText } from '../../lib/settings/managed-schema';
import { createSettingsReader, POLICY_CACHE_KEY, readEffectiveSettings } from '../../lib/settings/read';
import { resolveSettings } from '../../lib/settings/resolve';
import { DEFAULT_SETTINGS, excludedBy, isExcludedHost, organisationNoteFor, SETTING_KEYS } from '../../lib/settings/schema';

const browser = fakeBrowser as unknown as WxtBrowser;

describe('resolveSettings', () => {
  it('gives the built-in defaults with no user settings and no policy', () => {
    const r = resolveSettings({ user: undefined, policy: undefined });
    expect(r.values).toEqual(DEFAULT_SETTINGS);
    expect(r.values).toMatchObject({ scanMode: 'automatic', markerSeverities: ['high', 'medium', 'low'], excludedSites: [] });
    expect([...r.locked]).toEqual([]);
    expect(r.policyProblems).toEqual([]);
  });

  it('merges: defaults < policy defaults < user settings < locked policy', () => {
    const r = resolveSettings({
      user: { badge: false, scanMode: 'automatic', updateIntervalHours: 6, excludedSites: ['mine.example'] },
      policy: {
        badge: true, // a policy default: the user's false wins
        inlineMarkers: false, // a policy default the user did not change
        scanMode: 'on-click', // locked: beats the user's value
        excludedSites: ['intranet.example.org', '*.hr.example.org'], // a default: the user's list wins
        organisationVendors: [{ vendorId: 'change-healthcare', name: 'Change Healthcare', note: 'contract active' }],
        lockedSettings: ['scanMode', 'organisationVendors', 'updateUrl'],
      },
    });
    expect(r.values.badge).toBe(false);
    expect(r.values.inlineMarkers).toBe(false);
    expect(r.values.scanMode).toBe('on-click');
    expect(r.values.updateIntervalHours).toBe(6);
    expect(r.values.excludedSites).toEqual(['mine.example']);
    expect(r.values.organisationVendors).toEqual([{ vendorId: 'change-healthcare', name: 'Change Healthcare', note: 'contract active' }]);
    // Locked without a policy value: the built-in default, and the user cannot change it.
    expect(r.values.updateUrl).toBe('');
    expect([...r.locked].sort()).toEqual(['organisationVendors', 'scanMode', 'updateUrl']);
    expect([...r.fromPolicy]).toEqual(['inlineMarkers']);
    expect(r.policyProblems).toEqual([]);
  });

  it('a locked setting ignores the user value even when the user value is valid', () => {
    const r = resolveSettings({ user: { badge: true }, policy: { badge: false, lockedSettings: ['badge'] } });
    expect(r.values.badge).toBe(false);
    expect(r.locked.has('badge')).toBe(true);
  });

  it('ignores invalid policy values one by one, saying why', () => {
    const r = resolveSettings({
      user: { updateIntervalHours: 'often' }, // an invalid user value falls back too
      policy: {
        updateUrl: 'ftp://example.org/manifest.json',
        updateIntervalHours: 0,
        badge: 'yes',
        inlineMarkers: false, // valid: kept
        excludedSites: ['good.example', 'https://bad.example/path', '*.also-good.example'],
        scanMode: 'sometimes',
        colour: 'red',
        lockedSettings: ['scanMode', 'noSuchSetting'],
      },
    });
    expect(r.values.updateUrl).toBe('');
    expect(r.values.updateIntervalHours).toBe(24);
    expect(r.values.badge).toBe(true);
    expect(r.values.inlineMarkers).toBe(false);
    // One bad entry of a list: the rest of the list stays.
    expect(r.values.excludedSites).toEqual(['good.example', '*.also-good.example']);
    // Locked with an invalid value: locked at the built-in default.
    expect(r.values.scanMode).toBe('automatic');
    expect(r.locked.has('scanMode')).toBe(true);
    const keys = r.policyProblems.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['colour', 'lockedSettings', 'updateUrl', 'updateIntervalHours', 'badge', 'excludedSites[1]', 'scanMode']),
    );
    expect(r.policyProblems.find((p) => p.key === 'lockedSettings')?.reason).toContain('noSuchSetting');
    expect(r.policyProblems.find((p) => p.key === 'excludedSites[1]')?.reason).toContain('example.org');
    for (const p of r.policyProblems) expect(p.reason.length).toBeGreaterThan(3);
  });

  it('treats a policy that is not an object as no policy', () => {
    for (const policy of [null, 42, 'x', []]) expect(resolveSettings({ user: {}, policy }).values).toEqual(DEFAULT_SETTINGS);
  });
});

describe('excluded sites', () => {
  it('match a host exactly, or a host and its subdomains with *.', () => {
    expect(isExcludedHost(['example.org'], 'example.org')).toBe(true);
    expect(isExcludedHost(['example.org'], 'www.example.org')).toBe(false);
    expect(isExcludedHost(['*.example.org'], 'example.org')).toBe(true);
    expect(isExcludedHost(['*.example.org'], 'a.b.example.org')).toBe(true);
    expect(isExcludedHost(['*.example.org'], 'badexample.org')).toBe(false);
    expect(excludedBy(['127.0.0.1'], 'http://127.0.0.1:8080/x')).toBe(true);
    expect(excludedBy(['example.org'], 'https://EXAMPLE.org./x')).toBe(true);
    expect(excludedBy(['example.org'], 'not a url')).toBe(false);
    expect(excludedBy(['example.org'], null)).toBe(false);
  });
});

describe('organisation vendors', () => {
  it('match by vendor id first, then by name or alias ignoring case', () => {
    const list = [
      { vendorId: 'epic-systems', name: 'Epic', note: 'EHR contract until 2027' },
      { name: 'change healthcare', note: 'review due 2026-06' },
    ];
    expect(organisationNoteFor(list, { id: 'epic-systems', name: 'Epic Systems' })).toBe('EHR contract until 2027');
    expect(organisationNoteFor(list, { id: 'change-healthcare', name: 'Change Healthcare' })).toBe('review due 2026-06');
    expect(organisationNoteFor(list, { id: 'x', name: 'X', aliases: ['Change Healthcare'] })).toBe('review due 2026-06');
    expect(organisationNoteFor(list, { id: 'other', name: 'Other' })).toBeNull();
  });
});

describe('reading settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('works without storage.managed (fake browser, Firefox without policies)', async () => {
    await fakeBrowser.storage.sync.set({ settings: { badge: false } });
    const r = await readEffectiveSettings(browser);
    expect(r.values.badge).toBe(false);
    expect(r.locked.size).toBe(0);
  });

  it('merges storage.managed when there is one, and caches it for the next worker start', async () => {
    const managed = { scanMode: 'on-click', lockedSettings: ['scanMode'] };
    const withManaged = { ...browser, storage: { ...browser.storage, managed: { get: async () => managed } } } as unknown as WxtBrowser;
    const reader = createSettingsReader(withManaged);
    const r = await reader.read();
    expect(r.values.scanMode).toBe('on-click');
    expect(r.locked.has('scanMode')).toBe(true);
    await new Promise((ok) => setTimeout(ok, 10));
    expect((await fakeBrowser.storage.local.get(POLICY_CACHE_KEY))[POLICY_CACHE_KEY]).toEqual(managed);
  });

  it('does not wait for a slow storage.managed when a cached policy exists', async () => {
    await fakeBrowser.storage.local.set({ [POLICY_CACHE_KEY]: { badge: false, lockedSettings: ['badge'] } });
    const never = new Promise<Record<string, unknown>>(() => undefined);
    const slow = { ...browser, storage: { ...browser.storage, managed: { get: () => never } } } as unknown as WxtBrowser;
    const started = Date.now();
    const r = await createSettingsReader(slow, { policyWaitMs: 5_000 }).read();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.values.badge).toBe(false);
  });

  it('waits at most policyWaitMs for a slow storage.managed without a cache', async () => {
    const never = new Promise<Record<string, unknown>>(() => undefined);
    const slow = { ...browser, storage: { ...browser.storage, managed: { get: () => never } } } as unknown as WxtBrowser;
    const r = await createSettingsReader(slow, { policyWaitMs: 100 }).read();
    expect(r.values).toEqual(DEFAULT_SETTINGS);
  });

  it('reads the policy again after it changed', async () => {
    let managed: Record<string, unknown> = { badge: false };
    const live = { ...browser, storage: { ...browser.storage, managed: { get: async () => managed } } } as unknown as WxtBrowser;
    const reader = createSettingsReader(live);
    expect((await reader.read()).values.badge).toBe(false);
    managed = { badge: true, inlineMarkers: false };
    expect((await reader.read()).values.badge).toBe(false); // cached for the worker's life...
    reader.invalidatePolicy(); // ...until storage.onChanged says 'managed'
    expect((await reader.read()).values).toMatchObject({ badge: true, inlineMarkers: false });
  });
});

describe('managed storage schema', () => {
  it('is committed as generated from the zod schema (run `npm run policy:schema`)', () => {
    expect(readFileSync('public/managed_schema.json', 'utf8')).toBe(managedSchemaText());
  });

  it('has what Chrome requires: a top-level object without additionalProperties, one type per schema', () => {
    const schema = managedSchema();
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(Object.keys(schema.properties as object).sort()).toEqual([...SETTING_KEYS, 'lockedSettings'].sort());
    const allowed = new Set(['type', 'title', 'description', 'properties', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum']);
    const walk = (node: Record<string, unknown>, path: string) => {
      expect(typeof node.type, path).toBe('string');
      for (const key of Object.keys(node)) expect(allowed.has(key), `${path}.${key}`).toBe(true);
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) walk(v, `${path}.${k}`);
      if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`);
      if (node.additionalProperties) walk(node.additionalProperties as Record<string, unknown>, `${path}{}`);
    };
    walk(schema, '');
  });
});

describe('options page fields', () => {
  it('cover every setting, each with a label and a description', () => {
    expect(Object.keys(FIELD_KINDS).sort()).toEqual([...SETTING_KEYS].sort());
    for (const key of SETTING_KEYS) {
      expect(fallbackMessage(`setting_${key}`), key).not.toBe(`setting_${key}`);
      expect(fallbackMessage(`setting_${key}Detail`), key).not.toBe(`setting_${key}Detail`);
      expect(settingText(key).label.length).toBeGreaterThan(3);
    }
  });
});
