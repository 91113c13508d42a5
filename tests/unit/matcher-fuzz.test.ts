/**
 * Property-based tests (fast-check) of the vendor matcher against a deliberately naive reference, on random
 * texts and random name sets drawn from a tiny alphabet (so names overlap, nest and repeat a lot). Names
 * here have no special rules (no exact case, no context, no veto phrases): those are covered by example
 * tests in mentions.test.ts. The reference: at every position, every name matches case-insensitively,
 * a space in a name matching any run of white space in the text, on word boundaries; overlapping matches
 * resolve to the leftmost, then longest (the same words naming two vendors: both stand).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vendor } from '../../lib/dataset/schema';
import { detectVendors } from '../../lib/detection/detect';
import { buildDetectionIndex } from '../../lib/detection/detection-index';
import { findMentions } from '../../lib/detection/mentions';

const SPACES = new Set([' ', '\t', '\n']);
const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Where `name` (lower case, single spaces) matches `text` from `start`: the end offset, or -1. */
function matchAt(text: string, start: number, name: string): number {
  let t = start;
  for (const ch of name) {
    if (ch === ' ') {
      if (!SPACES.has(text[t] ?? '')) return -1;
      while (SPACES.has(text[t] ?? '')) t++;
    } else {
      if ((text[t] ?? '').toLowerCase() !== ch) return -1;
      t++;
    }
  }
  return t;
}

interface Found {
  vendor: string;
  start: number;
  end: number;
}

function reference(text: string, vendors: { id: string; names: string[] }[]): Found[] {
  const candidates: Found[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const v of vendors) {
      const ends = new Set<number>();
      for (const name of v.names) {
        const end = matchAt(text, start, name.toLowerCase());
        if (end < 0 || ends.has(end)) continue;
        const wordStart = isWord(text[start]) && isWord(text[start - 1]);
        const wordEnd = isWord(text[end - 1]) && isWord(text[end]);
        if (wordStart || wordEnd) continue;
        ends.add(end);
        candidates.push({ vendor: v.id, start, end });
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Found[] = [];
  let coveredTo = -1;
  for (const m of candidates) {
    const last = kept[kept.length - 1];
    if (m.start >= coveredTo) {
      kept.push(m);
      coveredTo = m.end;
    } else if (last && m.start === last.start && m.end === last.end) {
      kept.push(m);
    }
  }
  return kept;
}

const canonical = (found: Found[]) => found.map((f) => `${f.start}-${f.end}:${f.vendor}`).sort();

/** A name: 2-8 characters of a tiny alphabet, starting and ending with a letter, single spaces. */
const nameArb = fc
  .stringMatching(/^[abcAB][abcAB -]{0,6}[abcAB]$/)
  .map((s) => s.replace(/ +/g, ' '))
  .filter((s) => s.length >= 2);

const vendorsArb = fc
  .array(fc.array(nameArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 })
  .map((lists) => lists.map((names, i) => ({ id: `v${i}`, names: [...new Set(names)] })));

/** Texts over the same alphabet plus white space, punctuation and a block break. */
const textArb = fc
  .array(fc.constantFrom('a', 'b', 'c', 'A', 'B', 'C', ' ', ' ', '  ', '\n', '\t', '-', '.', ',', 'é', '1', '\u2029'), { maxLength: 80 })
  .map((parts) => parts.join(''));

function indexOf(vendors: { id: string; names: string[] }[]) {
  const parsed = vendors.map((v) =>
    Vendor.parse({ id: v.id, name: v.names[0], aliases: v.names.slice(1), domains: [], category: 'ehr' }),
  );
  return buildDetectionIndex('fuzz', parsed);
}

/** Two names that fold to the same key under the reference but not the matcher would skew the oracle. */
const distinctFolds = (vendors: { names: string[] }[]) => vendors.every((v) => new Set(v.names.map((n) => n.toLowerCase())).size === v.names.length);

describe('matcher (fast-check against a naive reference)', () => {
  it('findMentions finds exactly what the reference finds', () => {
    fc.assert(
      fc.property(vendorsArb.filter(distinctFolds), textArb, (vendors, text) => {
        const index = indexOf(vendors);
        const got = findMentions(index, text).map((m) => ({ vendor: index.vendorIds.at(m.vendor)!, start: m.start, end: m.end }));
        expect(canonical(got)).toEqual(canonical(reference(text, vendors)));
      }),
      { numRuns: 2_000, seed: 20_241_128 },
    );
  });

  it('finds a planted name in random surroundings, whatever its case and spacing', () => {
    fc.assert(
      fc.property(vendorsArb.filter(distinctFolds), textArb, textArb, fc.nat(), fc.boolean(), (vendors, before, after, pick, upper) => {
        const target = vendors[pick % vendors.length]!;
        const name = target.names[0]!;
        const planted = (upper ? name.toUpperCase() : name.toLowerCase()).replace(/ /g, ' \n\t ');
        const text = `${before} ${planted} ${after}`;
        const index = indexOf(vendors);
        const got = findMentions(index, text).map((m) => ({ vendor: index.vendorIds.at(m.vendor)!, start: m.start, end: m.end }));
        expect(canonical(got)).toEqual(canonical(reference(text, vendors)));
        // Something covers the planted name's first letter (it or a longer overlapping name).
        const at = before.length + 1;
        expect(got.some((m) => m.start <= at && at < m.end)).toBe(true);
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });

  it('detectVendors never throws and detects from text only vendors the reference found', () => {
    fc.assert(
      fc.property(vendorsArb.filter(distinctFolds), textArb, fc.string({ maxLength: 30 }), (vendors, text, title) => {
        const index = indexOf(vendors);
        const detections = detectVendors({ url: null, title, text, links: [], scripts: [], iframes: [], imageAlts: [] }, index);
        const found = new Set([...reference(text, vendors), ...reference(title, vendors)].map((f) => f.vendor));
        for (const d of detections) expect(found.has(d.vendorId)).toBe(true);
      }),
      { numRuns: 1_000, seed: 42 },
    );
  });
});
