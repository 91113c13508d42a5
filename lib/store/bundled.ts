import { SCHEMA_VERSION, type DatasetBundle } from '../dataset/schema';
import { measure } from '../perf';

/**
 * The dataset shipped with the extension. Its version is known up front (from the small release file), its
 * 7 MB body is read and validated only when it is actually needed: on first install, after an extension
 * update that ships newer data, on reset, or when storage fails. A worker that wakes up with an up-to-date
 * stored dataset never pays for it.
 */
export interface BundledDataset {
  version: string;
  load(): Promise<DatasetBundle>;
  /** True for the very object `load` returned (not a stored copy, which may hold other data of the same version). */
  isShipped(bundle: DatasetBundle): boolean;
}

/**
 * Reads the shipped file once, on first use, and keeps the result. The file was fully validated when it was
 * built (`npm run data:build`, and a unit test that rebuilds it byte for byte) and comes inside the
 * browser-verified extension package, so at run time a quick shape and version check guards it instead of a
 * second full zod pass (about 320 ms on a worker's first start).
 */
export function bundledDataset(version: string, readJson: () => Promise<unknown>): BundledDataset {
  let loading: Promise<DatasetBundle> | null = null;
  let loaded: DatasetBundle | undefined;
  return {
    version,
    isShipped: (bundle) => bundle === loaded,
    load: () =>
      (loading ??= (async () => {
        const start = performance.now();
        const json = await readJson();
        const read = measure('bundled-read', start);
        const intact = looksLikeStoredBundle(json) && json.version === version;
        measure('bundled-validate', read);
        if (!intact) throw new Error(`the bundled dataset file is damaged or is not version ${version}`);
        return (loaded = json);
      })()),
  };
}

/** An already validated bundle as a bundled dataset (tests, the CLI). */
export function bundledFrom(bundle: DatasetBundle): BundledDataset {
  return { version: bundle.version, load: async () => bundle, isShipped: (b) => b === bundle };
}

/**
 * A quick check of a record this extension stored itself after full validation: the right layout and
 * lists where lists belong. Enough to catch a damaged or foreign record without re-validating thousands of
 * records (about 150 ms) on every service-worker start.
 */
export function looksLikeStoredBundle(value: unknown): value is DatasetBundle {
  if (!value || typeof value !== 'object') return false;
  const b = value as Partial<Record<keyof DatasetBundle, unknown>>;
  return (
    b.schemaVersion === SCHEMA_VERSION &&
    typeof b.version === 'string' &&
    typeof b.generatedAt === 'string' &&
    Array.isArray(b.vendors) &&
    Array.isArray(b.incidents)
  );
}
