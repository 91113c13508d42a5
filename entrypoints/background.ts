import { browser } from 'wxt/browser';
import { activeDatasetCache } from '../lib/background/active-dataset';
import { createDirectoryListener } from '../lib/background/directory';
import { createBackground } from '../lib/background/service';
import { wireUpdater } from '../lib/background/updates';
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
  const reload = () => {
    active.invalidate();
    background.reload();
  };
  browser.runtime.onMessage.addListener(background.onMessage);
  browser.runtime.onMessage.addListener(createDirectoryListener({ browser, loadDataset: active.get }).onMessage);
  browser.tabs.onUpdated.addListener((tabId, change) => void background.onTabUpdated(tabId, change));
  browser.tabs.onRemoved.addListener((tabId) => void background.onTabRemoved(tabId));
  // Enterprise policy changes apply live.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') background.onPolicyChanged();
  });
  void background.warm();
  wireUpdater({ browser, background: { reload }, bundled, now });
});
