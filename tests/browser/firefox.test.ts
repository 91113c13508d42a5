/**
 * The add-on in real Firefox ESR, run by `web-ext run` (needs `npm run build`: uses .output/firefox-mv3).
 *
 * Two independent read-backs:
 * - the fixture pages report the inline markers they see to the fixture server (report.js), which is how
 *   a user would see them, and needs nothing from the add-on;
 * - the toolbar badge and the background's per-tab scan are read through Firefox's Remote Debugging
 *   Protocol (the background page's console), the way about:debugging inspects an add-on.
 * The scan stored by the background is the positive signal that a page was read, so "no marker" and
 * "no badge" are asserted only after the page was scanned, never after a fixed sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBadge, vendorWithoutIncidents } from './expectations';
import { launchFirefox, pollUntil, startFixtureServer, type FirefoxRun, type FixtureServer, type PageReport } from './harness';

const APP = 'Vendor Breach Radar';
const VENDOR_BADGE = expectedBadge(['change-healthcare', 'epic-systems']);
const GREY_VENDOR = vendorWithoutIncidents();
const EMPTY_BADGE = { text: '', title: `${APP}: no healthcare vendor on this page` };

let server: FixtureServer;
let firefox: FirefoxRun;
let urls: { vendor: string; trap: string; editable: string; grey: string };

beforeAll(async () => {
  server = await startFixtureServer();
  urls = {
    vendor: server.url('vendor.html'),
    trap: server.url('trap.html'),
    editable: server.url('editable.html'),
    grey: server.url(`no-incidents.html?vendor=${encodeURIComponent(GREY_VENDOR.name)}`),
  };
  firefox = await launchFirefox(Object.values(urls));
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const markersOf = (r: PageReport) => r.params.markers ?? '';

/**
 * Waits for the background's scan of `url`, then for a report from the page sent at least a second after
 * the scan was seen (the marker is drawn on the next animation frame after the background's reply), and
 * returns every marker list the page ever reported.
 */
async function markersAfterScan(page: string, url: string): Promise<string[]> {
  await pollUntil(`a scan of ${url}`, () => firefox.tabStateFor(url), (s) => s !== null && s.url === url);
  const scannedAt = server.now();
  await server.waitForReport(page, (r) => r.params.event === 'heartbeat' && r.at >= scannedAt + 1_000);
  return server.reports(page).map(markersOf);
}

describe('Firefox ESR', () => {
  it('draws the inline marker after the first mention of Change Healthcare', async () => {
    const report = await server.waitForReport('vendor', (r) => markersOf(r).includes('change-healthcare'));
    // vendor:severity:parent element (the first mention is "Change <b>Healthcare</b>").
    expect(markersOf(report).split(',')).toContain('change-healthcare:high:b');
  });

  it('sets the toolbar badge of the vendor tab (read through the remote debugging protocol)', async () => {
    const badge = await pollUntil('the vendor badge', () => firefox.badgeFor(urls.vendor), (b) => b?.text === VENDOR_BADGE.text);
    expect(badge).toEqual(VENDOR_BADGE);
    expect(badge?.color).toBe('#C62828');
    const state = await firefox.tabStateFor(urls.vendor);
    expect(state?.detections.map((d) => d.vendorId).sort()).toEqual(['change-healthcare', 'epic-systems']);
  });

  it('draws no marker and sets no badge on the page of look-alike words', async () => {
    const seen = await markersAfterScan('trap', urls.trap);
    expect(seen.filter(Boolean)).toEqual([]);
    expect((await firefox.tabStateFor(urls.trap))?.detections).toEqual([]);
    expect(await firefox.badgeFor(urls.trap)).toMatchObject(EMPTY_BADGE);
  });

  it('ignores vendor names in form fields and editable areas', async () => {
    const seen = await markersAfterScan('editable', urls.editable);
    expect(seen.filter(Boolean)).toEqual([]);
    expect((await firefox.tabStateFor(urls.editable))?.detections).toEqual([]);
    expect(await firefox.badgeFor(urls.editable)).toMatchObject(EMPTY_BADGE);
  });

  it('shows a grey 0 for a vendor without reported incidents', async () => {
    const badge = await pollUntil('the grey badge', () => firefox.badgeFor(urls.grey), (b) => b?.text === '0');
    expect(badge).toEqual({
      text: '0',
      color: '#616161',
      title: `${APP}: 1 healthcare vendor(s) on this page (${GREY_VENDOR.name}), none with a reported incident`,
    });
  });

  // Last: it leaves the add-on in on-click mode.
  it('holds host access in automatic mode and gives it back in on-click mode', async () => {
    const access = () =>
      firefox.inBackground(
        async () => ({
          origins: (await browser.permissions.getAll()).origins ?? [],
          scripts: (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
        }),
        null,
      );
    expect(await access()).toEqual({ origins: ['http://*/*', 'https://*/*'], scripts: ['vendor-scanner'] });
    await firefox.inBackground(() => browser.storage.sync.set({ settings: { scanMode: 'on-click' } }), null);
    await pollUntil('the host permission to be given back', access, (a) => a.origins.length === 0 && a.scripts.length === 0);
  });
});
