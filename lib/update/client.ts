import { browser } from 'wxt/browser';
import { ActionReply, DatasetStatusReply, type UpdateRequest } from './messages';
import { parseManifest } from './verify';

/** The options page's side of the dataset messages: every reply is parsed before it is shown. */
async function ask<T>(message: UpdateRequest, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  const reply: unknown = await browser.runtime.sendMessage(message);
  const parsed = schema.safeParse(reply);
  if (!parsed.success) throw new Error('The extension background did not answer; try again in a moment.');
  return parsed.data;
}

export const fetchDatasetStatus = () => ask({ type: 'get-dataset-status' }, DatasetStatusReply);
export const checkForUpdatesNow = () => ask({ type: 'check-updates-now' }, DatasetStatusReply);
export const resetDataset = () => ask({ type: 'reset-dataset' }, ActionReply);

/** Imports the two files of a signed update (bundle + manifest.json), in either order. */
export async function importBundleFiles(files: readonly File[]): Promise<ActionReply> {
  const texts = await Promise.all(files.map((f) => f.text()));
  const manifestIndex = texts.findIndex((t) => t.length < 20_000 && parseManifest(t).ok);
  if (files.length !== 2 || manifestIndex < 0) {
    return {
      ok: false,
      reason: 'bad-manifest',
      message: 'Choose both files of a signed update together: the dataset file and its manifest.json.',
    };
  }
  return ask({ type: 'import-bundle', manifest: texts[manifestIndex]!, bundle: texts[1 - manifestIndex]! }, ActionReply);
}

/** Calls back when the stored update status changes (an automatic check finished). */
export function watchUpdateStatus(onChange: () => void, key: string): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && key in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
