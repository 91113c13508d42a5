import { browser } from 'wxt/browser';
import { activeDatasetCache } from '../lib/background/active-dataset';
import { indexLoader, SHIPPED_INDEX_FILE } from '../lib/background/compiled-index';
import { createDirectoryListener } from '../lib/background/directory';
import { createBackground } from '../lib/background/service';
import { ALL_SITES, siteAccessFor } from '../lib/background/site-access';
import { wireUpdater } from '../lib/background/updates';
import { readEffectiveSettings, SETTINGS_KEY } from '../lib/settings/read';
import { bundledDataset } from '../lib/store/bundled';
import { indexCache } from '../lib/store/index-cache';
import release from '../data/curated/release.json';

declare global {
  interface ImportMetaEnv {
    /** The index compiler's build (wxt.config.ts). */
    readonly VBR_INDEX_COMPILER: string;
  }
}

export default defineBackground(() => {
  const now = () => new Date();
  // Files added by build hooks (wxt.config.ts), so WXT's typed list of public paths does not know them.
  const packaged = (path: string) => fetch((browser.runtime.getURL as (path: string) => string)(`/${path}`));
  // The shipped dataset is a gzipped file in the package, read only when it is needed.
  const bundled = bundledDataset(release.version, async () => {
    const response = await packaged('dataset.json.gz');
    if (!response.body) throw new Error('the bundled dataset file is empty');
    return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).json();
  });
  const active = activeDatasetCache(bundled, now);
  const loadIndex = indexLoader(
    bundled,
    async () => (await packaged(SHIPPED_INDEX_FILE)).json(),
    indexCache(import.meta.env.VBR_INDEX_COMPILER),
  );
  const background = createBackground({ browser, now, loadDataset: active.get, loadIndex });
  const syncSiteAccess = () =>
    background.syncSiteAccess().catch((error: unknown) => {
      console.warn('vendor-risk: could not update site access', error);
      return null;
    });
  const reload = () => {
    active.invalidate();
    background.reload();
  };
  browser.runtime.onMessage.addListener(background.onMessage);
  browser.runtime.onMessage.addListener(createDirectoryListener({ browser, loadDataset: active.get }).onMessage);
  browser.tabs.onUpdated.addListener((tabId, change) => void background.onTabUpdated(tabId, change));
  browser.tabs.onRemoved.addListener((tabId) => void background.onTabRemoved(tabId));
  // Enterprise policy changes apply live.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') background.onPolicyChanged();
    // The scan mode may have changed, by policy or on the options page.
    if (area === 'managed' || (area === 'sync' && SETTINGS_KEY in changes)) void syncSiteAccess();
  });
  // The user allowed or took back access to every site (options page, popup, the browser's own menus).
  browser.permissions.onAdded.addListener(() => void syncSiteAccess());
  browser.permissions.onRemoved.addListener(() => void syncSiteAccess());
  void syncSiteAccess();
  // A fresh install in automatic mode asks for access to every site on the options page, with the reasons.
  // It waits for the policy however long Chrome takes to read it: where an administrator set on-click mode,
  // nobody is asked.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void (async () => {
      const [{ values }, granted] = await Promise.all([
        readEffectiveSettings(browser),
        browser.permissions.contains({ origins: ALL_SITES }),
      ]);
      if (siteAccessFor(values.scanMode, granted) === 'needs-permission') {
        await browser.tabs.create({ url: browser.runtime.getURL('/options.html') + '#site-access' });
      }
    })().catch((error: unknown) => console.warn('vendor-risk: could not offer site access', error));
  });
  // The bundled dataset read on a first start is stored once detection is ready, not before.
  void background.warm().finally(active.save);
  wireUpdater({ browser, background: { reload }, bundled, now });
});
