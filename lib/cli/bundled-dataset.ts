import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { indexDataset, parseBundle, type Dataset } from '../dataset/dataset';

/** The built bundle the extension ships, read from the package's data folder. */
export const BUNDLE_PATH = fileURLToPath(new URL('../../data/bundle.json', import.meta.url));

export async function loadBundledDataset(path = BUNDLE_PATH): Promise<Dataset> {
  const parsed = parseBundle(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
  return indexDataset(parsed.value);
}
