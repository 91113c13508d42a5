import type { IDBPDatabase } from 'idb';
import { compareVersions } from '../dataset/dataset';
import type { DatasetBundle } from '../dataset/schema';
import { bundledFrom, looksLikeStoredBundle, type BundledDataset } from './bundled';
import { describeStorageError, openDatasetDb, withDatasetDb, type DatasetSource, type StoredDataset, type VendorRiskDb } from './db';

export { openDatasetDb, type DatasetSource, type StoredDataset } from './db';

export interface ActiveDataset {
  bundle: DatasetBundle;
  source: DatasetSource;
  /** When it was stored (absent when served from memory). */
  storedAt?: string;
  /** Set when storage failed and the bundled copy is served from memory, or replaced a damaged copy. */
  storageProblem?: string;
  /**
   * Set when the bundled copy still has to be stored: writes it (once, however often it is called; never
   * over a dataset as new or newer, such as an update installed meanwhile) and never rejects. A failed
   * write sets `storageProblem` and drops `storedAt` on this object.
   */
  save?: () => Promise<void>;
}

/**
 * The dataset to serve: the stored one, unless the extension ships a newer bundled one (an extension
 * update) or the stored copy is missing or unreadable. A storage failure never leaves detection without
 * data: the bundled copy is served and the problem reported.
 *
 * The bundled copy is not written here but by `save` (see ActiveDataset): the first badge after install does
 * not wait for a 7 MB write. Nothing is lost meanwhile: the package keeps its copy, and a write that never
 * happened (the worker stopped first) happens on the next start.
 */
export async function loadActiveDataset(
  shipped: BundledDataset | DatasetBundle,
  now = new Date(),
): Promise<ActiveDataset> {
  const bundled = 'load' in shipped ? shipped : bundledFrom(shipped);
  const fallback = async (storageProblem: string): Promise<ActiveDataset> => ({
    bundle: await bundled.load(),
    source: 'bundled',
    storageProblem,
  });
  let db: IDBPDatabase<VendorRiskDb>;
  try {
    db = await openDatasetDb();
  } catch (error) {
    return fallback(`IndexedDB could not be opened: ${describeStorageError(error)}`);
  }
  try {
    const stored = await db.get('datasets', 'active');
    // Stored records were fully validated before they were written (installDataset's callers).
    const intact = stored !== undefined && looksLikeStoredBundle(stored.bundle);
    if (stored && intact && compareVersions(stored.bundle.version, bundled.version) >= 0) {
      return { bundle: stored.bundle, source: stored.source, storedAt: stored.storedAt };
    }
    const record: StoredDataset = { bundle: await bundled.load(), source: 'bundled', storedAt: now.toISOString(), keyId: null };
    let saving: Promise<void> | undefined;
    const active: ActiveDataset = {
      bundle: record.bundle,
      source: 'bundled',
      storedAt: record.storedAt,
      ...(stored && !intact ? { storageProblem: 'The saved dataset was damaged; it was replaced by the bundled dataset.' } : {}),
      save: () =>
        (saving ??= withDatasetDb(async (db) => {
          await putIfNewer(db, record, false);
        }).catch((error: unknown) => {
          // The object is shared: whoever reads it from now on (popup, options page) sees the failure.
          delete active.storedAt;
          active.storageProblem = `IndexedDB failed: ${describeStorageError(error)}`;
        })),
    };
    return active;
  } catch (error) {
    return fallback(`IndexedDB failed: ${describeStorageError(error)}`);
  } finally {
    db.close();
  }
}

/**
 * In one read-write transaction: writes `record` as the active dataset unless (without `force`) the stored
 * one is as new or newer, whose version it then returns; null when written. Throws when storage fails.
 */
async function putIfNewer(db: IDBPDatabase<VendorRiskDb>, record: StoredDataset, force: boolean): Promise<string | null> {
  const tx = db.transaction('datasets', 'readwrite');
  const current = await tx.store.get('active');
  const currentVersion = current && looksLikeStoredBundle(current.bundle) ? current.bundle.version : null;
  if (!force && currentVersion && compareVersions(record.bundle.version, currentVersion) <= 0) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return currentVersion;
  }
  await tx.store.put(record, 'active');
  await tx.done;
  return null;
}

export type InstallResult = { ok: true } | { ok: false; reason: 'not-newer' | 'storage'; message: string };

/**
 * Makes `bundle` the active dataset in one read-write transaction: the version check and the write commit
 * together or not at all, so a reader sees the old dataset or the new one, never a mix, and two racing
 * installs cannot roll each other back. `force` (reset to the bundled dataset) skips the version check.
 */
export async function installDataset(
  bundle: DatasetBundle,
  source: DatasetSource,
  keyId: string | null,
  options: { now?: Date; force?: boolean } = {},
): Promise<InstallResult> {
  let db: IDBPDatabase<VendorRiskDb>;
  try {
    db = await openDatasetDb();
  } catch (error) {
    return { ok: false, reason: 'storage', message: `The dataset could not be saved: IndexedDB is unavailable (${describeStorageError(error)}).` };
  }
  try {
    const record: StoredDataset = { bundle, source, storedAt: (options.now ?? new Date()).toISOString(), keyId };
    const currentVersion = await putIfNewer(db, record, options.force ?? false);
    if (currentVersion !== null) {
      return { ok: false, reason: 'not-newer', message: `Version ${currentVersion} is already active; ${bundle.version} is not newer.` };
    }
    return { ok: true };
  } catch (error) {
    const full = error instanceof Error && error.name === 'QuotaExceededError';
    return {
      ok: false,
      reason: 'storage',
      message: full
        ? 'The dataset could not be saved: the browser storage is full.'
        : `The dataset could not be saved (${describeStorageError(error)}); the previous dataset stays active.`,
    };
  } finally {
    db.close();
  }
}
