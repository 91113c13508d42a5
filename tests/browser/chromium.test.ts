/**
 * The extension in real Chromium: toolbar badge, inline markers and popup, driven through the MV3 service
 * worker. Needs `npm run build` first (uses .output/chrome-mv3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  markersOn,
  pollUntil,
  startFixtureServer,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import { expectedBadge, incidentIdsOf, reportsFor, summaryOf, vendorWithoutIncidents } from './expectations';

const RED = '#C62828';
const GREY = '#616161';
const APP = 'Vendor Breach Radar';

/** vendor.html names Change Healthcare (text, split text, link) and Epic (a "powered by" credit). */
const VENDOR_PAGE_IDS = ['change-healthcare', 'epic-systems'];
const VENDOR_BADGE = expectedBadge(VENDOR_PAGE_IDS);
const EMPTY_BADGE = { text: '', title: `${APP}: no healthcare vendor on this page` };

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

describe('toolbar badge', () => {
  it('counts Change Healthcare in red on the vendor news page, with the vendors named in the title', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html'));
    const badge = await browser.waitForBadge(tabId, { text: VENDOR_BADGE.text });
    expect(badge).toEqual(VENDOR_BADGE);
    // Whatever else the dataset learns: Change Healthcare (190 million people) keeps the badge red and named.
    expect(badge.color).toBe(RED);
    expect(Number(badge.text)).toBeGreaterThanOrEqual(1);
    expect(badge.title).toMatch(/^Vendor Breach Radar: \d+ vendor\(s\) on this page with reported breaches \(.*Change Healthcare.*\); worst severity high$/);

    // Change Healthcare (text, split across <b>, and a link to its domain) and Epic (only in a "powered by" credit).
    const state = await browser.waitForScan(tabId, page.url());
    const ids = state.detections.map((d) => d.vendorId).sort();
    expect(ids).toEqual(['change-healthcare', 'epic-systems']);
    const change = state.detections.find((d) => d.vendorId === 'change-healthcare')!;
    expect(change.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['text', 'link']));
    const epic = state.detections.find((d) => d.vendorId === 'epic-systems')!;
    // "Powered by Epic" is a credit: footer evidence (and, the page being about healthcare, text evidence too).
    expect(epic.evidence[0]?.kind).toBe('footer');
    await page.close();
  });

  it('shows nothing on a page full of look-alike words', async () => {
    const { page, tabId } = await browser.open(server.url('trap.html'));
    // The scan result is the positive signal that the page was read; only then is "no badge" meaningful.
    const state = await browser.waitForScan(tabId, page.url());
    expect(state.detections).toEqual([]);
    expect(await browser.badgeOf(tabId)).toMatchObject(EMPTY_BADGE);
    await page.close();
  });

  it('shows a grey 0 when the only vendor has no reported incident', async () => {
    const vendor = vendorWithoutIncidents();
    const { page, tabId } = await browser.open(server.url(`no-incidents.html?vendor=${encodeURIComponent(vendor.name)}`));
    const badge = await browser.waitForBadge(tabId, { text: '0' });
    expect(badge).toEqual({
      text: '0',
      color: GREY,
      title: `${APP}: 1 healthcare vendor(s) on this page (${vendor.name}), none with a reported incident`,
    });
    expect((await browser.tabState(tabId))?.detections.map((d) => d.vendorId)).toEqual([vendor.id]);
    expect(await markersOn(page)).toEqual([]); // markers are for vendors with incidents only
    await page.close();
  });

  it('ignores vendor names that only appear in form fields and editable areas', async () => {
    const { page, tabId } = await browser.open(server.url('editable.html'));
    const state = await browser.waitForScan(tabId, page.url());
    expect(state.detections).toEqual([]);
    expect(await browser.badgeOf(tabId)).toMatchObject(EMPTY_BADGE);
    expect(await markersOn(page)).toEqual([]);
    await page.close();
  });

  it('follows a single-page app from a trap view to a vendor view and back', async () => {
    const home = server.url('spa/home');
    const { page, tabId } = await browser.open(home);
    const first = await browser.waitForScan(tabId, home);
    expect(first.detections).toEqual([]);
    expect(await browser.badgeOf(tabId)).toMatchObject(EMPTY_BADGE);

    await page.click('#to-vendor'); // history.pushState + content swap, no page load
    expect(page.url()).toBe(server.url('spa/vendor'));
    expect(await browser.waitForBadge(tabId, { text: '1' })).toEqual(expectedBadge(['change-healthcare']));
    await pollUntil('a marker in the vendor view', () => markersOn(page), (m) => m.length === 1);

    await page.goBack(); // popstate: back to the trap view
    expect(page.url()).toBe(home);
    await browser.waitForBadge(tabId, EMPTY_BADGE);
    await pollUntil('the marker to go with the vendor view', () => markersOn(page), (m) => m.length === 0);
    await page.close();
  });

  it('keeps the badge right across a reload', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?reload'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);
    const before = await browser.waitForScan(tabId, page.url());

    await page.reload();
    // A new scan of the reloaded page, and the badge right after it.
    await browser.waitForScan(tabId, page.url(), before.scannedAt);
    expect(await browser.waitForBadge(tabId, VENDOR_BADGE)).toEqual(VENDOR_BADGE);
    await page.close();
  });

  it('clears the badge when the tab navigates from a vendor page to a page without vendors', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?navigate'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);
    await page.goto(server.url('trap.html?navigate'));
    await browser.waitForScan(tabId, page.url());
    expect(await browser.waitForBadge(tabId, EMPTY_BADGE)).toMatchObject(EMPTY_BADGE);
    await page.close();
  });

  it('is right on a new navigation after the MV3 service worker was stopped', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?restart'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);
    // A flag in the worker's global scope: a restarted worker no longer has it.
    await browser.inWorker(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    }, null);

    await browser.stopServiceWorker(page);

    // The badge Chromium already shows survives the worker, and a new navigation is handled by a fresh worker.
    await page.goto(server.url('trap.html?restart'));
    await browser.waitForScan(tabId, page.url());
    expect(await browser.waitForBadge(tabId, EMPTY_BADGE)).toMatchObject(EMPTY_BADGE);
    await page.goto(server.url('vendor.html?restart-again'));
    expect(await browser.waitForBadge(tabId, VENDOR_BADGE)).toEqual(VENDOR_BADGE);
    expect(await browser.inWorker(() => (globalThis as { beforeStop?: boolean }).beforeStop ?? false, null)).toBe(false);
    await page.close();
  });

  it('serves, after the service worker stopped, the detection index it stored instead of compiling it again', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?stored-index'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);
    // The stored index (lib/store/index-cache.ts) gains a rule no compile of the dataset has: this test
    // server's host belongs to Change Healthcare. Only a worker that reads it back badges a page without vendors.
    const host = new URL(server.origin).hostname;
    const markStoredIndex = ({ host, vendorId }: { host: string; vendorId: string }) =>
      new Promise<boolean>((done, fail) => {
        const opening = indexedDB.open('vendor-risk');
        opening.onerror = () => fail(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(['datasets', 'indexes'], 'readwrite');
          let marked = false;
          // Resolved once committed: the worker is stopped right after.
          tx.oncomplete = () => {
            db.close();
            done(marked);
          };
          const dataset = tx.objectStore('datasets').get('active');
          const reading = tx.objectStore('indexes').get('active');
          reading.onsuccess = () => {
            type Stored = { storedAt: string; index: { vendorIds: string; domains: [string, number][] } };
            const record = reading.result as Stored | undefined;
            // Only the index of the dataset stored now (the first start stores both).
            if (!record || record.storedAt !== (dataset.result as { storedAt?: string } | undefined)?.storedAt) return;
            record.index.domains.push([host, record.index.vendorIds.split('\n').indexOf(vendorId)]);
            tx.objectStore('indexes').put(record, 'active');
            marked = true;
          };
        };
      });
    await pollUntil('the stored index', () => browser.inWorker(markStoredIndex, { host, vendorId: 'change-healthcare' }), Boolean);
    const dropStoredIndex = () =>
      new Promise<void>((done) => {
        const opening = indexedDB.open('vendor-risk');
        opening.onsuccess = () => {
          const tx = opening.result.transaction('indexes', 'readwrite');
          tx.objectStore('indexes').delete('active');
          tx.oncomplete = () => {
            opening.result.close();
            done();
          };
        };
      });
    try {
      await browser.stopServiceWorker(page);
      await page.goto(server.url('trap.html?stored-index'));
      const state = await browser.waitForScan(tabId, page.url());
      expect(state.detections.map((d) => [d.vendorId, d.evidence[0]?.kind])).toEqual([['change-healthcare', 'host']]);
      expect(await browser.waitForBadge(tabId, expectedBadge(['change-healthcare']))).toEqual(expectedBadge(['change-healthcare']));
    } finally {
      // The next worker compiles the index again, without the rule, and stores that one.
      await browser.inWorker(dropStoredIndex, null);
      await browser.stopServiceWorker(page);
    }
    await page.goto(server.url('trap.html?stored-index-dropped'));
    await browser.waitForScan(tabId, page.url());
    expect(await browser.waitForBadge(tabId, EMPTY_BADGE)).toMatchObject(EMPTY_BADGE);
    await page.close();
  });

  it('still knows an already scanned tab after the service worker stops', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?survive'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);
    await browser.inWorker(() => {
      (globalThis as { beforeStop?: boolean }).beforeStop = true;
    }, null);
    await browser.stopServiceWorker(page);

    // Nothing navigates: the next worker starts for the harness's question (or the popup's, below).
    expect(await browser.badgeOf(tabId)).toEqual(VENDOR_BADGE);
    expect(await browser.inWorker(() => (globalThis as { beforeStop?: boolean }).beforeStop ?? false, null)).toBe(false);
    // The background remembers the tab in storage.session, not in the stopped worker's memory.
    const state = await browser.tabState(tabId);
    expect(state?.detections.map((d) => d.vendorId).sort()).toEqual(['change-healthcare', 'epic-systems']);
    await page.close();
  });
});

describe('inline marker', () => {
  it('marks the first mention of Change Healthcare, even when the name is split across inline tags', async () => {
    const { page } = await browser.open(server.url('vendor.html?marker'));
    // One marker per vendor with incidents (Change Healthcare; Epic only if the dataset gives it incidents).
    const withIncidents = reportsFor(VENDOR_PAGE_IDS).filter((r) => r.summary.count > 0).map((r) => r.vendor.id);
    const markers = await pollUntil('the markers', () => markersOn(page), (m) => m.length >= withIncidents.length);
    expect(markers.map((m) => m.vendor).sort()).toEqual([...withIncidents].sort());
    // After "Healthcare" inside <b>: the first mention, "Change <b>Healthcare</b>", read as one name.
    expect(markers.find((m) => m.vendor === 'change-healthcare')).toEqual({
      vendor: 'change-healthcare',
      severity: 'high',
      after: 'Healthcare',
      parent: 'b',
    });
    expect(await page.locator('#lede vendor-risk-marker[data-vendor="change-healthcare"]').count()).toBe(1);
    // The closed shadow root keeps the page's scripts out.
    expect(await page.evaluate(() => document.querySelector('vendor-risk-marker')?.shadowRoot ?? null)).toBeNull();
    await page.close();
  });

  it('posts nothing to the page while it scans and marks it: a page cannot tell it is there from messages', async () => {
    const { page, tabId } = await browser.open(server.url('vendor.html?messages'));
    const first = await browser.waitForScan(tabId, page.url());
    // The page listens from its first script on, then loads again: the content script is injected anew.
    await page.addInitScript(() => {
      const heard: unknown[] = [];
      (window as unknown as { heard: unknown[] }).heard = heard;
      window.addEventListener('message', (event) => heard.push(event.data), true);
    });
    await page.reload();
    await browser.waitForScan(tabId, page.url(), first.scannedAt);
    await pollUntil('the marker', () => markersOn(page), (m) => m.some((x) => x.vendor === 'change-healthcare'));
    expect(await page.evaluate(() => (window as unknown as { heard?: unknown[] }).heard)).toEqual([]);
    await page.close();
  });

  it('marks every vendor of a page that names 150 organisations as the reader reaches them, and shows a card on hover', async () => {
    const { page, tabId } = await browser.open(server.url('many-vendors.html'));
    const state = await browser.waitForScan(tabId, page.url());
    const withIncidents = reportsFor(state.detections.map((d) => d.vendorId)).filter((r) => r.summary.count > 0);
    expect(withIncidents.length).toBeGreaterThanOrEqual(100);
    // Markers are built as their place comes near the viewport: at first, those of the first screens only.
    await pollUntil('the first markers', () => markersOn(page), (m) => m.length > 0);
    await page.waitForTimeout(500); // time enough to build all 100+, a batch per frame, were they all wanted now
    const nearTop = await page.evaluate(() =>
      [...document.querySelectorAll('vendor-risk-marker')].map((m) => m.getBoundingClientRect().top / innerHeight),
    );
    expect(nearTop.length).toBeLessThan(withIncidents.length);
    expect(Math.max(...nearTop)).toBeLessThan(2.1); // within a screen below the viewport
    // Reading down the page brings up the rest, a batch per frame: all of them, each once, in the end.
    await page.evaluate(async () => {
      for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
    });
    const markers = await pollUntil('every marker', () => markersOn(page), (m) => m.length >= withIncidents.length);
    expect(markers.map((m) => m.vendor).sort()).toEqual(withIncidents.map((r) => r.vendor.id).sort());
    // The card is built on first hover: the marker grows a card below its pill (closed shadow root, so measured).
    const marker = page.locator('vendor-risk-marker').first();
    await marker.hover();
    const card = await pollUntil('the card', () => page.evaluate(() => {
      const m = document.querySelector('vendor-risk-marker')!;
      return document.elementsFromPoint(m.getBoundingClientRect().left + 20, m.getBoundingClientRect().bottom + 30).includes(m);
    }), Boolean);
    expect(card).toBe(true);
    await page.close();
  });

  it('counts a vendor named in a closed <details> at once, and marks it when the reader opens it', async () => {
    const { page, tabId } = await browser.open(server.url('details.html'));
    const state = await browser.waitForScan(tabId, page.url());
    expect(state.detections.map((d) => d.vendorId)).toContain('change-healthcare');
    await page.waitForTimeout(500); // time enough for a marker, were it built for text nobody can see
    expect(await markersOn(page)).toEqual([]);
    await page.locator('#answer summary').click();
    const markers = await pollUntil('the marker once the answer is open', () => markersOn(page), (m) => m.length > 0);
    expect(markers.map((m) => [m.vendor, m.parent])).toEqual([['change-healthcare', 'p']]);
    await page.close();
  });

  it('draws nothing on the trap page', async () => {
    const { page, tabId } = await browser.open(server.url('trap.html?marker'));
    await browser.waitForScan(tabId, page.url());
    // The background's reply (no markers) comes after the scan is stored; give the page a frame to draw.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await markersOn(page)).toEqual([]);
    await page.close();
  });
});

describe('popup', () => {
  it('lists the vendors of a tab with their history and the evidence', async () => {
    const { page: tab, tabId } = await browser.open(server.url('vendor.html?popup'));
    await browser.waitForBadge(tabId, VENDOR_BADGE);

    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(tabId));
    const change = popup.locator('.vendor-card[data-vendor-id="change-healthcare"]');
    await change.waitFor();
    expect(await change.getAttribute('data-severity')).toBe('high');
    // textContent, not innerText: incidents and evidence sit in <details> that may be closed.
    expect(await change.locator('.vendor-name').textContent()).toContain('Change Healthcare');
    expect(await change.locator('.vendor-summary').textContent()).toBe(summaryOf('change-healthcare'));
    const incidentIds = await change.locator('li.incident').evaluateAll((items) => items.map((i) => i.getAttribute('data-incident-id')));
    expect(incidentIds).toEqual(incidentIdsOf('change-healthcare'));
    const incident = change.locator('li.incident[data-incident-id="change-healthcare-2024-ransomware"]');
    expect(await incident.count()).toBe(1);
    expect(await incident.textContent()).toMatch(/Ransomware/);
    expect(await incident.textContent()).toContain('Change Healthcare ransomware attack (ALPHV/BlackCat)');
    const evidence = change.locator('li.evidence[data-kind="text"]');
    expect(await evidence.count()).toBeGreaterThan(0);
    expect(await evidence.first().textContent()).toContain('Change Healthcare');
    expect(await change.locator('li.evidence[data-kind="link"]').count()).toBe(1);

    const epic = popup.locator('.vendor-card[data-vendor-id="epic-systems"]');
    expect(await epic.count()).toBe(1);
    const epicReport = reportsFor(['epic-systems'])[0]!;
    expect(await epic.getAttribute('data-severity')).toBe(epicReport.summary.severity);
    expect(await epic.locator('li.incident').count()).toBe(epicReport.incidents.length);
    expect(await epic.locator('.vendor-summary').textContent()).toBe(summaryOf('epic-systems'));
    expect(await epic.locator('li.evidence[data-kind="footer"]').count()).toBe(1);
    // Worst first (the red card leads), in the background's order.
    const order = await popup.locator('.vendor-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-vendor-id')));
    expect(order).toEqual(reportsFor(VENDOR_PAGE_IDS).map((r) => r.vendor.id));
    expect(order[0]).toBe('change-healthcare');
    await popup.close();
    await tab.close();
  });

  it('says when a tab has no vendors', async () => {
    const { page: tab, tabId } = await browser.open(server.url('trap.html?popup'));
    await browser.waitForScan(tabId, tab.url());
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(tabId));
    await popup.locator('.state-empty').waitFor();
    expect(await popup.locator('.vendor-card').count()).toBe(0);
    await popup.close();
    await tab.close();
  });

  it('says a browser page cannot be scanned', async () => {
    const { page: tab, tabId } = await browser.open('about:blank');
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl(tabId));
    await popup.locator('.state-unsupported').waitFor();
    await popup.close();
    await tab.close();
  });
});
