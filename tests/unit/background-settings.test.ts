import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { createBackground, type TabReport } from '../../lib/background/service';
import { SCANNER_FILE } from '../../lib/background/site-access';
import { installSiteAccessFake } from './fake-site-access';
import { TEST_BUNDLE } from './helpers';

/** The background with settings and policy: excluded sites, on-click mode, marker severities. */
const NOW = new Date('2026-11-28T12:00:00Z');
const bundle = TEST_BUNDLE;
const detections = [{ vendorId: 'change-healthcare', evidence: [{ kind: 'text' as const, text: 'the Change Healthcare attack' }] }];

let managed: Record<string, unknown> = {};
const browser = new Proxy(fakeBrowser, {
  get(target, prop) {
    if (prop === 'storage') return { ...target.storage, managed: { get: async () => managed } };
    return Reflect.get(target, prop) as unknown;
  },
}) as unknown as WxtBrowser;
const start = () => createBackground({ browser, now: () => NOW, loadDataset: async () => ({ bundle, source: 'bundled' }) });
const fromPage = (tabId: number, url: string) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId, url } as never, frameId: 0, url });
const fromPopup = { id: fakeBrowser.runtime.id };

describe('background with settings and policy', () => {
  let siteAccess: ReturnType<typeof installSiteAccessFake>;
  beforeEach(() => {
    fakeBrowser.reset();
    siteAccess = installSiteAccessFake(fakeBrowser, { granted: true });
    managed = {};
  });

  it('tells the content script to skip an excluded site, and reports the tab as excluded', async () => {
    await fakeBrowser.storage.sync.set({ settings: { excludedSites: ['*.intranet.example'] } });
    const background = start();
    expect(await background.onMessage({ type: 'get-index' }, fromPage(1, 'https://wiki.intranet.example/a'))).toEqual({
      index: null,
      skip: 'excluded',
    });
    const served = (await background.onMessage({ type: 'get-index' }, fromPage(1, 'https://news.example/a'))) as { index: unknown };
    expect(served.index).not.toBeNull();
    // Even a report from an excluded page sets no badge.
    expect(await background.onMessage({ type: 'page-detections', url: 'https://wiki.intranet.example/a', detections }, fromPage(2, 'https://wiki.intranet.example/a'))).toEqual({ markers: [] });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('');
    const tab = await fakeBrowser.tabs.create({ url: 'https://wiki.intranet.example/a' });
    const report = (await background.onMessage({ type: 'get-tab-report', tabId: tab.id! }, fromPopup)) as TabReport;
    expect(report.status).toBe('excluded');
  });

  it('applies a locked policy over the user settings', async () => {
    await fakeBrowser.storage.sync.set({ settings: { excludedSites: [] } });
    managed = { excludedSites: ['news.example'], lockedSettings: ['excludedSites'] };
    expect(await start().onMessage({ type: 'get-index' }, fromPage(1, 'https://news.example/a'))).toEqual({ index: null, skip: 'excluded' });
  });

  it('in on-click mode skips until the popup asks for a scan of the tab', async () => {
    managed = { scanMode: 'on-click' };
    const background = start();
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example/a' });
    const page = fromPage(tab.id!, 'https://news.example/a');
    expect(await background.onMessage({ type: 'get-index' }, page)).toEqual({ index: null, skip: 'on-click' });
    expect(((await background.onMessage({ type: 'get-tab-report', tabId: tab.id! }, fromPopup)) as TabReport).status).toBe('on-click');

    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(true);
    expect(await background.onMessage({ type: 'scan-tab', tabId: tab.id! }, fromPopup)).toEqual({ started: true });
    expect(sendMessage).toHaveBeenCalledWith(tab.id, { type: 'scan-now' });
    const served = (await background.onMessage({ type: 'get-index' }, page)) as { index: unknown };
    expect(served.index).not.toBeNull();
    // Another site in the same tab is not covered by that click.
    expect(await background.onMessage({ type: 'get-index' }, fromPage(tab.id!, 'https://other.example/'))).toEqual({ index: null, skip: 'on-click' });
    // Content scripts cannot ask for scans.
    expect(background.onMessage({ type: 'scan-tab', tabId: tab.id! }, page)).toBeUndefined();
  });

  it('in automatic mode without access to every site, scans a tab when the popup asks and says why', async () => {
    siteAccess.revoke();
    const background = start();
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example/a' });
    const report = (await background.onMessage({ type: 'get-tab-report', tabId: tab.id! }, fromPopup)) as TabReport;
    expect(report).toMatchObject({ status: 'on-click', siteAccess: 'needs-permission' });

    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('no content script'));
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
    expect(await background.onMessage({ type: 'scan-tab', tabId: tab.id! }, fromPopup)).toEqual({ started: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: [SCANNER_FILE] });
    await background.onMessage({ type: 'page-detections', url: 'https://news.example/a', detections }, fromPage(tab.id!, 'https://news.example/a'));
    const scanned = (await background.onMessage({ type: 'get-tab-report', tabId: tab.id! }, fromPopup)) as TabReport;
    expect(scanned).toMatchObject({ status: 'scanned', siteAccess: 'needs-permission' });
  });

  it('marks only the chosen severities', async () => {
    await fakeBrowser.storage.sync.set({ settings: { markerSeverities: ['medium', 'low'] } });
    const reply = await start().onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromPage(3, 'https://a.example/'));
    expect(reply).toEqual({ markers: [] });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('1'); // the badge still counts it
  });
});
