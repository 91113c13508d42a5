import { browser } from 'wxt/browser';
import { parseBundle } from '../lib/dataset/dataset';
import { createBackground } from '../lib/background/service';
import { createDirectoryListener } from '../lib/background/directory';
import { lazyBundled, wireUpdater } from '../lib/background/updates';
import { loadActiveDataset } from '../lib/store/dataset-store';
import bundledJson from '../data/bundle.json';

export default defineBackground(() => {
  const background = createBackground({
    browser,
    now: () => new Date(),
    async loadDataset() {
      const bundled = parseBundle(bundledJson);
      if (!bundled.ok) throw new Error(`the bundled dataset is invalid: ${bundled.reason}`);
      return loadActiveDataset(bundled.value);
    },
  });
  browser.runtime.onMessage.addListener(background.onMessage);
  const directoryBundled = lazyBundled(bundledJson);
  browser.runtime.onMessage.addListener(
    createDirectoryListener({ browser, loadDataset: () => loadActiveDataset(directoryBundled()) }).onMessage,
  );
  browser.tabs.onUpdated.addListener((tabId, change) => void background.onTabUpdated(tabId, change));
  browser.tabs.onRemoved.addListener((tabId) => void background.onTabRemoved(tabId));
  void background.warm();
  wireUpdater({ browser, background, bundled: lazyBundled(bundledJson), now: () => new Date() });
});
