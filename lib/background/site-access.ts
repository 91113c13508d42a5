import type { WxtBrowser } from 'wxt/browser';
import type { ScanMode } from '../settings/schema';

/** The sites automatic mode reads: an optional host permission in Chrome and Edge, a revocable one in Firefox. */
export const ALL_SITES = ['http://*/*', 'https://*/*'];
/** The content script's file in the build (WXT's output path for entrypoints/content-script.ts). */
export const SCANNER_FILE = '/content-script.js';
const SCANNER_ID = 'vendor-scanner';

/**
 * How the extension reaches pages: `all-sites` (automatic mode, allowed on every site), `needs-permission`
 * (automatic mode, but the user has not allowed it yet, or took it back: pages are scanned on click
 * meanwhile), `on-click` (scan-on-click mode: no standing access at all).
 */
export type SiteAccess = 'all-sites' | 'needs-permission' | 'on-click';

type Browserish = Pick<WxtBrowser, 'permissions' | 'scripting' | 'tabs'>;

export function siteAccessFor(mode: ScanMode, allSitesGranted: boolean): SiteAccess {
  if (mode === 'on-click') return 'on-click';
  return allSitesGranted ? 'all-sites' : 'needs-permission';
}

/**
 * Keeps the registered content script in line with the scan mode and the host permission: registered only
 * in automatic mode with the permission granted. In on-click mode it also gives back a host permission an
 * earlier automatic mode was granted, so the extension holds none. Calls run one after another, so a burst
 * of events (a setting and a permission changing together) cannot register the script twice.
 */
export function createSiteAccess(browser: Browserish, scanMode: () => Promise<ScanMode>) {
  let queue: Promise<unknown> = Promise.resolve();

  async function current(): Promise<SiteAccess> {
    const mode = await scanMode();
    return siteAccessFor(mode, mode === 'automatic' && (await browser.permissions.contains({ origins: ALL_SITES })));
  }

  async function apply(): Promise<SiteAccess> {
    const access = await current();
    if (access === 'on-click' && (await browser.permissions.contains({ origins: ALL_SITES }))) {
      // Refused where the browser does not let an extension drop it (then it is simply not used).
      await browser.permissions.remove({ origins: ALL_SITES }).catch(() => false);
    }
    const registered = (await browser.scripting.getRegisteredContentScripts({ ids: [SCANNER_ID] })).length > 0;
    if (access === 'all-sites' && !registered) {
      await browser.scripting.registerContentScripts([
        { id: SCANNER_ID, js: [SCANNER_FILE], matches: ALL_SITES, runAt: 'document_idle', persistAcrossSessions: true },
      ]);
      await scanOpenTabs();
    } else if (access !== 'all-sites' && registered) {
      await browser.scripting.unregisterContentScripts({ ids: [SCANNER_ID] });
    }
    // The mode or the permission may have changed while this ran: report what holds now.
    return current();
  }

  /** Pages already open when access was granted (or the extension installed) get the content script too. */
  async function scanOpenTabs(): Promise<void> {
    const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined && /^https?:/.test(tab.url ?? ''));
    await Promise.all(
      tabs.map((tab) =>
        // A tab that closed meanwhile or cannot be scripted (a store page) is skipped.
        browser.scripting.executeScript({ target: { tabId: tab.id! }, files: [SCANNER_FILE] }).catch(() => undefined),
      ),
    );
  }

  return {
    current,
    /** Brings the registration in line; resolves with the access that now holds. */
    sync(): Promise<SiteAccess> {
      const run = queue.then(apply, apply);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
