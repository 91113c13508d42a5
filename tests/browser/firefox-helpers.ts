/**
 * Extension pages (popup, options) in Firefox, read through the add-on's background page: the background
 * opens `moz-extension://<uuid>/popup.html?tabId=N` in a tab (`tabs.create` with `runtime.getURL`) and reads
 * its DOM through `extension.getViews()`, which Firefox still gives MV3 event pages (the extension's pages
 * share its process). The probe runs as text in the background page (see FirefoxRun.inBackground), so it
 * must be self-contained.
 */
import { pollUntil, type FirefoxRun } from './harness';

/** What a probe reads from an extension page: `selector` -> the elements' attributes and text. */
export interface PageRead {
  url: string;
  found: { attrs: Record<string, string>; text: string; props: { disabled: boolean; checked: boolean } }[];
}

/** Opens an extension page in a background tab; returns its tab id. */
export function openExtensionPage(firefox: FirefoxRun, path: string): Promise<number> {
  return firefox.inBackground(
    async (p: string) => {
      const api = (globalThis as unknown as { browser: FirefoxBrowser }).browser;
      const tab = await api.tabs.create({ url: api.runtime.getURL(p), active: false });
      return tab.id ?? -1;
    },
    path,
  );
}

/** The elements matching `selector` in the open extension page whose address ends with `path`. */
export function readExtensionPage(firefox: FirefoxRun, path: string, selector: string): Promise<PageRead | null> {
  return firefox.inBackground(
    async ({ p, s }: { p: string; s: string }) => {
      const api = (globalThis as unknown as { browser: FirefoxBrowser }).browser;
      const want = api.runtime.getURL(p);
      const view = api.extension.getViews({ type: 'tab' }).find((w) => w.location.href === want);
      if (!view) return null;
      const found = [...view.document.querySelectorAll(s)].map((el) => ({
        attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
        text: el.textContent ?? '',
        // Live state of form controls (Preact sets properties: `checked` is not reflected as an attribute).
        props: { disabled: Boolean((el as HTMLInputElement).disabled), checked: Boolean((el as HTMLInputElement).checked) },
      }));
      return { url: view.location.href, found };
    },
    { p: path, s: selector },
  );
}

/** Clicks the first element matching `selector` in the open extension page at `path`. */
export function clickInExtensionPage(firefox: FirefoxRun, path: string, selector: string): Promise<boolean> {
  return firefox.inBackground(
    async ({ p, s }: { p: string; s: string }) => {
      const api = (globalThis as unknown as { browser: FirefoxBrowser }).browser;
      const want = api.runtime.getURL(p);
      const view = api.extension.getViews({ type: 'tab' }).find((w) => w.location.href === want);
      const target = view?.document.querySelector(s) as HTMLElement | null | undefined;
      if (!target) return false;
      target.click();
      return true;
    },
    { p: path, s: selector },
  );
}

/** Waits until the page at `path` shows at least one element matching `selector`, and returns them. */
export async function waitInExtensionPage(
  firefox: FirefoxRun,
  path: string,
  selector: string,
  accept: (read: PageRead) => boolean = (r) => r.found.length > 0,
  timeoutMs?: number,
): Promise<PageRead> {
  const read = await pollUntil(
    `${selector} in ${path}`,
    () => readExtensionPage(firefox, path, selector),
    (r) => r !== null && accept(r),
    timeoutMs,
  );
  return read!;
}

/** Closes a tab (from tabs.create or found by address). */
export function closeTab(firefox: FirefoxRun, tabId: number): Promise<void> {
  return firefox.inBackground(async (id: number) => {
    const api = (globalThis as unknown as { browser: FirefoxBrowser }).browser;
    await api.tabs.remove(id);
  }, tabId);
}

/** The id of the tab showing `url` (a fixture page opened at start-up). */
export async function tabIdOf(firefox: FirefoxRun, url: string): Promise<number> {
  const id = await pollUntil(
    `a tab at ${url}`,
    () =>
      firefox.inBackground(async (u: string) => {
        const api = (globalThis as unknown as { browser: FirefoxBrowser }).browser;
        return (await api.tabs.query({})).find((t) => t.url === u)?.id ?? null;
      }, url),
    (found) => found !== null,
  );
  return id!;
}

/** The slice of Firefox's `browser` API the probes use (they run in the background page). */
interface FirefoxBrowser {
  runtime: { getURL(path: string): string };
  extension: { getViews(filter: { type: 'tab' | 'popup' }): Window[] };
  tabs: {
    create(props: { url: string; active?: boolean }): Promise<{ id?: number }>;
    remove(id: number): Promise<void>;
    reload(id: number): Promise<void>;
    query(query: object): Promise<{ id?: number; url?: string }[]>;
  };
}
