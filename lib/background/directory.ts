import type { Browser, WxtBrowser } from 'wxt/browser';
import { z } from 'zod';
import type { DatasetBundle } from '../dataset/schema';
import type { ActiveDataset, DatasetSource } from '../store/dataset-store';

/**
 * The directory page's messages, answered by a listener of their own next to the background service
 * (which leaves message types it does not know to other listeners). Only this extension's own pages may
 * ask: content scripts (which run in web pages) are refused, so no page can read the dataset through it.
 */
export const DirectoryRequest = z.discriminatedUnion('type', [
  /** The directory page: the whole active dataset. */
  z.object({ type: z.literal('get-dataset') }),
  /** The options page: names of acknowledged vendors. */
  z.object({ type: z.literal('get-vendor-names'), ids: z.array(z.string().max(200)).max(500) }),
]);
export type DirectoryRequest = z.infer<typeof DirectoryRequest>;

const TYPES: ReadonlySet<string> = new Set(DirectoryRequest.options.map((o) => o.shape.type.value));

export interface DatasetReply {
  bundle: DatasetBundle;
  source: DatasetSource;
}

export type VendorNamesReply = { names: Record<string, string> };

export interface DirectoryDeps {
  browser: WxtBrowser;
  /** The active dataset (the same loader the background service uses; read afresh on each request). */
  loadDataset(): Promise<ActiveDataset>;
}

export function createDirectoryListener({ browser, loadDataset }: DirectoryDeps) {
  const fromOwnPage = (sender: Browser.runtime.MessageSender) =>
    sender.id === browser.runtime.id &&
    // Extension pages have an extension URL; content scripts the page's, and a frameId in a tab.
    (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);

  function onMessage(raw: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    if (!TYPES.has((raw as { type?: unknown } | null)?.type as string)) return undefined;
    if (!fromOwnPage(sender)) return undefined;
    const parsed = DirectoryRequest.safeParse(raw);
    if (!parsed.success) return undefined;
    const message = parsed.data;
    switch (message.type) {
      case 'get-dataset':
        return loadDataset().then(({ bundle, source }): DatasetReply => ({ bundle, source }));
      case 'get-vendor-names':
        return loadDataset().then(({ bundle }): VendorNamesReply => {
          const wanted = new Set(message.ids);
          const names: Record<string, string> = {};
          for (const v of bundle.vendors) if (wanted.has(v.id)) names[v.id] = v.name;
          return { names };
        });
    }
  }

  return { onMessage };
}

