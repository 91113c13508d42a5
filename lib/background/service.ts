import type { Browser, WxtBrowser } from 'wxt/browser';
import { badgeFor } from '../badge';
import { indexDataset, type Dataset } from '../dataset/dataset';
import type { SerializedDetectionIndex } from '../detection/detection-index';
import { parseUrl } from '../detection/hosts';
import { Request, type MarkerInfo, type PageDetectionsReply, type RequestOf } from '../messages';
import { reportDetections, type VendorReport } from '../report';
import { isAcknowledged } from '../acknowledge';
import { describeHistory } from '../risk/describe';
import { excludedBy, type Settings } from '../settings/schema';
import { createSettingsReader } from '../settings/read';
import type { ActiveDataset, DatasetSource } from '../store/dataset-store';
import { measure } from '../perf';
import { compileIndex } from './compiled-index';
import { createSiteAccess, SCANNER_FILE, type SiteAccess } from './site-access';
import { parseTabState, tabKey, type TabState } from './tab-state';

/** What the popup shows for a tab. */
export interface TabReport {
  /**
   * `excluded`: the site is in the excluded sites; `on-click`: the page is scanned when the toolbar button
   * is clicked (scan-on-click mode, or automatic mode before the user allowed every site) and was not yet.
   */
  status: 'scanned' | 'not-scanned' | 'unsupported' | 'excluded' | 'on-click';
  /** Whether the extension reads pages on its own (see lib/background/site-access.ts). */
  siteAccess: SiteAccess;
  url: string | null;
  vendors: VendorReport[];
  dataset: { version: string; source: DatasetSource; storageProblem?: string };
}

const REQUEST_TYPES = new Set<string>(Request.options.map((o) => o.shape.type.value));

interface Loaded {
  active: ActiveDataset;
  dataset: Dataset;
  index: SerializedDetectionIndex;
}

export interface BackgroundDeps {
  browser: WxtBrowser;
  loadDataset(): Promise<ActiveDataset>;
  /** The detection index for a dataset, as pages receive it; compiled from it unless given (see compiled-index.ts). */
  loadIndex?(active: ActiveDataset): Promise<SerializedDetectionIndex>;
  now(): Date;
}

/**
 * The background's whole job, independent of how it is wired: load the dataset once per worker life,
 * answer the content script and popup, and keep each tab's badge right.
 */
export function createBackground({ browser, loadDataset, loadIndex = async (a) => compileIndex(a.bundle), now }: BackgroundDeps) {
  let loading: Promise<Loaded> | null = null;
  const loaded = (): Promise<Loaded> =>
    (loading ??= (async () => {
      // Measures for the bench (lib/perf.ts): 'dataset-load', 'index-load', and 'badge' below (a content
      // script's result received until its badge is set).
      const start = performance.now();
      const active = await loadDataset();
      const built = measure('dataset-load', start);
      const dataset = indexDataset(active.bundle);
      const index = await loadIndex(active);
      measure('index-load', built);
      return { active, dataset, index };
    })().catch((error: unknown) => {
      loading = null; // a failed load is retried by the next request, not cached for the worker's life
      throw error;
    }));

  // Effective settings: storage.sync merged with the policy (storage.managed), see lib/settings/resolve.ts.
  const settingsReader = createSettingsReader(browser);
  const settings = async (): Promise<Settings> => (await settingsReader.read()).values;
  const siteAccess = createSiteAccess(browser, async () => (await settings()).scanMode);

  /** In on-click mode: the origin the user asked to scan in this tab (the popup's 'scan-tab'). */
  const activationKey = (tabId: number) => `activated:${tabId}`;
  async function activatedOrigin(tabId: number): Promise<string | null> {
    const stored = await browser.storage.session.get(activationKey(tabId));
    const origin = stored[activationKey(tabId)];
    return typeof origin === 'string' ? origin : null;
  }
  const originOf = (url: string | null | undefined): string | null => {
    try {
      return url ? new URL(url).origin : null;
    } catch {
      return null;
    }
  };

  /** Why a page must not be scanned (an excluded site; on-click mode before the click), or null. */
  async function skipReason(tabId: number | undefined, url: string | undefined): Promise<'excluded' | 'on-click' | null> {
    const current = await settings();
    if (excludedBy(current.excludedSites, url)) return 'excluded';
    if (current.scanMode !== 'on-click') return null;
    if (tabId === undefined) return 'on-click';
    const origin = await activatedOrigin(tabId);
    return origin !== null && origin === originOf(url) ? null : 'on-click';
  }

  /**
   * The popup opened on a tab (a click on the toolbar button, which grants activeTab): scan it now. The
   * content script already there is asked to scan; where it is not (no host permission for the site), the
   * content script is injected through the scripting API, and scans as it starts.
   */
  async function scanTab(tabId: number): Promise<{ started: boolean }> {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    const url = tab?.url;
    if (!url || !parseUrl(url)) return { started: false };
    if (excludedBy((await settings()).excludedSites, url)) return { started: false };
    await browser.storage.session.set({ [activationKey(tabId)]: originOf(url) });
    try {
      await browser.tabs.sendMessage(tabId, { type: 'scan-now' });
    } catch {
      await browser.scripting.executeScript({ target: { tabId }, files: [SCANNER_FILE] });
    }
    return { started: true };
  }

  async function readTab(tabId: number): Promise<TabState | null> {
    const key = tabKey(tabId);
    const stored = await browser.storage.session.get(key);
    return parseTabState(stored[key]);
  }

  async function showBadge(tabId: number, reports: readonly VendorReport[], enabled: boolean): Promise<void> {
    const badge = enabled ? badgeFor(reports) : { text: '', color: '#616161', title: badgeFor(reports).title };
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
    // White text reads on every badge colour; older browsers lack the call.
    if ('setBadgeTextColor' in browser.action) await browser.action.setBadgeTextColor({ tabId, color: '#FFFFFF' });
  }

  async function onPageDetections(message: RequestOf<'page-detections'>, tabId: number): Promise<PageDetectionsReply> {
    const received = performance.now();
    const [{ dataset }, userSettings] = await Promise.all([loaded(), settings()]);
    if (excludedBy(userSettings.excludedSites, message.url)) return { markers: [] };
    const state: TabState = { url: message.url, detections: message.detections, scannedAt: now().toISOString() };
    await browser.storage.session.set({ [tabKey(tabId)]: state });
    const reports = reportDetections(dataset, message.detections, now());
    await showBadge(tabId, reports, userSettings.badge);
    measure('badge', received);
    const markers: MarkerInfo[] = userSettings.inlineMarkers
      ? reports
          .filter((r) => r.summary.count > 0 && (userSettings.markerSeverities as string[]).includes(r.summary.severity))
          .filter((r) => !isAcknowledged(userSettings.acknowledged, r.vendor.id, r.incidents))
          .map((r) => ({
            vendorId: r.vendor.id,
            name: r.vendor.name,
            severity: r.summary.severity,
            summary: describeHistory(r.summary),
          }))
      : [];
    return { markers };
  }

  async function tabReport(tabId: number): Promise<TabReport> {
    const [{ active, dataset }, tab, state, access] = await Promise.all([
      loaded(),
      browser.tabs.get(tabId).catch(() => null),
      readTab(tabId),
      siteAccess.current(),
    ]);
    const url = tab?.url ?? state?.url ?? null;
    const base = {
      url,
      siteAccess: access,
      vendors: [],
      dataset: { version: active.bundle.version, source: active.source, storageProblem: active.storageProblem },
    };
    if (!url || !parseUrl(url)) return { ...base, status: 'unsupported' };
    const skip = await skipReason(tabId, url);
    if (skip === 'excluded') return { ...base, status: 'excluded' };
    if (!state && (skip === 'on-click' || access === 'needs-permission')) return { ...base, status: 'on-click' };
    if (!state) return { ...base, status: 'not-scanned' };
    return { ...base, status: 'scanned', vendors: reportDetections(dataset, state.detections, now()) };
  }

  /** The runtime.onMessage handler: only this extension may ask, and only in the shapes of `Request`. */
  function onMessage(raw: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    if (sender.id !== browser.runtime.id) return undefined;
    // Other listeners (updates, settings) answer their own message types.
    if (!REQUEST_TYPES.has((raw as { type?: unknown } | null)?.type as string)) return undefined;
    const parsed = Request.safeParse(raw);
    if (!parsed.success) {
      console.warn('vendor-risk: dropped a malformed message', parsed.error.issues[0]?.message);
      return undefined;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'get-index':
        // The page's address comes from the sender (the frame the content script runs in), never the message.
        return skipReason(sender.tab?.id, sender.url ?? sender.tab?.url).then((skip) =>
          skip ? { index: null, skip } : loaded().then(({ index }) => ({ index: message.have === index.datasetVersion ? null : index })),
        );
      case 'page-detections': {
        const tabId = sender.tab?.id;
        if (tabId === undefined || sender.frameId) return undefined; // top frames of tabs only
        return onPageDetections(message, tabId);
      }
      case 'get-tab-report':
        // Only extension pages (the popup) may read reports; content scripts have a tab.
        if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
        return tabReport(message.tabId);
      case 'scan-tab':
        if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
        return scanTab(message.tabId);
    }
  }

  /** A navigation starts a new page: forget the old page's vendors and clear its badge. */
  async function onTabUpdated(tabId: number, change: Browser.tabs.OnUpdatedInfo): Promise<void> {
    if (change.status !== 'loading' || !change.url) return;
    const state = await readTab(tabId);
    if (state && state.url === change.url) return;
    await browser.storage.session.remove(tabKey(tabId));
    await showBadge(tabId, [], true);
  }

  async function onTabRemoved(tabId: number): Promise<void> {
    await browser.storage.session.remove([tabKey(tabId), activationKey(tabId)]);
  }

  /** The policy changed (storage.onChanged, area 'managed'): read it again. */
  function onPolicyChanged(): void {
    settingsReader.invalidatePolicy();
  }

  /** Drops the loaded dataset: the next request loads the active one again (after an update or import). */
  function reload(): void {
    loading = null;
  }

  return {
    onMessage,
    onTabUpdated,
    onTabRemoved,
    onPolicyChanged,
    /** Registers or drops the content script after a start, a settings change or a permission change. */
    syncSiteAccess: siteAccess.sync,
    reload,
    warm: () => {
      settingsReader.warm();
      return loaded().then(() => undefined);
    },
  };
}
