/**
 * Enterprise policy in Firefox ESR: a policies.json with `3rdparty.Extensions.<add-on id>` settings (in the
 * distribution folder of a private Firefox installation, see firefox-policy-install.ts), read by the add-on
 * through `storage.managed`, what policy.test.ts checks in Chromium: the managed value reaches the add-on,
 * a locked setting takes effect (no inline marker), and the options page shows it as managed.
 */
import { ADDON_ID, POLICY } from './firefox-policy-install'; // first: sets FIREFOX_PATH before the harness loads
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBadge } from './expectations';
import { closeTab, openExtensionPage, waitInExtensionPage } from './firefox-helpers';
import { launchFirefox, pollUntil, startFixtureServer, type FirefoxRun, type FixtureServer, type PageReport } from './harness';

/** The slice of `browser` the probes use in the background page. */
declare const browser: { storage: { managed: { get(): Promise<Record<string, unknown>> } } };

let server: FixtureServer;
let firefox: FirefoxRun;
let vendorUrl: string;

beforeAll(async () => {
  expect(process.env.FIREFOX_PATH).toContain('vbr-firefox-install-');
  server = await startFixtureServer();
  vendorUrl = server.url('vendor.html?ff-policy');
  firefox = await launchFirefox([vendorUrl]);
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe(`Firefox ESR: policies.json (3rdparty settings for ${ADDON_ID})`, () => {
  it('gives the add-on the policy through storage.managed', async () => {
    const managed = await firefox.inBackground(() => browser.storage.managed.get(), null);
    expect(managed).toEqual(POLICY);
  });

  it('applies a locked policy: no inline marker, while the badge still counts the vendors', async () => {
    const badge = await pollUntil('the vendor badge', () => firefox.badgeFor(vendorUrl), (b) => b?.text !== undefined && b.text !== '');
    expect(badge).toEqual(expectedBadge(['change-healthcare', 'epic-systems']));
    await pollUntil('a scan of the vendor page', () => firefox.tabStateFor(vendorUrl), (s) => s !== null && s.url === vendorUrl);
    const scannedAt = server.now();
    await server.waitForReport('vendor', (r) => r.params.event === 'heartbeat' && r.at >= scannedAt + 1_500);
    expect(server.reports('vendor').map((r: PageReport) => r.params.markers ?? '').filter(Boolean)).toEqual([]);
  });

  it('shows the locked setting as managed in the options page (the user cannot change it)', async () => {
    const tab = await openExtensionPage(firefox, '/options.html');
    await waitInExtensionPage(firefox, '/options.html', 'input#setting-badge');
    // What the options page itself gets from storage.managed (a failure below shows it).
    const fromPage = await firefox.inBackground(async () => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(f: object): Window[] }; runtime: { getURL(p: string): string } } }).browser;
      const view = api.extension.getViews({ type: 'tab' }).find((w) => w.location.href === api.runtime.getURL('/options.html'));
      const pageBrowser = (view as unknown as { browser?: { storage: { managed: { get(k: null): Promise<unknown> } } } } | undefined)?.browser;
      try {
        return JSON.stringify(await pageBrowser?.storage.managed.get(null));
      } catch (error) {
        return `error: ${String(error)}`;
      }
    }, null);
    expect(fromPage).toBe(JSON.stringify(POLICY));
    // The explanation appears once the policy was read; then the toggle is off and cannot be changed,
    // while a setting the policy leaves alone can.
    const why = await waitInExtensionPage(firefox, '/options.html', '#setting-inlineMarkers-locked');
    expect(why.found[0]!.text.length).toBeGreaterThan(0);
    const toggle = await waitInExtensionPage(firefox, '/options.html', 'input#setting-inlineMarkers');
    expect(toggle.found[0]!.props).toEqual({ disabled: true, checked: false });
    const free = await waitInExtensionPage(firefox, '/options.html', 'input#setting-badge');
    expect(free.found[0]!.props).toEqual({ disabled: false, checked: true });
    await closeTab(firefox, tab);
  });
});
