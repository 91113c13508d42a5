/**
 * The vendor directory, exports, acknowledgements and accessibility in real Chromium. Needs `npm run
 * build` first (uses .output/chrome-mv3).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetBundle, Incident } from '../../lib/dataset/schema';
import { parseCsv, unguardCell } from '../../lib/export/csv';
import { CSV_COLUMNS, type ExportDocument } from '../../lib/export/vendors';
import { incidentDate } from '../../lib/risk/severity';
import { launchChromium, markersOn, pollUntil, ROOT, startFixtureServer, type ExtensionBrowser, type FixtureServer } from './harness';

const bundle = JSON.parse(readFileSync(join(ROOT, 'data/bundle.json'), 'utf8')) as DatasetBundle;
const incidentsOf = (id: string) => bundle.incidents.filter((i) => i.vendorIds.includes(id));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const extensionUrl = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;

async function openDirectory(hash = '#/'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionUrl(`vendors.html${hash}`));
  await page.locator('.directory-main').waitFor();
  await page.locator('.skeleton').waitFor({ state: 'detached' });
  return page;
}

const resultIds = (page: Page) => page.locator('.result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vendor-id')));

async function search(page: Page, text: string): Promise<void> {
  await page.fill('#directory-search', text);
  await pollUntil(`results for "${text}"`, () => page.inputValue('#directory-search'), (v) => v === text);
}

/** Runs axe-core on the page (WCAG 2 A and AA rules) and returns its violations, compactly. */
async function axe(page: Page): Promise<{ id: string; targets: string[] }[]> {
  // Injected through the debugger (the pages' CSP rightly refuses inline scripts).
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

describe('directory search', () => {
  it('finds a vendor by alias, by domain and despite a typing slip', async () => {
    const page = await openDirectory();
    expect((await resultIds(page)).length).toBeGreaterThan(0);

    await search(page, 'Emdeon');
    await pollUntil('Change Healthcare first', () => resultIds(page), (ids) => ids[0] === 'change-healthcare');
    expect(await page.locator('.result').first().locator('.result-match').textContent()).toContain('Emdeon');

    await search(page, 'changehealthcare.com');
    await pollUntil('Change Healthcare by domain', () => resultIds(page), (ids) => ids[0] === 'change-healthcare');
    expect(await page.locator('.result').first().locator('.result-match').textContent()).toContain('changehealthcare.com');

    await search(page, 'Cerner');
    await pollUntil('Oracle Health by its former name', () => resultIds(page), (ids) => ids[0] === 'oracle-health');

    await search(page, 'chnage healthcare');
    await pollUntil('a slip forgiven', () => resultIds(page), (ids) => ids[0] === 'change-healthcare');

    // The address follows the search: it can be shared.
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#/?q=chnage+healthcare'.replace('+', '+'));
    await page.close();
  });

  it('narrows the list with filters and opens shared search addresses', async () => {
    const page = await openDirectory();
    const all = await page.locator('.results-count').textContent();
    await page.selectOption('#filter-severity', 'high');
    await pollUntil('a shorter list', () => page.locator('.results-count').textContent(), (t) => t !== all);
    const severities = await page.locator('.result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity')));
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['high']));

    await page.selectOption('#filter-type', 'ransomware');
    await page.selectOption('#filter-year', '2024');
    const ids = await pollUntil('ransomware in 2024', () => resultIds(page), (list) => list.includes('change-healthcare'));
    for (const id of ids) {
      expect(incidentsOf(id!).some((i) => i.type === 'ransomware' && incidentDate(i).startsWith('2024'))).toBe(true);
    }
    await page.click('.clear-filters');
    await pollUntil('the whole list again', () => page.locator('.results-count').textContent(), (t) => t === all);

    const shared = await openDirectory('#/?category=clearinghouse&sort=name');
    const categories = await shared.locator('.result-meta > span:first-child').allTextContents();
    expect(new Set(categories)).toEqual(new Set(['Clearinghouse']));
    expect(await shared.locator('#filter-category').inputValue()).toBe('clearinghouse');
    await shared.close();
    await page.close();
  });
});

describe('vendor profile', () => {
  it('shows the vendor facts, the summary, the timeline and every incident with its sources', async () => {
    const page = await openDirectory('#/vendor/progress-software');
    const expected = incidentsOf('progress-software');
    await page.locator('.profile').waitFor();
    expect(await page.locator('#profile-name').textContent()).toBe('Progress Software');
    expect(await page.locator('.profile-summary').textContent()).toMatch(/^4 reported incidents since \d{4}/);
    const rows = await page.locator('.incident-row').evaluateAll((r) => r.map((x) => x.getAttribute('data-incident-id')));
    expect([...rows].sort()).toEqual(expected.map((i) => i.id).sort());
    // Newest first.
    const dates = expected.map(incidentDate).sort().reverse();
    expect(await page.locator('.incident-row time').evaluateAll((t) => t.map((x) => x.getAttribute('datetime')))).toEqual(dates);
    const sourceCount = expected.reduce((n, i) => n + i.sources.length, 0);
    expect(await page.locator('.incident-row .source').count()).toBe(sourceCount);
    expect(await page.locator('.timeline-point').count()).toBe(expected.length);

    // Keyboard: one tab stop into the chart, arrows move, focus shows the details.
    await page.locator('.timeline-point[tabindex="0"]').focus();
    await page.keyboard.press('End');
    const tip = page.locator('.timeline-tip');
    await tip.waitFor();
    const newest = expected.find((i) => incidentDate(i) === dates[0])!;
    expect(await tip.textContent()).toContain(newest.title);

    await page.goto(extensionUrl('vendors.html#/vendor/no-such-vendor'));
    await page.locator('.not-found').waitFor();
    await page.close();
  });
});

describe('exports', () => {
  it('writes CSV and JSON that parse back to the dataset facts', async () => {
    const page = await openDirectory('#/vendor/progress-software');
    await page.locator('.profile').waitFor();
    const expected = incidentsOf('progress-software');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('.profile .export-json')]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^vendor-breach-radar-progress-software-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as ExportDocument;
    expect(doc.dataset.version).toBe(bundle.version);
    expect(doc.vendors.map((v) => v.id)).toEqual(['progress-software']);
    const vendor = bundle.vendors.find((v) => v.id === 'progress-software')!;
    expect(doc.vendors[0]).toMatchObject({ name: vendor.name, category: vendor.category, domains: vendor.domains });
    const byId = new Map(expected.map((i) => [i.id, i]));
    for (const got of doc.vendors[0]!.incidents) {
      const want = byId.get(got.id)!;
      expect(got).toMatchObject({
        title: want.title,
        dates: want.dates,
        type: want.type,
        affected: want.affected,
        status: want.status,
        sources: want.sources,
      });
    }
    expect(doc.vendors[0]!.incidents).toHaveLength(expected.length);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('.profile .export-csv')]);
    const rows = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const body = rows.slice(1);
    expect(body).toHaveLength(expected.length);
    for (const row of body) {
      const want = byId.get(row[col('incident_id')]!) as Incident;
      expect(unguardCell(row[col('incident_title')]!)).toBe(want.title);
      expect(row[col('incident_date')]).toBe(incidentDate(want));
      expect(row[col('people_affected_kind')]).toBe(want.affected.kind);
      expect(row[col('people_affected')]).toBe(want.affected.kind === 'unknown' ? '' : String(want.affected.count));
      expect(row[col('source_urls')]!.split(' ')).toEqual(want.sources.map((s) => s.url ?? ''));
    }

    // A search result exports every match, not just the rows on screen.
    const list = await openDirectory('#/?type=hacking');
    const count = await list.locator('.result').count();
    const [listJson] = await Promise.all([list.waitForEvent('download'), list.click('.results-bar .export-json')]);
    const listDoc = JSON.parse(readFileSync((await listJson.path())!, 'utf8')) as ExportDocument;
    expect(listDoc.vendors.length).toBeGreaterThanOrEqual(count);
    expect(listDoc.vendors.every((v) => v.incidents.some((i) => i.type === 'hacking'))).toBe(true);
    await list.close();
    await page.close();
  });
});

describe('acknowledge', () => {
  it('hides the marker until a newer incident arrives in an updated dataset, and can be undone in options', async () => {
    const { page: tab, tabId } = await browser.open(server.url('vendor.html?ack'));
    await pollUntil('the Change Healthcare marker', () => markersOn(tab), (m) => m.some((x) => x.vendor === 'change-healthcare'));

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(browser.popupUrl(tabId));
    const card = popup.locator('.vendor-card[data-vendor-id="change-healthcare"]');
    await card.waitFor();
    await card.locator('button.acknowledge').click();
    await card.locator('button.unacknowledge').waitFor();
    expect(await card.getAttribute('data-acknowledged')).toBe('true');

    // The next scan of the page draws no marker for it.
    let before = (await browser.tabState(tabId))!.scannedAt;
    await tab.reload();
    await browser.waitForScan(tabId, tab.url(), before);
    expect((await markersOn(tab)).map((m) => m.vendor)).not.toContain('change-healthcare');

    // A newer dataset with a new Change Healthcare incident voids the acknowledgement.
    const newer: DatasetBundle = {
      ...bundle,
      version: `${bundle.version}.1`,
      incidents: [
        ...bundle.incidents,
        {
          ...bundle.incidents.find((i) => i.vendorIds.includes('change-healthcare'))!,
          id: 'change-healthcare-test-newer',
          title: 'A newer test incident',
          dates: { disclosed: new Date().toISOString().slice(0, 10) },
        },
      ],
    };
    await popup.evaluate(
      (record) =>
        new Promise<void>((ok, fail) => {
          const open = indexedDB.open('vendor-risk');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('datasets', 'readwrite');
            tx.objectStore('datasets').put(record, 'active');
            tx.oncomplete = () => {
              open.result.close();
              ok();
            };
            tx.onerror = () => fail(tx.error);
          };
        }),
      { bundle: newer, source: 'imported', storedAt: new Date().toISOString(), keyId: null },
    );
    await browser.stopServiceWorker(popup); // the background forgets the old dataset
    before = (await browser.tabState(tabId))!.scannedAt;
    await tab.reload();
    await browser.waitForScan(tabId, tab.url(), before);
    await pollUntil('the marker back', () => markersOn(tab), (m) => m.some((x) => x.vendor === 'change-healthcare'));

    // Acknowledged again, then undone in the options page.
    await popup.reload();
    await card.locator('button.acknowledge').click();
    await card.locator('button.unacknowledge').waitFor();
    const options = await browser.context.newPage();
    await options.goto(extensionUrl('options.html'));
    const item = options.locator('.acknowledged-item[data-vendor-id="change-healthcare"]');
    await item.waitFor();
    await pollUntil('the vendor name', () => item.locator('.acknowledged-name a').textContent(), (t) => t === 'Change Healthcare');
    await item.locator('button.undo-acknowledge').click();
    await options.locator('.acknowledged-none').waitFor();
    before = (await browser.tabState(tabId))!.scannedAt;
    await tab.reload();
    await browser.waitForScan(tabId, tab.url(), before);
    await pollUntil('the marker back after undo', () => markersOn(tab), (m) => m.some((x) => x.vendor === 'change-healthcare'));
    await options.close();
    await popup.close();
    await tab.close();
  });
});

describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no violations on the popup, options and directory pages (${scheme})`, async () => {
      const { page: tab, tabId } = await browser.open(server.url(`vendor.html?axe-${scheme}`));
      await browser.waitForScan(tabId, tab.url());
      const pages: [string, string, string][] = [
        ['popup', browser.popupUrl(tabId), '.vendor-card'],
        ['options', extensionUrl('options.html'), '.setting input:not([disabled])'],
        ['directory', extensionUrl('vendors.html#/'), '.result'],
        ['profile', extensionUrl('vendors.html#/vendor/progress-software'), '.timeline-point'],
      ];
      for (const [name, url, ready] of pages) {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        if (name === 'popup') await page.setViewportSize({ width: 380, height: 600 });
        await page.goto(url);
        await page.locator(ready).first().waitFor();
        expect({ page: name, violations: await axe(page) }).toEqual({ page: name, violations: [] });
        await page.close();
      }
      await tab.close();
    });
  }
});
