import { browser } from 'wxt/browser';
import { activeDatasetCache } from '../lib/background/active-dataset';
import { createDirectoryListener } from '../lib/background/directory';
import { createBackground } from '../lib/background/service';
import { wireUpdater } from '../lib/background/updates';
import { SETTINGS_KEY } from '../lib/settings/read';
import { bundledDataset } from '../lib/store/bundled';
import release from '../data/curated/release.json';

export default defineBackground(() => {
  const now = () => new Date();
  // The shipped dataset is a gzipped file in the package (see wxt.config.ts), read only when it is needed.
  const bundled = bundledDataset(release.version, async () => {
    // Added by a build hook, so WXT's typed list of public paths does not know it.
    const url = (browser.runtime.getURL as (path: string) => string)('/dataset.json.gz');
    const response = await fetch(url);
    if (!response.body) throw new Error('the bundled dataset file is empty');
    return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).json();
  });
  const active = activeDatasetCache(bundled, now);
  const background = createBackground({ browser, now, loadDataset: active.get });
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
    if (area === 'sync' && SETTINGS_KEY in changes) void syncSiteAccess();
  });
  // The user allowed or took back access to every site (options page, popup, the browser's own menus).
  browser.permissions.onAdded.addListener(() => void syncSiteAccess());
  browser.permissions.onRemoved.addListener(() => void syncSiteAccess());
  const started = syncSiteAccess();
  // A fresh install in automatic mode asks for access to every site on the options page, with the reasons.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void started.then(async (access) => {
      if (access === 'needs-permission') await browser.tabs.create({ url: browser.runtime.getURL('/options.html') + '#site-access' });
    });
  });
  void background.warm();
  wireUpdater({ browser, background: { reload }, bundled, now });
});
