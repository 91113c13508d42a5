import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';

describe('the committed dataset bundle', () => {
  it('is exactly what `npm run data:build` makes from the committed sources', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'bundle.json');
    const err: string[] = [];
    const code = await main(['data', 'build', '--out', out], { out: () => {}, err: (l) => err.push(l), cwd: process.cwd() });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    // Byte for byte: the build is reproducible, and nobody edited data/bundle.json by hand.
    expect(readFileSync(out).equals(readFileSync('data/bundle.json'))).toBe(true);
  }, 60_000);
});
