import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { createBackground, type TabReport } from '../../lib/background/service';
import { installSiteAccessFake } from './fake-site-access';
import { TEST_BUNDLE } from './helpers';

const NOW = new Date('2026-11-28T12:00:00Z');
const bundle = TEST_BUNDLE;

const browser = fakeBrowser as unknown as WxtBrowser;
const start = () => createBackground({ browser, now: () => NOW, loadDataset: async () => ({ bundle, source: 'bundled' }) });
const fromTab = (tabId: number) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 0 });
const detections = [
  { vendorId: 'change-healthcare', evidence: [{ kind: 'text' as const, text: 'the Change Healthcare attack' }] },
  { vendorId: 'epic', evidence: [{ kind: 'footer' as const, text: 'Powered by Epic' }] },
];

describe('background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installSiteAccessFake(fakeBrowser, { granted: true });
  });

  it('serves the detection index once per dataset version', async () => {
    const background = start();
    const first = (await background.onMessage({ type: 'get-index' }, fromTab(1))) as { index: { datasetVersion: string } };
    expect(first.index.datasetVersion).toBe('2026.11.1');
    expect(await background.onMessage({ type: 'get-index', have: '2026.11.1' }, fromTab(1))).toEqual({ index: null });
  });

  it('badges the tab from the content script report and answers with markers', async () => {
    const background = start();
    const reply = await background.onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromTab(7));
    expect(reply).toEqual({
      markers: [
        {
          vendorId: 'change-healthcare',
          name: 'Change Healthcare',
          severity: 'high',
          summary: '1 reported incident in 2024; it affected 192.7 million people',
        },
      ],
    });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 7 })).toEqual([198, 40, 40, 255]);
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toContain('Change Healthcare');
  });

  it('keeps the tab report across a worker restart', async () => {
    await start().onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromTab(7));
    await fakeBrowser.tabs.create({ url: 'https://a.example/' });
    const [tab] = await fakeBrowser.tabs.query({});
    const restarted = start();
    await restarted.onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromTab(tab!.id!));
    const report = (await start().onMessage({ type: 'get-tab-report', tabId: tab!.id! }, { id: fakeBrowser.runtime.id })) as TabReport;
    expect(report.status).toBe('scanned');
    expect(report.vendors.map((v) => [v.vendor.id, v.summary.severity])).toEqual([
      ['change-healthcare', 'high'],
      ['epic', 'none'],
    ]);
  });

  it('honours the inline marker and badge settings', async () => {
    await fakeBrowser.storage.sync.set({ settings: { inlineMarkers: false, badge: false } });
    const reply = await start().onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromTab(3));
    expect(reply).toEqual({ markers: [] });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
  });

  it('drops malformed messages and messages from elsewhere', async () => {
    const background = start();
    expect(background.onMessage({ type: 'page-detections', url: 5 }, fromTab(1))).toBeUndefined();
    expect(background.onMessage({ type: 'delete-everything' }, fromTab(1))).toBeUndefined();
    expect(background.onMessage({ type: 'get-index' }, { id: 'another-extension' })).toBeUndefined();
    expect(background.onMessage({ type: 'get-tab-report', tabId: 1 }, { ...fromTab(1), url: 'https://evil.example/' })).toBeUndefined();
    // Structured clone carries more than JSON: such values where the schema wants text are refused too.
    expect(background.onMessage({ type: 'page-detections', url: new URL('https://a.example/'), detections }, fromTab(1))).toBeUndefined();
    expect(background.onMessage({ type: 'page-detections', url: 'https://a.example/', detections: new Map() }, fromTab(1))).toBeUndefined();
    expect(background.onMessage({ type: 'get-index', have: new Date() }, fromTab(1))).toBeUndefined();
  });

  it('clears a tab on navigation to another page', async () => {
    const background = start();
    await background.onMessage({ type: 'page-detections', url: 'https://a.example/', detections }, fromTab(9));
    await background.onTabUpdated(9, { status: 'loading', url: 'https://b.example/' });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 9 })).toBe('');
    expect(await fakeBrowser.storage.session.get('tab:9')).toEqual({});
  });

  it('says when a tab cannot be scanned', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://settings/' });
    const report = (await start().onMessage({ type: 'get-tab-report', tabId: tab.id! }, { id: fakeBrowser.runtime.id })) as TabReport;
    expect(report.status).toBe('unsupported');
  });
});

describe('background dataset loading', () => {
  beforeEach(() => fakeBrowser.reset());

  it('tries again after a failed load instead of failing for the rest of the worker life', async () => {
    let attempts = 0;
    const background = createBackground({
      browser,
      now: () => NOW,
      loadDataset: async () => {
        attempts++;
        if (attempts === 1) throw new Error('IndexedDB hiccup');
        return { bundle, source: 'bundled' };
      },
    });
    await expect(background.onMessage({ type: 'get-index' }, fromTab(1))).rejects.toThrow('IndexedDB hiccup');
    const reply = (await background.onMessage({ type: 'get-index' }, fromTab(1))) as { index: { datasetVersion: string } };
    expect(reply.index.datasetVersion).toBe('2026.11.1');
  });
});
