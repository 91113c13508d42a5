import {
  buildDetectionIndex,
  looksLikeSerializedIndex,
  serializeDetectionIndex,
  unpackDetectionIndex,
  type SerializedDetectionIndex,
} from '../detection/detection-index';
import type { DatasetBundle } from '../dataset/schema';
import type { BundledDataset } from '../store/bundled';
import type { ActiveDataset } from '../store/dataset-store';
import type { IndexCache } from '../store/index-cache';

/** The shipped dataset's compiled index, written next to dataset.json.gz by the build (wxt.config.ts). */
export const SHIPPED_INDEX_FILE = 'detection-index.json';

/** The index content scripts receive for a dataset, compiled here (about 75 ms warm, 190 ms on a cold worker). */
export function compileIndex(bundle: DatasetBundle): SerializedDetectionIndex {
  return serializeDetectionIndex(buildDetectionIndex(bundle.version, bundle.vendors));
}

/**
 * The index for the active dataset, as pages receive it. A worker that starts again reads back the one it
 * stored for the same stored dataset (see IndexCache). Otherwise, when the dataset is the very object just
 * read from the package (first start after install, an extension update with newer data, storage failure),
 * the index the build compiled from the same file is read instead of compiled: same package, same build, so
 * it cannot describe other data. It is still an input from outside this code: used only if it has the
 * index's shape and the dataset's version, else the index is compiled as before. Either is then stored, for
 * the next start.
 */
export function indexLoader(bundled: BundledDataset, readShippedIndex: () => Promise<unknown>, cache?: IndexCache) {
  const shippedOrCompiled = async (active: ActiveDataset): Promise<SerializedDetectionIndex> => {
    if (bundled.isShipped(active.bundle)) {
      const shipped = await readShippedIndex().catch(() => undefined);
      if (looksLikeSerializedIndex(shipped) && shipped.datasetVersion === active.bundle.version) return unpackDetectionIndex(shipped);
      console.warn('vendor-risk: the shipped detection index is missing, damaged or stale; compiling it');
    }
    return compileIndex(active.bundle);
  };
  return async (active: ActiveDataset): Promise<SerializedDetectionIndex> => {
    const stored = await cache?.read(active);
    if (stored) return stored;
    const index = await shippedOrCompiled(active);
    // Not awaited: the pages waiting for the index do not wait for the write.
    void cache?.write(active, index);
    return index;
  };
}
