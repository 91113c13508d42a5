/**
 * The popup and the options page in Firefox ESR (`web-ext run`, needs `npm run build`): what
 * chromium.test.ts checks for the popup (vendors with history and evidence, the empty and unsupported
 * states) and the options page's dataset status, read through the add-on's background page
 * (see firefox-helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBadge, incidentIdsOf, reportsFor, summaryOf } from './expectations';
import { closeTab, openExtensionPage, readExtensionPage, tabIdOf, waitInExtensionPage } from './firefox-helpers';
import { launchFirefox, pollUntil, startFixtureServer, type FirefoxRun, type FixtureServer } from './harness';

const VENDOR_PAGE_IDS = ['change-healthcare', 'epic-systems'];
const VENDOR_BADGE = expectedBadge(VENDOR_PAGE_IDS);

let server: FixtureServer;
let firefox: FirefoxRun;
let urls: { vendor: string; trap: string };

beforeAll(async () => {
  server = await startFixtureServer();
  urls = { vendor: server.url('vendor.html?ff-popup'), trap: server.url('trap.html?ff-popup') };
  firefox = await launchFirefox(Object.values(urls));
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox ESR: popup', () => {
  it('lists the vendors of a tab with their history and the evidence, worst first', async () => {
    await pollUntil('the vendor badge', () => firefox.badgeFor(urls.vendor), (b) => b?.text === VENDOR_BADGE.text);
    const tabId = await tabIdOf(firefox, urls.vendor);
    const path = `/popup.html?tabId=${tabId}`;
    const popupTab = await openExtensionPage(firefox, path);

    const cards = await waitInExtensionPage(firefox, path, '.vendor-card', (r) => r.found.length === 2);
    expect(cards.found.map((c) => c.attrs['data-vendor-id'])).toEqual(reportsFor(VENDOR_PAGE_IDS).map((r) => r.vendor.id));
    expect(cards.found[0]!.attrs['data-severity']).toBe('high');

    const change = '.vendor-card[data-vendor-id="change-healthcare"]';
    const name = (await readExtensionPage(firefox, path, `${change} .vendor-name`))!.found[0]!.text;
    expect(name).toContain('Change Healthcare');
    expect((await readExtensionPage(firefox, path, `${change} .vendor-summary`))!.found[0]!.text).toBe(summaryOf('change-healthcare'));
    const incidents = (await readExtensionPage(firefox, path, `${change} li.incident`))!.found;
    expect(incidents.map((i) => i.attrs['data-incident-id'])).toEqual(incidentIdsOf('change-healthcare'));
    const ransomware = incidents.find((i) => i.attrs['data-incident-id'] === 'change-healthcare-2024-ransomware');
    expect(ransomware?.text).toContain('Change Healthcare ransomware attack (ALPHV/BlackCat)');
    const evidence = (await readExtensionPage(firefox, path, `${change} li.evidence`))!.found;
    expect(evidence.some((e) => e.attrs['data-kind'] === 'text' && e.text.includes('Change Healthcare'))).toBe(true);
    expect(evidence.filter((e) => e.attrs['data-kind'] === 'link')).toHaveLength(1);

    const epic = '.vendor-card[data-vendor-id="epic-systems"]';
    expect((await readExtensionPage(firefox, path, `${epic} li.incident`))!.found).toHaveLength(reportsFor(['epic-systems'])[0]!.incidents.length);
    expect((await readExtensionPage(firefox, path, `${epic} li.evidence[data-kind="footer"]`))!.found).toHaveLength(1);
    await closeTab(firefox, popupTab);
  });

  it('says when a tab has no vendors', async () => {
    await pollUntil('a scan of the trap page', () => firefox.tabStateFor(urls.trap), (s) => s !== null && s.url === urls.trap);
    const tabId = await tabIdOf(firefox, urls.trap);
    const path = `/popup.html?tabId=${tabId}`;
    const popupTab = await openExtensionPage(firefox, path);
    await waitInExtensionPage(firefox, path, '.state-empty');
    expect((await readExtensionPage(firefox, path, '.vendor-card'))!.found).toEqual([]);
    await closeTab(firefox, popupTab);
  });

  it('says a browser page cannot be scanned', async () => {
    const blank = await openExtensionPage(firefox, '/options.html'); // any tab whose page is not a web page
    const path = `/popup.html?tabId=${blank}`;
    const popupTab = await openExtensionPage(firefox, path);
    await waitInExtensionPage(firefox, path, '.state-unsupported');
    await closeTab(firefox, popupTab);
    await closeTab(firefox, blank);
  });
});

describe('Firefox ESR: options', () => {
  it('shows the bundled dataset and its version, and the settings', async () => {
    const tab = await openExtensionPage(firefox, '/options.html');
    const status = await waitInExtensionPage(firefox, '/options.html', '.dataset-status', (r) => (r.found[0]?.attrs['data-version'] ?? '') !== '');
    expect(status.found[0]!.attrs['data-source']).toBe('bundled');
    const inputs = await waitInExtensionPage(firefox, '/options.html', 'input[type="checkbox"]');
    expect(inputs.found.length).toBeGreaterThanOrEqual(2);
    await closeTab(firefox, tab);
  });
});
