/**
 * Dataset updates in Firefox ESR (`web-ext run`, needs `npm run build`), what updates.test.ts checks in
 * Chromium: a local update server on 127.0.0.1 serves, in turn, a valid newer bundle, a tampered one, an
 * older version, a 500, a hanging response and an oversized file. After the valid one the badge and the
 * popup show the new incident without reloading the add-on; after each bad one the previous data is still
 * served and the options page says why. Extension pages are read through the background page (see
 * firefox-helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedKey } from '../../lib/update/keys';
import { clickInExtensionPage, closeTab, openExtensionPage, readExtensionPage, tabIdOf, waitInExtensionPage } from './firefox-helpers';
import { launchFirefox, pollUntil, startFixtureServer, type FirefoxRun, type FixtureServer } from './harness';
import { BAD_UPDATES, NEW_INCIDENT, NEW_VERSION, QUIET_VENDOR, startSignedUpdateServer, type UpdateServer } from './update-server';

/** The slice of `browser` the probes use in the background page (code run there, not here). */
declare const browser: {
  storage: { sync: { set(items: object): Promise<void> } };
  tabs: { reload(id: number): Promise<void> };
};

const OPTIONS = '/options.html';
let fixtures: FixtureServer;
let updates: UpdateServer;
let firefox: FirefoxRun;
let trusted: TrustedKey;
let vendorUrl: string;

beforeAll(async () => {
  ({ trusted, updates } = await startSignedUpdateServer());
  fixtures = await startFixtureServer();
  vendorUrl = fixtures.url(`no-incidents.html?vendor=${encodeURIComponent(QUIET_VENDOR.name)}&ff-updates`);
  firefox = await launchFirefox([vendorUrl]);
});

afterAll(async () => {
  await firefox?.close();
  await updates?.close();
  await fixtures?.close();
});

/** The options page's dataset status (the page must be open). */
async function statusOf() {
  const read = async (selector: string) => (await readExtensionPage(firefox, OPTIONS, selector))?.found[0];
  const status = await read('.dataset-status');
  const error = await read('.dataset-last-error');
  return {
    version: status?.attrs['data-version'] ?? '',
    source: status?.attrs['data-source'] ?? '',
    reason: error?.attrs['data-reason'] ?? '',
    error: error?.text ?? '',
  };
}

async function popupIncidents(): Promise<string[]> {
  const tabId = await tabIdOf(firefox, vendorUrl);
  const path = `/popup.html?tabId=${tabId}`;
  const popupTab = await openExtensionPage(firefox, path);
  const read = await waitInExtensionPage(firefox, path, 'li.incident');
  await closeTab(firefox, popupTab);
  return read.found.map((i) => i.attrs['data-incident-id'] ?? '');
}

async function reloadVendorPage(): Promise<void> {
  const tabId = await tabIdOf(firefox, vendorUrl);
  await firefox.inBackground((id: number) => browser.tabs.reload(id), tabId);
}

/** Clicks "Check now" once the button is enabled (no check running, an update address set). */
async function checkNow(): Promise<void> {
  await waitInExtensionPage(firefox, OPTIONS, 'button.dataset-check', (r) => r.found[0]?.props.disabled === false);
  expect(await clickInExtensionPage(firefox, OPTIONS, 'button.dataset-check')).toBe(true);
}

describe('Firefox ESR: dataset updates', () => {
  it('installs a valid newer bundle: badge and popup show the new incident without reloading the add-on', async () => {
    await pollUntil('the grey badge', () => firefox.badgeFor(vendorUrl), (b) => b?.text === '0', 60_000);

    // An admin points the add-on at the server: the new address is checked at once.
    updates.set('valid');
    await firefox.inBackground(
      (settings) => browser.storage.sync.set({ settings }),
      { updateUrl: updates.manifestUrl, updateIntervalHours: 24, trustedKeys: [trusted] },
    );
    await openExtensionPage(firefox, OPTIONS);
    const status = await pollUntil('the update to be active', statusOf, (s) => s.version === NEW_VERSION, 60_000);
    expect(status).toMatchObject({ source: 'updated', reason: '' });

    await reloadVendorPage();
    await pollUntil('the badge with the new incident', () => firefox.badgeFor(vendorUrl), (b) => b?.text === '1');
    expect(await popupIncidents()).toContain(NEW_INCIDENT);

    // Checking again costs one conditional request answered 304.
    updates.set('valid'); // clears the request log
    await checkNow();
    await pollUntil('a 304', async () => [...updates.log], (log) => log.some((r) => r.status === 304));
    expect(updates.log).toEqual([{ path: '/vbr/manifest.json', status: 304 }]);
  }, 120_000);

  it.each(BAD_UPDATES)('after a %s update, keeps serving the previous data and shows the reason (%s)', async (scenario, reason, words) => {
    updates.set(scenario);
    await checkNow();
    const status = await pollUntil(`the ${reason} status`, statusOf, (s) => s.reason === reason, 60_000);
    expect(status).toMatchObject({ version: NEW_VERSION, source: 'updated' });
    expect(status.error).toMatch(words);
    expect(status.error).toMatch(/previous dataset stays active/);
  }, 90_000);

  it('still serves the installed update on the page and in the popup', async () => {
    const before = new Date().toISOString();
    await reloadVendorPage();
    await pollUntil('a new scan of the vendor page', () => firefox.tabStateFor(vendorUrl), (s) => s !== null && s.url === vendorUrl && s.scannedAt > before);
    await pollUntil('the badge with the new incident', () => firefox.badgeFor(vendorUrl), (b) => b?.text === '1');
    expect(await popupIncidents()).toContain(NEW_INCIDENT);
  }, 90_000);
});
