/**
 * Access to sites in real Chromium: a fresh install holds no host permission and asks for it on its options
 * page; on-click mode gives back a permission automatic mode had. Chromium's permission prompt cannot be
 * answered from automation, so a grant is set up in the profile before start (see launchChromium), and
 * what follows a grant at run time is covered by tests/unit/site-access.test.ts. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ALL_SITES, launchChromium, pollUntil, startFixtureServer, type ExtensionBrowser, type FixtureServer } from './harness';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

/** Long enough for a scan that was going to happen to have happened (the vendor page scans in < 2 s). */
const QUIET_MS = 4_000;

describe('a fresh install (Chromium)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ grantedOrigins: [] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('holds no host permission, reads no page on its own, and asks on its options page', async () => {
    expect(await browser.hostAccess()).toEqual({ origins: [], scripts: [] });

    const welcome = await pollUntil(
      'the options page opened at install',
      async () => browser.context.pages().find((p) => p.url().endsWith('/options.html#site-access')) ?? null,
      (p) => p !== null,
    );
    const notice = welcome!.locator('#site-access');
    expect(await notice.getAttribute('data-access')).toBe('needs-permission');
    expect(await notice.locator('button.site-access-allow').textContent()).toBe('Allow on all sites');

    const { tabId } = await browser.open(server.url('vendor.html?fresh-install'));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(await browser.tabState(tabId)).toBeNull();
    expect((await browser.badgeOf(tabId)).text).toBe('');

    // The popup says why and offers the same permission.
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(tabId));
    expect(await popup.locator('#site-access').getAttribute('data-access')).toBe('needs-permission');
    await popup.close();
  });
});

describe('switching the scan mode on the options page (Chromium)', () => {
  let browser: ExtensionBrowser;
  let options: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives back the access to every site in on-click mode', async () => {
    expect(await browser.hostAccess()).toEqual({ origins: ALL_SITES, scripts: ['vendor-scanner'] });
    expect(await options.locator('#site-access').getAttribute('data-access')).toBe('all-sites');

    await options.locator('#setting-scanMode-on-click').check();
    await pollUntil('the permission to be given back', browser.hostAccess, (a) => a.origins.length === 0 && a.scripts.length === 0);
    await options.locator('#site-access[data-access="on-click"]').waitFor();

    const { tabId } = await browser.open(server.url('vendor.html?after-on-click'));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    expect(await browser.tabState(tabId)).toBeNull();
  });
});
