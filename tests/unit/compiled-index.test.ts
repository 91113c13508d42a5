import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileIndex, indexLoader } from '../../lib/background/compiled-index';
import { indexAsText, unpackDetectionIndex } from '../../lib/detection/detection-index';
import { bundledDataset } from '../../lib/store/bundled';
import { bundleOf } from './update-helpers';

/** A package whose dataset file holds `version`, and whose prebuilt index file reads as `indexFile`. */
async function packageOf(version: string, indexFile: () => Promise<unknown>) {
  const bundled = bundledDataset(version, async () => bundleOf(version));
  const readIndex = vi.fn(indexFile);
  return { bundle: await bundled.load(), load: indexLoader(bundled, readIndex), readIndex };
}

describe('the detection index for the active dataset', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is read from the package when the dataset is the one just read from the package', async () => {
    // As the build writes it (arrays as base64), with a domain only the file has.
    const prebuilt = { ...compileIndex(bundleOf('2026.1')), domains: [['only-in-the-file.example', 0]] as [string, number][] };
    const { bundle, load } = await packageOf('2026.1', async () => indexAsText(prebuilt));
    const index = await load({ bundle, source: 'bundled' });
    // As pages receive it: typed arrays, no base64 left.
    expect(index).toEqual(unpackDetectionIndex(prebuilt));
    expect(index.domains).toEqual([['only-in-the-file.example', 0]]);
  });

  it('is compiled when the prebuilt file is missing or damaged', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const expected = compileIndex(bundleOf('2026.1'));
    for (const file of [
      () => Promise.reject(new TypeError('Failed to fetch')),
      async () => ({ datasetVersion: '2026.1' }),
      async () => ({ ...expected, patterns: null }),
    ]) {
      const { bundle, load } = await packageOf('2026.1', file);
      expect(await load({ bundle, source: 'bundled' })).toEqual(expected);
    }
  });

  it('never uses a prebuilt index of another dataset version', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stale = compileIndex(bundleOf('2026.0'));
    const { bundle, load } = await packageOf('2026.1', async () => stale);
    const index = await load({ bundle, source: 'bundled' });
    expect(index).not.toBe(stale);
    expect(index).toEqual(compileIndex(bundle));
  });

  it('never uses it for a stored dataset, even one of the shipped version (its data may differ)', async () => {
    const { bundle, load, readIndex } = await packageOf('2026.1', async () => compileIndex(bundleOf('2026.1')));
    // A copy stored by an earlier build of the same version, with one vendor fewer.
    const stored = { ...structuredClone(bundle), vendors: bundle.vendors.slice(1) };
    const index = await load({ bundle: stored, source: 'bundled', storedAt: '2026-11-01T00:00:00Z' });
    expect(index).toEqual(compileIndex(stored));
    expect(readIndex).not.toHaveBeenCalled();
  });
});
