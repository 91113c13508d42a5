/**
 * Dataset updates in real Chromium: a local update server on 127.0.0.1 serves, in turn, a valid newer
 * bundle, a tampered one, an older version, a 500, a hanging response and an oversized file. After the
 * valid one the badge and popup show the new incident without reloading the extension; after each bad
 * one the previous data is still served and the options page says why. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedKey } from '../../lib/update/keys';
import { launchChromium, pollUntil, startFixtureServer, type ExtensionBrowser, type FixtureServer } from './harness';
import { BAD_UPDATES, NEW_INCIDENT, NEW_VERSION, QUIET_VENDOR, startSignedUpdateServer, type UpdateServer } from './update-server';

/** The slice of the `chrome` API run inside the service worker. */
declare const chrome: { storage: { sync: { set(items: object): Promise<void> } } };

let fixtures: FixtureServer;
let updates: UpdateServer;
let browser: ExtensionBrowser;
let trusted: TrustedKey;
let options: Page;

beforeAll(async () => {
  ({ trusted, updates } = await startSignedUpdateServer());
  fixtures = await startFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await updates?.close();
  await fixtures?.close();
});

const statusOf = (page: Page) =>
  page.evaluate(() => ({
    version: document.querySelector('.dataset-status')?.getAttribute('data-version') ?? '',
    source: document.querySelector('.dataset-status')?.getAttribute('data-source') ?? '',
    reason: document.querySelector('.dataset-last-error')?.getAttribute('data-reason') ?? '',
    error: document.querySelector('.dataset-last-error')?.textContent ?? '',
  }));

async function popupIncidents(tabId: number): Promise<string[]> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl(tabId));
  const ids = await pollUntil(
    'the popup to list incidents',
    () => popup.$$eval('li.incident', (items) => items.map((i) => i.getAttribute('data-incident-id') ?? '')),
    (list) => list.length > 0,
  );
  await popup.close();
  return ids;
}

describe('dataset updates', () => {
  let tab: { page: Page; tabId: number };

  it('installs a valid newer bundle: badge and popup show the new incident without reloading the extension', async () => {
    tab = await browser.open(fixtures.url(`no-incidents.html?vendor=${encodeURIComponent(QUIET_VENDOR.name)}`));
    await browser.waitForBadge(tab.tabId, { text: '0' });

    // An admin points the extension at the server: the new address is checked at once.
    updates.set('valid');
    await browser.inWorker(
      (settings) => chrome.storage.sync.set({ settings }),
      { updateUrl: updates.manifestUrl, updateIntervalHours: 24, trustedKeys: [trusted] },
    );
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const status = await pollUntil('the update to be active', () => statusOf(options), (s) => s.version === NEW_VERSION);
    expect(status).toMatchObject({ source: 'updated', reason: '' });

    await tab.page.reload();
    await browser.waitForBadge(tab.tabId, { text: '1' });
    expect(await popupIncidents(tab.tabId)).toContain(NEW_INCIDENT);

    // Checking again costs one conditional request answered 304.
    updates.set('valid'); // clears the request log
    await options.click('button.dataset-check');
    await pollUntil('a 304', async () => updates.log, (log) => log.some((r) => r.status === 304));
    expect(updates.log).toEqual([{ path: '/vbr/manifest.json', status: 304 }]);
  });

  it.each(BAD_UPDATES)('after a %s update, keeps serving the previous data and shows the reason (%s)', async (scenario, reason, words) => {
    updates.set(scenario);
    await options.reload();
    await options.waitForSelector('button.dataset-check:not([disabled])');
    await options.click('button.dataset-check');
    const status = await pollUntil(`the ${reason} status`, () => statusOf(options), (s) => s.reason === reason, 45_000);
    expect(status).toMatchObject({ version: NEW_VERSION, source: 'updated' });
    expect(status.error).toMatch(words);
    expect(status.error).toMatch(/previous dataset stays active/);
  }, 60_000);

  it('still serves the installed update on the page and in the popup', async () => {
    const before = new Date().toISOString();
    await tab.page.reload();
    await browser.waitForScan(tab.tabId, tab.page.url(), before);
    await browser.waitForBadge(tab.tabId, { text: '1' });
    expect(await popupIncidents(tab.tabId)).toContain(NEW_INCIDENT);
  });
});
