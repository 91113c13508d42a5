import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileIndex, indexLoader } from '../../lib/background/compiled-index';
import { indexAsText, type SerializedDetectionIndex } from '../../lib/detection/detection-index';
import { bundledDataset, bundledFrom } from '../../lib/store/bundled';
import { installDataset, loadActiveDataset, openDatasetDb, type ActiveDataset } from '../../lib/store/dataset-store';
import { indexCache } from '../../lib/store/index-cache';
import { bundleOf } from './update-helpers';

const COMPILER = 'compiler-a';

/** An index no compile of the test data gives: it has a domain of its own. */
function marked(bundle: ActiveDataset['bundle']): SerializedDetectionIndex {
  return { ...compileIndex(bundle), domains: [['only-in-the-stored-index.example', 0]] };
}

/** A worker's start: a loader of its own (nothing kept in memory), over what IndexedDB holds. */
const start = (compiler = COMPILER) => indexLoader(bundledFrom(bundleOf('2026.1')), async () => undefined, indexCache(compiler));

const stored = (version: string, storedAt: string): ActiveDataset => ({ bundle: bundleOf(version), source: 'updated', storedAt });

async function storedRecord(): Promise<unknown> {
  const db = await openDatasetDb();
  try {
    return await db.get('indexes', 'active');
  } finally {
    db.close();
  }
}

/** Until the loader's write, which it does not wait for, is in. */
const written = () => vi.waitFor(async () => expect(await storedRecord()).toBeDefined());

describe('the detection index kept in IndexedDB between worker starts', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => vi.restoreAllMocks());

  it('is compiled and stored on a start, then read back on the next start instead of compiled', async () => {
    const active = stored('2026.5', '2026-05-01T00:00:00.000Z');
    const first = await start()(active);
    expect(first).toEqual(compileIndex(active.bundle));
    await written();
    expect(await start()(active)).toEqual(first);

    // What a start reads is what was stored, not a fresh compile that happens to be equal.
    await indexCache(COMPILER).write(active, marked(active.bundle));
    expect((await start()(active)).domains).toEqual([['only-in-the-stored-index.example', 0]]);
  });

  it('is compiled afresh for another stored dataset, another version or another build of the compiler', async () => {
    const active = stored('2026.5', '2026-05-01T00:00:00.000Z');
    await indexCache(COMPILER).write(active, marked(active.bundle));
    const storedAgain = stored('2026.5', '2026-06-01T00:00:00.000Z'); // a reset or import of the same version
    const newer = stored('2026.6', '2026-05-01T00:00:00.000Z');
    expect(await start()(storedAgain)).toEqual(compileIndex(storedAgain.bundle));
    await indexCache(COMPILER).write(active, marked(active.bundle));
    expect(await start()(newer)).toEqual(compileIndex(newer.bundle));
    await indexCache(COMPILER).write(active, marked(active.bundle));
    expect(await start('compiler-b')(active)).toEqual(compileIndex(active.bundle));
  });

  it('replaces a damaged record (wrong shape, or arrays that do not fit together) with a good one', async () => {
    const active = stored('2026.5', '2026-05-01T00:00:00.000Z');
    const good = compileIndex(active.bundle);
    const truncated = { ...good, automaton: { ...good.automaton, fail: (good.automaton.fail as Uint8Array).slice(1) } };
    const key = { storedAt: active.storedAt!, compiler: COMPILER };
    for (const record of ['garbage', { ...key, index: { datasetVersion: '2026.5' } }, { ...key, index: truncated }, { ...key, index: indexAsText(good), storedAt: 7 }]) {
      const db = await openDatasetDb();
      await db.put('indexes', record as never, 'active');
      db.close();
      expect(await start()(active)).toEqual(good);
      await vi.waitFor(async () => expect(await storedRecord()).toEqual({ ...key, index: good }));
    }
  });

  it('is neither read nor written for a dataset served from memory (storage failed)', async () => {
    const fromMemory: ActiveDataset = { bundle: bundleOf('2026.5'), source: 'bundled', storageProblem: 'IndexedDB failed' };
    const cache = indexCache(COMPILER);
    await cache.write(fromMemory, marked(fromMemory.bundle));
    expect(await storedRecord()).toBeUndefined();
    expect(await cache.read(fromMemory)).toBeNull();
  });

  it('costs a compile, never a failed start, when IndexedDB fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const active = stored('2026.5', '2026-05-01T00:00:00.000Z');
    vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('gone', 'UnknownError');
    });
    expect(await start()(active)).toEqual(compileIndex(active.bundle));
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('vendor-risk: could not store the detection index', expect.stringMatching(/gone/)));
    expect(warn).toHaveBeenCalledWith('vendor-risk: could not read the stored detection index', expect.stringMatching(/gone/));
  });

  it('keeps the shipped index on the first start after install, for the bundled copy stored after it', async () => {
    const bundled = bundledDataset('2026.1', async () => bundleOf('2026.1'));
    const shipped = marked(bundleOf('2026.1'));
    const firstStart = indexLoader(bundled, async () => indexAsText(shipped), indexCache(COMPILER));
    const active = await loadActiveDataset(bundled, new Date('2026-11-28T00:00:00Z'));
    expect((await firstStart(active)).domains).toEqual(shipped.domains);
    await active.save!();
    await written();

    // The next start reads the stored copy, which is not the object read from the package.
    const next = await loadActiveDataset(bundled);
    expect(bundled.isShipped(next.bundle)).toBe(false);
    expect((await start()(next)).domains).toEqual(shipped.domains);

    // An update stores a new record: its index is compiled.
    expect(await installDataset(bundleOf('2026.2'), 'updated', 'k')).toEqual({ ok: true });
    const updated = await loadActiveDataset(bundled);
    expect(await start()(updated)).toEqual(compileIndex(updated.bundle));
  });
});
