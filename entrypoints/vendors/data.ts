import { browser } from 'wxt/browser';
import { indexDataset, parseBundle } from '../../lib/dataset/dataset';
import { buildDirectory, type Directory } from '../../lib/directory/search';

/**
 * Asks the background for the active dataset (the one detection uses: bundled, updated or imported) and
 * builds the directory from it. The reply is checked like any untrusted bundle.
 */
export async function loadDirectory(now: Date): Promise<Directory> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'get-dataset' });
  const bundle = reply && typeof reply === 'object' ? (reply as { bundle?: unknown }).bundle : undefined;
  const parsed = parseBundle(bundle);
  if (!parsed.ok) throw new Error(parsed.reason);
  return buildDirectory(indexDataset(parsed.value), now);
}
