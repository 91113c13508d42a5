/**
 * The little of the extension API the content script uses, from the browser's own global: `browser` in
 * Firefox, `chrome` in Chrome and Edge (both answer with promises in MV3). Not webextension-polyfill, whose
 * set-up (it wraps the whole API) every page would pay for as the script starts.
 */
export interface ContentRuntime {
  /** Undefined once the extension is reloaded, updated or removed: this copy of the script is then stale. */
  readonly id: string | undefined;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: MessageListener): void;
    removeListener(listener: MessageListener): void;
  };
}

/** Answers with `respond` (the same in both browsers, unlike returning a promise). */
export type MessageListener = (message: unknown, sender: unknown, respond: (answer: unknown) => void) => void;

export function contentRuntime(): ContentRuntime {
  const api = (globalThis as { browser?: { runtime?: ContentRuntime }; chrome?: { runtime?: ContentRuntime } });
  const runtime = api.browser?.runtime ?? api.chrome?.runtime;
  if (!runtime) throw new Error('not running as an extension content script');
  return runtime;
}

/** Whether the extension that injected this copy is still there (see ContentRuntime.id). */
export function extensionAlive(runtime: ContentRuntime): boolean {
  try {
    return runtime.id !== undefined;
  } catch {
    return false;
  }
}
