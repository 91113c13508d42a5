import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatasetBundle } from '../../lib/dataset/schema';
import { activeDatasetCache } from '../../lib/background/active-dataset';
import { bundledDataset, bundledFrom } from '../../lib/store/bundled';
import { installDataset, loadActiveDataset, openDatasetDb } from '../../lib/store/dataset-store';
import { TEST_VENDORS } from './helpers';

const bundleOf = (version: string) =>
  DatasetBundle.parse({ schemaVersion: 1, version, generatedAt: '2026-11-01T00:00:00Z', vendors: TEST_VENDORS, incidents: [] });

describe('dataset store', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('serves the bundled dataset on first start, and stores it when asked, after the first answers', async () => {
    const active = await loadActiveDataset(bundleOf('2026.1'));
    expect(active).toMatchObject({ source: 'bundled', bundle: { version: '2026.1' } });
    const db = await openDatasetDb();
    expect(await db.get('datasets', 'active')).toBeUndefined();
    await Promise.all([active.save!(), active.save!()]);
    expect((await db.get('datasets', 'active'))?.bundle.version).toBe('2026.1');
    db.close();
    expect((await loadActiveDataset(bundleOf('2026.1'))).save).toBeUndefined();
  });

  it('never stores the bundled copy over an update installed meanwhile', async () => {
    const active = await loadActiveDataset(bundleOf('2026.1'));
    expect(await installDataset(bundleOf('2026.2'), 'updated', 'k')).toEqual({ ok: true });
    await active.save!();
    expect(active.storageProblem).toBeUndefined();
    expect(await loadActiveDataset(bundleOf('2026.1'))).toMatchObject({ source: 'updated', bundle: { version: '2026.2' } });
  });

  it('says so when storing the bundled copy fails, and stores it on the next start', async () => {
    const active = await loadActiveDataset(bundleOf('2026.1'));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await active.save!();
    put.mockRestore();
    expect(active.storageProblem).toMatch(/^IndexedDB failed: QuotaExceededError/);
    expect(active.storedAt).toBeUndefined();
    const next = await loadActiveDataset(bundleOf('2026.1'));
    await next.save!();
    expect(next.storageProblem).toBeUndefined();
    expect((await loadActiveDataset(bundleOf('2026.1'))).storedAt).toBe(next.storedAt);
  });

  it('keeps a newer stored dataset (an update) over the bundled one', async () => {
    const db = await openDatasetDb();
    await db.put('datasets', { bundle: bundleOf('2026.5'), source: 'updated', storedAt: '2026-05-01T00:00:00Z' }, 'active');
    db.close();
    expect(await loadActiveDataset(bundleOf('2026.1'))).toMatchObject({ source: 'updated', bundle: { version: '2026.5' } });
  });

  it('replaces an older stored dataset when the extension ships a newer one', async () => {
    await (await loadActiveDataset(bundleOf('2026.1'))).save!();
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

describe("the worker's active dataset", () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('stores the bundled copy it served when asked, once detection is ready', async () => {
    const cache = activeDatasetCache(bundledFrom(bundleOf('2026.1')), () => new Date('2026-11-28T00:00:00Z'));
    await cache.save(); // nothing loaded yet: nothing to store
    const active = await cache.get();
    expect(active).toMatchObject({ source: 'bundled', storedAt: '2026-11-28T00:00:00.000Z' });
    await cache.save();
    const db = await openDatasetDb();
    expect(await db.get('datasets', 'active')).toMatchObject({ source: 'bundled', storedAt: '2026-11-28T00:00:00.000Z' });
    db.close();
  });
});
