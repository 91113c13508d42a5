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
  },
});
