import { z } from 'zod';
import { deserializeDetectionIndex, looksLikeSerializedIndex, type SerializedDetectionIndex } from '../detection/detection-index';
import type { ActiveDataset } from './dataset-store';
import { describeStorageError, withDatasetDb, type StoredIndex } from './db';

/**
 * A stored index as read back: checked here, like every record read from storage. Its typed arrays are
 * checked by decoding them (see IndexCache.read).
 */
const StoredIndexRecord: z.ZodType<StoredIndex> = z.object({
  storedAt: z.string(),
  compiler: z.string(),
  index: z.custom<SerializedDetectionIndex>(looksLikeSerializedIndex, 'not a detection index'),
});

/**
 * The detection index compiled from the stored dataset, kept in IndexedDB next to it: a service worker that
 * starts again (the browser stops an idle one within a minute) reads it back instead of compiling it. It
 * belongs to one stored record, known by its version and the time it was stored (an update, import or reset
 * stores a new record), and to one build of the compiler: `compiler` is a hash of the compiler's sources,
 * made when the extension is built (scripts/index-compiler-id.ts), so an index compiled by another build is
 * never used.
 */
export interface IndexCache {
  /** The index stored for this dataset by this compiler; null when there is none, or another, or a damaged one. */
  read(active: ActiveDataset): Promise<SerializedDetectionIndex | null>;
  /** Stores the index compiled for `active`. Never rejects: a failed write only costs the next start a compile. */
  write(active: ActiveDataset, index: SerializedDetectionIndex): Promise<void>;
}

export function indexCache(compiler: string): IndexCache {
  return {
    async read(active) {
      // A dataset served from memory (storage failed) has no stored record to belong to.
      if (!active.storedAt) return null;
      let raw: unknown;
      try {
        raw = await withDatasetDb((db) => db.get('indexes', 'active'));
      } catch (error) {
        console.warn('vendor-risk: could not read the stored detection index', describeStorageError(error));
        return null;
      }
      const parsed = StoredIndexRecord.safeParse(raw);
      if (!parsed.success) return null;
      const { storedAt, index } = parsed.data;
      if (parsed.data.compiler !== compiler || storedAt !== active.storedAt || index.datasetVersion !== active.bundle.version) return null;
      try {
        // Every page would refuse an index whose arrays do not fit together: such a record is compiled again.
        deserializeDetectionIndex(index);
      } catch {
        return null;
      }
      return index;
    },
    async write(active, index) {
      if (!active.storedAt) return;
      const record: StoredIndex = { storedAt: active.storedAt, compiler, index };
      try {
        await withDatasetDb((db) => db.put('indexes', record, 'active'));
      } catch (error) {
        console.warn('vendor-risk: could not store the detection index', describeStorageError(error));
      }
    },
  };
}
