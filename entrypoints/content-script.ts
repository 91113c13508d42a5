import { runContentScript } from '../lib/content/lifecycle';
import { contentRuntime } from '../lib/content/runtime';
import { startScanner } from '../lib/content/scanner';

/**
 * The content script. An unlisted script that the background registers and injects (lib/background/site-access.ts),
 * not a WXT content script: WXT's content-script context would add webextension-polyfill and its own start-up
 * messages to every page (about 4 ms of the script's start on the bench article).
 */
export default defineUnlistedScript(() => {
  const runtime = contentRuntime();
  runContentScript({
    world: globalThis,
    runtime,
    address: () => location.href,
    start: (signal) => startScanner(document, runtime, signal),
  });
});
