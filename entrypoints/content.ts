import { browser } from 'wxt/browser';
import { startScanner } from '../lib/content/scanner';

/** Marks this extension's isolated world once a copy of the script runs in it. */
const RUNNING = Symbol.for('vendor-risk.scanner');

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Registered by the background once the user allows every site (lib/background/site-access.ts).
  registration: 'runtime',
  main(ctx) {
    // The background also injects it into tabs that were open before access was granted, and the popup
    // into a tab on click: a page that already has a live copy keeps that one.
    const world = globalThis as { [RUNNING]?: { isValid: boolean } };
    if (world[RUNNING]?.isValid) return;
    world[RUNNING] = ctx;
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
