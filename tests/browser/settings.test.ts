/**
 * Settings in real Chromium: an enterprise policy file in /etc/chromium/policies/managed/ (a locked
 * setting, an excluded site, the organisation's vendor note), and the on-click scan mode. Needs
 * `npm run build` first; the policy test needs root (CI runs as root) and removes its file when done.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pollUntil, startFixtureServer, type ExtensionBrowser, type FixtureServer } from './harness';

declare const chrome: {
  storage: {
    sync: { set(items: object): Promise<void> };
    managed: { get(keys: null): Promise<Record<string, unknown>> };
  };
};

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'vendor-breach-radar-test.json');
const NOTE = 'Contract active, review due 2026-06';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

const port = () => new URL(server.origin).port;
const at = (host: string, path: string) => `http://${host}:${port()}/${path}`;

/** Long enough for a scan that was going to happen to have happened (the vendor page scans in < 2 s). */
const QUIET_MS = 4_000;
/** The fixture server's pages, on any port. */
const TEST_SITE = 'http://127.0.0.1/*';

describe.skipIf(!isRoot)('enterprise policy (Chromium, /etc/chromium/policies/managed)', () => {
  let browser: ExtensionBrowser;
  const removePolicy = () => rmSync(POLICY_FILE, { force: true });

  beforeAll(async () => {
    browser = await launchChromium({ loopbackHosts: ['news.example.org', 'excluded.example.org'] });
    // The unpacked extension's id comes from its (temporary) folder: known only now. Chromium watches the
    // policy folder; chrome://policy's "Reload policies" makes it read the new file at once.
    mkdirSync(POLICY_DIR, { recursive: true });
    process.once('exit', removePolicy); // even when the run is cut short
    const policy = {
      inlineMarkers: false,
      excludedSites: ['excluded.example.org', 'https://not-a-host.example/'],
      organisationVendors: [{ vendorId: 'change-healthcare', name: 'Change Healthcare', note: NOTE }],
      updateIntervalHours: 48,
      lockedSettings: ['inlineMarkers', 'excludedSites', 'organisationVendors'],
    };
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [browser.extensionId]: policy } } }, null, 2));
    const page = await browser.context.newPage();
    await page.goto('chrome://policy');
    await page.locator('#reload-policies').click().catch(() => undefined);
    await pollUntil(
      'the policy in storage.managed',
      () => browser.inWorker(() => chrome.storage.managed.get(null), null),
      (managed) => Array.isArray(managed.lockedSettings),
      60_000,
    );
    await page.close();
  }, 120_000);

  afterAll(async () => {
    removePolicy();
    await browser?.close();
  });

  it('shows the locked setting disabled, "set by your organisation", with the invalid value explained', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const toggle = options.locator('#setting-inlineMarkers');
    await pollUntil('the locked toggle', () => toggle.isDisabled(), Boolean);
    expect(await toggle.isChecked()).toBe(false);
    expect(await options.locator('#setting-inlineMarkers-locked').textContent()).toBe('Set by your organisation');
    // A policy default the user may change: enabled, marked as coming from the organisation.
    const interval = options.locator('#setting-updateIntervalHours');
    expect(await interval.inputValue()).toBe('48');
    expect(await interval.isDisabled()).toBe(false);
    // The excluded sites are locked too; the bad entry is ignored, with the reason shown.
    expect(await options.locator('.excluded-sites [data-site]').evaluateAll((els) => els.map((e) => e.getAttribute('data-site')))).toEqual([
      'excluded.example.org',
    ]);
    expect(await options.locator('#setting-excludedSites-new').isDisabled()).toBe(true);
    const problem = options.locator('.policy-problems [data-policy-key="excludedSites[1]"]');
    expect(await problem.textContent()).toMatch(/^Policy value excludedSites\[1\] ignored: .*example\.org/);
    await options.close();
  });

  it('scans the other site but not the excluded one: no scan, no badge', async () => {
    // The same page on a site that is not excluded: the positive control, and the organisation's note.
    const news = await browser.open(at('news.example.org', 'vendor.html'));
    await browser.waitForBadge(news.tabId, { color: '#C62828' });
    const state = await browser.waitForScan(news.tabId, news.page.url());
    expect(state.detections.map((d) => d.vendorId)).toContain('change-healthcare');
    expect(await news.page.locator('vendor-risk-marker').count()).toBe(0); // inlineMarkers locked off

    const excluded = await browser.open(at('excluded.example.org', 'vendor.html'));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(await browser.tabState(excluded.tabId)).toBeNull();
    expect((await browser.badgeOf(excluded.tabId)).text).toBe('');

    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(excluded.tabId));
    await popup.locator('[data-state="excluded"]').waitFor();
    await popup.goto(browser.popupUrl(news.tabId));
    const note = popup.locator('.vendor-card[data-vendor-id="change-healthcare"] .vendor-organisation-note');
    expect(await note.textContent()).toBe(`Your organisation: ${NOTE}`);
    await popup.close();
    await news.page.close();
    await excluded.page.close();
  });
});

describe('on-click scan mode (Chromium)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    // A click on the toolbar button grants activeTab, which automation cannot do: the test server's origin,
    // granted beforehand, stands in for it. The extension holds nothing more (checked below).
    browser = await launchChromium({ grantedOrigins: [TEST_SITE] });
    await browser.inWorker(() => chrome.storage.sync.set({ settings: { scanMode: 'on-click' } }), null);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows no badge before the click, and the badge and vendors after it', async () => {
    expect(await browser.hostAccess()).toEqual({ origins: [TEST_SITE], scripts: [] });
    const { page, tabId } = await browser.open(server.url('vendor.html?on-click'));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(await browser.tabState(tabId)).toBeNull();
    expect((await browser.badgeOf(tabId)).text).toBe('');

    // Opening the popup is the click on the toolbar button: it scans the tab.
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(tabId));
    await popup.locator('.vendor-card[data-vendor-id="change-healthcare"]').waitFor({ timeout: 30_000 });
    const badge = await browser.waitForBadge(tabId, { color: '#C62828' });
    expect(Number(badge.text)).toBeGreaterThanOrEqual(1);
    expect((await browser.tabState(tabId))?.url).toBe(page.url());
    await popup.close();
    await page.close();
  });
});
