import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { compareVersions, parseBundle } from '../dataset/dataset';
import type { DatasetBundle } from '../dataset/schema';

/** Where the active dataset came from, as the options page says it. */
export type DatasetSource = 'bundled' | 'updated' | 'imported';

export interface StoredDataset {
  bundle: DatasetBundle;
  source: DatasetSource;
  storedAt: string;
}

interface VendorRiskDb extends DBSchema {
  datasets: { key: 'active'; value: StoredDataset };
}

const DB_NAME = 'vendor-risk';
const DB_VERSION = 1;

export function openDatasetDb(): Promise<IDBPDatabase<VendorRiskDb>> {
  return openDB<VendorRiskDb>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('datasets');
    },
  });
}

export interface ActiveDataset {
  bundle: DatasetBundle;
  source: DatasetSource;
  /** Set when storage failed and the bundled copy is served from memory. */
  storageProblem?: string;
}

/**
 * The dataset to serve: the stored one, unless the extension ships a newer bundled one (an extension
 * update) or the stored copy is missing or unreadable. A storage failure never leaves detection without
 * data: the bundled copy is served and the problem reported.
 */
export async function loadActiveDataset(bundled: DatasetBundle, now = new Date()): Promise<ActiveDataset> {
  let db: IDBPDatabase<VendorRiskDb>;
  try {
    db = await openDatasetDb();
  } catch (error) {
    return { bundle: bundled, source: 'bundled', storageProblem: `IndexedDB could not be opened: ${String(error)}` };
  }
  try {
    const stored = await db.get('datasets', 'active');
    const parsed = stored ? parseBundle(stored.bundle) : null;
    if (stored && parsed?.ok && compareVersions(parsed.value.version, bundled.version) >= 0) {
      return { bundle: parsed.value, source: stored.source };
    }
    await db.put('datasets', { bundle: bundled, source: 'bundled', storedAt: now.toISOString() }, 'active');
    return { bundle: bundled, source: 'bundled' };
  } catch (error) {
    return { bundle: bundled, source: 'bundled', storageProblem: `IndexedDB failed: ${String(error)}` };
  } finally {
    db.close();
  }
}
