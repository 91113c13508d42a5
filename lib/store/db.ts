import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DatasetBundle } from '../dataset/schema';
import type { SerializedDetectionIndex } from '../detection/detection-index';

/** Where the active dataset came from, as the options page says it. */
export type DatasetSource = 'bundled' | 'updated' | 'imported';

/** The stored record (layout 2). Layout 1 had no `keyId`; the upgrade below adds it. */
export interface StoredDataset {
  bundle: DatasetBundle;
  source: DatasetSource;
  storedAt: string;
  /** The key that signed it (updates and imports); null for the bundled dataset. Layout 1 lacked it. */
  keyId?: string | null;
}

/** The detection index compiled from a stored dataset (layout 3), see index-cache.ts. */
export interface StoredIndex {
  /** When the stored dataset it was compiled from was stored (its version is the index's own). */
  storedAt: string;
  /** Which build of the index compiler made it (see index-cache.ts). */
  compiler: string;
  index: SerializedDetectionIndex;
}

export interface VendorRiskDb extends DBSchema {
  datasets: { key: 'active'; value: StoredDataset };
  indexes: { key: 'active'; value: StoredIndex };
}

/** A storage error in words for the user and the console: "QuotaExceededError: ...". */
export const describeStorageError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const DB_NAME = 'vendor-risk';
export const DB_VERSION = 3;
/** A database another tab holds open at an old version can block an upgrade: wait this long, then fall back. */
const OPEN_TIMEOUT_MS = 5000;

type UpgradeTx = IDBPTransaction<VendorRiskDb, StoreNames<VendorRiskDb>[], 'versionchange'>;

/** Layout 1 -> 2: records gain `keyId: null`; anything unreadable is dropped (the bundled copy replaces it). */
async function migrateTo2(tx: UpgradeTx): Promise<void> {
  const store = tx.objectStore('datasets');
  let cursor = await store.openCursor();
  while (cursor) {
    const value = cursor.value as Partial<StoredDataset> | null;
    if (value && typeof value === 'object' && value.bundle && value.source) {
      await cursor.update({ ...(value as StoredDataset), keyId: value.keyId ?? null });
    } else {
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
}

/** Opens (creating or migrating) the database; rejects if it is unavailable, blocked or too slow. */
export function openDatasetDb(): Promise<IDBPDatabase<VendorRiskDb>> {
  try {
    return openWithTimeout();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Runs `use` on a connection of its own, closed after it whatever happens. */
export async function withDatasetDb<T>(use: (db: IDBPDatabase<VendorRiskDb>) => Promise<T>): Promise<T> {
  const db = await openDatasetDb();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

function openWithTimeout(): Promise<IDBPDatabase<VendorRiskDb>> {
  const opening = openDB<VendorRiskDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore('datasets');
      if (oldVersion < 2) await migrateTo2(tx);
      if (oldVersion < 3) db.createObjectStore('indexes');
    },
    // Another context wants a newer layout: let it have the database.
    blocking() {
      void opening.then((db) => db.close());
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      void opening.then((db) => db.close(), () => undefined);
      fail(new Error(`opening the database took more than ${OPEN_TIMEOUT_MS / 1000} s (blocked by another window?)`));
    }, OPEN_TIMEOUT_MS);
  });
  return Promise.race([opening, timeout]).finally(() => clearTimeout(timer));
}
