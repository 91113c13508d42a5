import { browser } from 'wxt/browser';
import { activeDatasetCache } from '../lib/background/active-dataset';
import { indexLoader, SHIPPED_INDEX_FILE } from '../lib/background/compiled-index';
import { createDirectoryListener } from '../lib/background/directory';
import { createBackground } from '../lib/background/service';
import { wireUpdater } from '../lib/background/updates';
import { bundledDataset } from '../lib/store/bundled';
import release from '../data/curated/release.json';

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
  const loadIndex = indexLoader(bundled, async () => (await packaged(SHIPPED_INDEX_FILE)).json());
  const background = createBackground({ browser, now, loadDataset: active.get, loadIndex });
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
  // The bundled dataset read on a first start is stored once detection is ready, not before.
  void background.warm().finally(active.save);
  wireUpdater({ browser, background: { reload }, bundled, now });
});
