import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexCompilerId } from '../../scripts/index-compiler-id';

const roots: string[] = [];

/** A checkout with these files under the compiler's folders. */
function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vbr-compiler-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const SOURCES = {
  'lib/matching/automaton.ts': 'export const A = 1;\nexport const B = 2;\n',
  'lib/detection/detection-index.ts': 'export const C = 3;\n',
  'lib/detection/detectors/text.ts': 'export const D = 4;\n',
};

describe('the index compiler id (which build of the compiler made a stored index)', () => {
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('is the same for the same sources, whatever the line endings or files that are not code', () => {
    const id = indexCompilerId(checkout(SOURCES));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const windows = Object.fromEntries(Object.entries(SOURCES).map(([p, t]) => [p, t.replace(/\n/g, '\r\n')]));
    expect(indexCompilerId(checkout(windows))).toBe(id);
    expect(indexCompilerId(checkout({ ...SOURCES, 'lib/detection/NOTES.md': 'notes' }))).toBe(id);
  });

  it('changes with any change to the compiler: an edit, a new file, a file moved', () => {
    const id = indexCompilerId(checkout(SOURCES));
    expect(indexCompilerId(checkout({ ...SOURCES, 'lib/matching/automaton.ts': 'export const A = 1;\nexport const B = 3;\n' }))).not.toBe(id);
    expect(indexCompilerId(checkout({ ...SOURCES, 'lib/matching/fold.ts': '' }))).not.toBe(id);
    const { 'lib/detection/detectors/text.ts': moved, ...rest } = SOURCES;
    expect(indexCompilerId(checkout({ ...rest, 'lib/detection/text.ts': moved }))).not.toBe(id);
  });
});
