import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileIndex } from '../../lib/background/compiled-index';
import { installDataset, loadActiveDataset, openDatasetDb } from '../../lib/store/dataset-store';
import { DB_VERSION } from '../../lib/store/db';
import { indexCache } from '../../lib/store/index-cache';
import { bundleOf } from './update-helpers';

const BUNDLED = bundleOf('2026.1');

describe('installing a dataset (atomic swap)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => vi.restoreAllMocks());

  it('makes a newer dataset active in one step, with its source and key', async () => {
    await (await loadActiveDataset(BUNDLED)).save!();
    expect(await installDataset(bundleOf('2026.2', true), 'updated', 'key-1')).toEqual({ ok: true });
    expect(await loadActiveDataset(BUNDLED)).toMatchObject({ source: 'updated', bundle: { version: '2026.2' } });
    const db = await openDatasetDb();
    expect((await db.get('datasets', 'active'))?.keyId).toBe('key-1');
    db.close();
  });

  it('checks the version inside the same transaction: no rollback, even from a racing install', async () => {
    await (await loadActiveDataset(BUNDLED)).save!();
    const [a, b] = await Promise.all([
      installDataset(bundleOf('2026.3'), 'updated', null),
      installDataset(bundleOf('2026.2'), 'updated', null),
    ]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b).toMatchObject({ reason: 'not-newer' });
    expect((await loadActiveDataset(BUNDLED)).bundle.version).toBe('2026.3');
  });

  it('keeps the old dataset whole when the write fails mid-transaction', async () => {
    await installDataset(bundleOf('2026.2'), 'updated', null);
    // A value that cannot be stored makes the put, and with it the transaction, fail.
    const poisoned = { ...bundleOf('2026.5'), extra: () => 0 } as never;
    expect(await installDataset(poisoned, 'updated', null)).toMatchObject({ ok: false, reason: 'storage' });
    expect(await loadActiveDataset(BUNDLED)).toMatchObject({ source: 'updated', bundle: { version: '2026.2' } });
  });

  it('reports a full storage in plain words and keeps the active dataset', async () => {
    await installDataset(bundleOf('2026.2'), 'updated', null);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const result = await installDataset(bundleOf('2026.6'), 'updated', null);
    put.mockRestore();
    expect(result).toEqual({ ok: false, reason: 'storage', message: 'The dataset could not be saved: the browser storage is full.' });
    expect((await loadActiveDataset(BUNDLED)).bundle.version).toBe('2026.2');
  });

  it('resets to the bundled dataset when forced, even though it is older', async () => {
    await installDataset(bundleOf('2026.2'), 'imported', 'k');
    expect(await installDataset(BUNDLED, 'bundled', null, { force: true })).toEqual({ ok: true });
    expect(await loadActiveDataset(BUNDLED)).toMatchObject({ source: 'bundled', bundle: { version: '2026.1' } });
  });

  it('says why when IndexedDB is unavailable', async () => {
    globalThis.indexedDB = { open: () => { throw new Error('blocked by policy'); } } as unknown as IDBFactory;
    expect(await installDataset(bundleOf('2026.2'), 'updated', null)).toMatchObject({
      ok: false,
      reason: 'storage',
      message: expect.stringMatching(/IndexedDB is unavailable.*blocked by policy/),
    });
  });
});

describe('storage layout migration', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('upgrades a layout-1 database: the stored update survives, damaged records go', async () => {
    const v1 = await openDB('vendor-risk', 1, { upgrade: (db) => void db.createObjectStore('datasets') });
    await v1.put('datasets', { bundle: bundleOf('2026.5'), source: 'updated', storedAt: '2026-05-01T00:00:00Z' }, 'active');
    await v1.put('datasets', 'garbage', 'other');
    v1.close();

    expect(await loadActiveDataset(BUNDLED)).toMatchObject({ source: 'updated', bundle: { version: '2026.5' } });
    const db = await openDatasetDb();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('datasets', 'active')).toMatchObject({ keyId: null, source: 'updated' });
    expect(await db.getAllKeys('datasets')).toEqual(['active']);
    db.close();
  });

  it('upgrades a layout-2 database: the stored update survives, and a compiled index can be stored next to it', async () => {
    const v2 = await openDB('vendor-risk', 2, { upgrade: (db) => void db.createObjectStore('datasets') });
    const record = { bundle: bundleOf('2026.5'), source: 'updated', storedAt: '2026-05-01T00:00:00Z', keyId: 'key-1' };
    await v2.put('datasets', record, 'active');
    v2.close();

    const active = await loadActiveDataset(BUNDLED);
    expect(active).toMatchObject({ source: 'updated', storedAt: record.storedAt, bundle: { version: '2026.5' } });
    const cache = indexCache('compiler');
    await cache.write(active, compileIndex(active.bundle));
    expect(await cache.read(active)).toEqual(compileIndex(active.bundle));
    const db = await openDatasetDb();
    expect([db.version, [...db.objectStoreNames]]).toEqual([DB_VERSION, ['datasets', 'indexes']]);
    expect(await db.get('datasets', 'active')).toEqual(record);
    db.close();
  });

  it('falls back to the bundled dataset, and says so, when an old window blocks the upgrade', async () => {
    // A connection at layout 1 that never closes (an old extension page that ignores versionchange).
    const old = await openDB('vendor-risk', 1, { upgrade: (db) => void db.createObjectStore('datasets') });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const loading = loadActiveDataset(BUNDLED);
      await vi.advanceTimersByTimeAsync(6000);
      const active = await loading;
      expect(active).toMatchObject({ source: 'bundled', bundle: { version: '2026.1' } });
      expect(active.storageProblem).toMatch(/blocked/);
    } finally {
      vi.useRealTimers();
      old.close();
    }
  });

  it('says so when a damaged stored copy is replaced by the bundled one', async () => {
    const db = await openDatasetDb();
    await db.put('datasets', { bundle: { version: '9999' } as never, source: 'updated', storedAt: 'x' }, 'active');
    db.close();
    const replacing = await loadActiveDataset(BUNDLED);
    expect(replacing.storageProblem).toMatch(/damaged/);
    await replacing.save!();
    expect((await loadActiveDataset(BUNDLED)).storageProblem).toBeUndefined();
  });
});
