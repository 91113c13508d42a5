import { extensionAlive, type ContentRuntime, type MessageListener } from './runtime';

/** Where the running copy of the content script leaves its stop function, in the extension's isolated world. */
const RUNNING = Symbol.for('vendor-risk.scanner');
/** How often the page's address (single-page apps) and the extension's presence are checked. */
export const WATCH_MS = 1_000;

export interface ContentScriptHost {
  /** The extension's isolated world, shared by every copy of the script injected into the page. */
  world: object;
  runtime: ContentRuntime;
  /** The page's current address. */
  address(): string;
  /** Starts scanning until `signal` aborts. */
  start(signal: AbortSignal): { rescan(): void };
}

/**
 * Runs one copy of the content script: it takes over from a copy injected before (by the popup on a click, or
 * into open tabs when access is granted), rescans when a single-page app changes the address or the
 * background asks (on-click mode), and stops when its extension is reloaded, updated or removed.
 */
export function runContentScript(host: ContentScriptHost): void {
  const world = host.world as { [RUNNING]?: () => void };
  world[RUNNING]?.();
  const controller = new AbortController();
  const stop = () => controller.abort();
  world[RUNNING] = stop;
  const scanner = host.start(controller.signal);
  let address = host.address();
  const watch = setInterval(() => {
    if (!extensionAlive(host.runtime)) stop();
    else if (host.address() !== address) {
      address = host.address();
      scanner.rescan();
    }
  }, WATCH_MS);
  const onMessage: MessageListener = (message, _sender, respond) => {
    if ((message as { type?: unknown } | null)?.type !== 'scan-now') return;
    scanner.rescan();
    respond(true); // so the background knows a content script is here
  };
  host.runtime.onMessage.addListener(onMessage);
  controller.signal.addEventListener('abort', () => {
    clearInterval(watch);
    if (world[RUNNING] === stop) delete world[RUNNING];
    try {
      host.runtime.onMessage.removeListener(onMessage);
    } catch {
      // the extension is gone, and its listeners with it
    }
  });
}
