import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DatasetBundle } from '../../lib/dataset/schema';
import { bundledDataset } from '../../lib/store/bundled';
import { loadActiveDataset, openDatasetDb } from '../../lib/store/dataset-store';
import { TEST_VENDORS } from './helpers';

const bundleOf = (version: string) =>
  DatasetBundle.parse({ schemaVersion: 1, version, generatedAt: '2026-11-01T00:00:00Z', vendors: TEST_VENDORS, incidents: [] });

describe('dataset store', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('stores the bundled dataset on first start and serves it', async () => {
    expect(await loadActiveDataset(bundleOf('2026.1'))).toMatchObject({ source: 'bundled', bundle: { version: '2026.1' } });
    const db = await openDatasetDb();
    expect((await db.get('datasets', 'active'))?.bundle.version).toBe('2026.1');
    db.close();
  });

  it('keeps a newer stored dataset (an update) over the bundled one', async () => {
    const db = await openDatasetDb();
    await db.put('datasets', { bundle: bundleOf('2026.5'), source: 'updated', storedAt: '2026-05-01T00:00:00Z' }, 'active');
    db.close();
    expect(await loadActiveDataset(bundleOf('2026.1'))).toMatchObject({ source: 'updated', bundle: { version: '2026.5' } });
  });

  it('replaces an older stored dataset when the extension ships a newer one', async () => {
    await loadActiveDataset(bundleOf('2026.1'));
    expect(await loadActiveDataset(bundleOf('2026.2'))).toMatchObject({ source: 'bundled', bundle: { version: '2026.2' } });
  });

  it('falls back to the bundled dataset when the stored copy is corrupt', async () => {
    const db = await openDatasetDb();
    await db.put('datasets', { bundle: { version: '9999' } as never, source: 'updated', storedAt: 'x' }, 'active');
    db.close();
    expect(await loadActiveDataset(bundleOf('2026.1'))).toMatchObject({ source: 'bundled', bundle: { version: '2026.1' } });
  });

  it('serves the bundled dataset and says why when IndexedDB is unavailable', async () => {
    globalThis.indexedDB = { open: () => { throw new Error('blocked by policy'); } } as unknown as IDBFactory;
    const active = await loadActiveDataset(bundleOf('2026.1'));
    expect(active.bundle.version).toBe('2026.1');
    expect(active.storageProblem).toMatch(/IndexedDB could not be opened: .*blocked by policy/);
  });
});

describe('the shipped dataset file', () => {
  it('is read once, and refused when damaged or of another version than the release says', async () => {
    let reads = 0;
    const shipped = bundledDataset('2026.1', async () => {
      reads++;
      return bundleOf('2026.1');
    });
    expect((await shipped.load()).version).toBe('2026.1');
    await shipped.load();
    expect(reads).toBe(1);
    await expect(bundledDataset('2026.1', async () => ({ version: '2026.1' })).load()).rejects.toThrow(/damaged/);
    await expect(bundledDataset('2026.2', async () => bundleOf('2026.1')).load()).rejects.toThrow(/not version 2026.2/);
  });
});
