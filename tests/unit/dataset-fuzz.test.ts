import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../lib/dataset/dataset';
import { buildDetectionIndex } from '../../lib/detection/detection-index';
import { findMentions } from '../../lib/detection/mentions';
import { DatasetBundle } from '../../lib/dataset/schema';
import { TEST_BUNDLE } from './helpers';

// A valid bundle whose fields the mutations below replace at random.
const valid: unknown = TEST_BUNDLE;

/** Replaces the value at a random path of a JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[path[0]! % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  (copy as Record<string, unknown>)[key] = mutate(child, path.slice(1), replacement);
  return copy;
}

describe('dataset schema on hostile input', () => {
  it('never throws on arbitrary JSON and never accepts it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = parseBundle(input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(/^invalid dataset: /);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects or accepts every mutation of a valid bundle without crashing, and what it accepts is valid', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 6 }), fc.jsonValue(), (path, replacement) => {
        const result = parseBundle(mutate(valid, path, replacement));
        if (result.ok) {
          expect(DatasetBundle.safeParse(result.value).success).toBe(true);
          // What is accepted can be compiled and used for detection.
          const index = buildDetectionIndex(result.value.version, result.value.vendors);
          expect(() => findMentions(index, 'Change Healthcare and Optum')).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });
});
