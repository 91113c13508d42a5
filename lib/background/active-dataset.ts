import { loadActiveDataset, type ActiveDataset } from '../store/dataset-store';
import type { BundledDataset } from '../store/bundled';
import { measure } from '../perf';

/**
 * The active dataset, read from IndexedDB once per worker life and shared by every listener (detection,
 * directory, update status), until an update, import or reset makes another one active.
 */
export function activeDatasetCache(bundled: BundledDataset, now: () => Date) {
  let loading: Promise<ActiveDataset> | null = null;
  return {
    get: (): Promise<ActiveDataset> => {
      loading ??= loadActiveDataset(bundled, now());
      // A failed read is not cached: the next request tries again.
      loading.catch(() => (loading = null));
      return loading;
    },
    invalidate: (): void => {
      loading = null;
    },
    /**
     * Stores the bundled copy if the loaded dataset is one that still needs it. Called once the worker has
     * answered its first requests: the write (about 90 ms of main thread on a 7 MB dataset) is not on their path.
     */
    save: async (): Promise<void> => {
      const active = await loading?.catch(() => null);
      if (!active?.save) return;
      const start = performance.now();
      await active.save();
      measure('dataset-store', start);
    },
  };
}
