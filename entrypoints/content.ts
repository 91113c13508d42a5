import { browser } from 'wxt/browser';
import { startScanner } from '../lib/content/scanner';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    const scanner = startScanner(document, controller.signal);
    // Single-page apps change the address without a page load: scan the new view.
    ctx.addEventListener(window, 'wxt:locationchange', () => scanner.rescan());
    // On-click mode: the toolbar button was clicked, the background asks for a scan now.
    const onMessage = (message: unknown): Promise<boolean> | undefined => {
      if ((message as { type?: unknown } | null)?.type !== 'scan-now') return undefined;
      scanner.rescan();
      return Promise.resolve(true); // answers, so the background knows a content script is here
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
