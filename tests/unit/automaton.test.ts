import { describe, expect, it } from 'vitest';
import {
  buildAutomaton,
  deserializeAutomaton,
  primeScanner,
  scanText,
  packedAsText,
  serializeAutomaton,
  type Automaton,
} from '../../lib/matching/automaton';
import { BLOCK_BREAK, foldCode, foldText, isWordCode } from '../../lib/matching/fold';
import { foldWithOrigin, onWordBoundaries, prng } from './helpers';

type Match = [pattern: number, start: number, end: number];

const sortMatches = (m: Match[]) => m.sort((x, y) => x[1] - y[1] || x[2] - y[2] || x[0] - y[0]);

/**
 * The reference: fold the text character by character (white space runs become one space), find every
 * occurrence of every pattern with indexOf, map back to the original offsets, keep those on word boundaries.
 * A block break is a hard boundary: a pattern that contains one never matches. A repeated pattern reports
 * its first index.
 */
function naive(patterns: readonly string[], text: string): Match[] {
  const { folded, origin } = foldWithOrigin(text);
  const found: Match[] = [];
  patterns.forEach((p, index) => {
    if (!p || p.includes(BLOCK_BREAK) || patterns.indexOf(p) < index) return;
    for (let at = folded.indexOf(p); at >= 0; at = folded.indexOf(p, at + 1)) {
      const start = origin[at]!;
      const end = origin[at + p.length - 1]! + 1;
      if (onWordBoundaries(text, start, end)) found.push([index, start, end]);
    }
  });
  return sortMatches(found);
}

function scan(a: Automaton, text: string, from?: number, to?: number): Match[] {
  const found: Match[] = [];
  scanText(a, text, (p, s, e) => found.push([p, s, e]), from, to);
  return sortMatches(found);
}

// Few letters so names overlap and repeat; every kind of white space, dash, apostrophe, case and script.
const ALPHABET = [
  'a', 'b', 'c', 'A', 'B', '1', ' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '-', '\u2013', "'", '\u2019',
  '&', '.', ',', 'é', 'É', 'ß', 'İ', 'Ω', '中', BLOCK_BREAK, '\u200b', '/',
];

function randomString(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)]!;
  return s;
}

describe('automaton', () => {
  it('folds consistently: folding is idempotent and keeps letters letters', () => {
    for (let c = 0; c < 0x10000; c++) {
      const f = foldCode(c);
      expect(foldCode(f)).toBe(f);
      if (isWordCode(c) !== isWordCode(f)) expect.fail(`U+${c.toString(16)} changes word class when folded`);
    }
  });

  it('folds each character below U+0250 to its own lower case (white space to a space), or to itself when that is longer', () => {
    for (let c = 0; c < 0x250; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      const expected = /\s/.test(String.fromCharCode(c)) && c < 0x100 ? 32 : lower.length === 1 ? lower.charCodeAt(0) : c;
      if (foldCode(c) !== expected) expect.fail(`U+${c.toString(16)} folds to U+${foldCode(c).toString(16)}`);
    }
  });

  it('takes exactly the Unicode letters and digits below U+0250 as word characters', () => {
    for (let c = 0; c < 0x250; c++) {
      if (isWordCode(c) !== /[\p{L}\p{N}]/u.test(String.fromCharCode(c))) expect.fail(`U+${c.toString(16)} is in the wrong class`);
    }
  });

  it('finds exactly what indexOf over the folded text finds, on word boundaries (random texts, seeded)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed);
      const patterns = Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
        foldText(randomString(rand, 1 + Math.floor(rand() * 6))),
      );
      // Some patterns are pieces of the text, so there is something to find.
      const text = randomString(rand, Math.floor(rand() * 300));
      for (let k = 0; k < 4 && text.length > 2; k++) {
        const at = Math.floor(rand() * (text.length - 1));
        patterns.push(foldText(text.slice(at, at + 1 + Math.floor(rand() * 8))));
      }
      const a = buildAutomaton(patterns);
      const expected = naive(patterns, text);
      const got = scan(a, text);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        expect({ seed, patterns, text, got }).toEqual({ seed, patterns, text, got: expected });
      }
    }
  });

  it('scans the same after a round trip through JSON', () => {
    const rand = prng(42);
    const patterns = Array.from({ length: 200 }, () => foldText(randomString(rand, 2 + Math.floor(rand() * 8))));
    const a = buildAutomaton(patterns);
    const b = deserializeAutomaton(JSON.parse(JSON.stringify(packedAsText(serializeAutomaton(a)))) as Record<string, string>);
    for (let k = 0; k < 20; k++) {
      const text = randomString(rand, 500);
      expect(scan(b, text)).toEqual(scan(a, text));
    }
  });

  it('sends a priming text that runs into names ending in a word and in punctuation, and other scripts', () => {
    const patterns = ['change healthcare', 'acme inc.', 'welltok'].map(foldText);
    const a = buildAutomaton(patterns);
    const prime = serializeAutomaton(a).prime as string;
    expect(deserializeAutomaton(serializeAutomaton(a)).prime).toBe(prime);
    const found = new Set(scan(a, prime!).map(([p]) => patterns[p]));
    // The first name of each kind in state order: the one-word name ends in a word, the other in '.'.
    expect(found).toEqual(new Set(['welltok', 'acme inc.']));
    expect(prime).toContain(BLOCK_BREAK);
    expect(prime).toMatch(/[^\u0000-\u024f]/);
    // The scanning loop's path for a text's last word, which runs to the end.
    expect(prime).toMatch(/\w$/);
    // A page primes once: the content script gives the page the thread after priming only when it primed.
    const received = deserializeAutomaton(serializeAutomaton(a));
    expect(primeScanner(received)).toBe(true);
    expect(primeScanner(received)).toBe(false);
    expect(scan(received, 'welltok')).toEqual(scan(a, 'welltok'));
  });

  it('sends every table it scans with, in the width it was built in, and refuses a short or missing one', () => {
    const rand = prng(7);
    const patterns = Array.from({ length: 300 }, () => foldText(randomString(rand, 2 + Math.floor(rand() * 10))));
    const a = buildAutomaton(patterns);
    const sent = JSON.parse(JSON.stringify(packedAsText(serializeAutomaton(a)))) as Record<string, string>;
    const b = deserializeAutomaton(sent);
    for (const f of ['tokenStart', 'childStart', 'label', 'rootNext', 'fail', 'spaceNext', 'output', 'hit', 'wordSlots', 'wordFilter', 'charToken'] as const) {
      expect(b[f].constructor).toBe(a[f].constructor);
      expect([...b[f]]).toEqual([...a[f]]);
    }
    expect([...b.otherTokens]).toEqual([...a.otherTokens]);
    expect(() => deserializeAutomaton({ ...sent, hit: sent.fail!.replace(/^u(8|16|32):.*/, 'u8:AAAA') })).toThrow(/malformed/);
    const missing = { ...sent };
    delete missing.spaceNext;
    expect(() => deserializeAutomaton(missing)).toThrow(/malformed/);
    expect(() => deserializeAutomaton({ ...sent, format: 'tok1' })).toThrow(/unknown automaton format/);
  });

  it('finds the same in pieces cut at block breaks as in the whole text', () => {
    const rand = prng(7);
    const patterns = Array.from({ length: 50 }, () => foldText(randomString(rand, 1 + Math.floor(rand() * 5))));
    const a = buildAutomaton(patterns);
    for (let k = 0; k < 50; k++) {
      const text = randomString(rand, 400);
      const pieces: Match[] = [];
      let from = 0;
      for (;;) {
        const br = text.indexOf(BLOCK_BREAK, from);
        const to = br < 0 ? text.length : br + 1;
        pieces.push(...scan(a, text, from, to));
        if (br < 0) break;
        from = to;
      }
      expect(sortMatches(pieces)).toEqual(scan(a, text));
    }
  });

  it('handles names with many words and large pattern sets', () => {
    const names = ['change healthcare', 'perry johnson & associates', 'pj&a', "st. mary's medical center", 'a'];
    const a = buildAutomaton(names);
    const text = "At St. Mary’s  Medical\nCenter, Perry Johnson &\tAssociates (PJ&A) and Change Healthcare.";
    expect(scan(a, text)).toEqual(naive(names, text));
    expect(scan(a, text).map(([p]) => names[p])).toEqual([
      "st. mary's medical center",
      'perry johnson & associates',
      'pj&a',
      'a', // the last word of "PJ&A"
      'change healthcare',
    ]);
  });

  it('never reports a word that passes for a name\'s word by its hash (a collision)', () => {
    // Two words with the same 32-bit FNV-1a hash (the word table's hash, from its standard offset basis),
    // found by the birthday bound among 2^17 random words.
    const fnv = (word: string, seed: number) => {
      let h = seed;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
      return h;
    };
    const basis = 0x811c9dc5 | 0;
    const rand = prng(7);
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    while (!pair) {
      let word = '';
      for (let k = 0; k < 7; k++) word += String.fromCharCode(97 + Math.floor(rand() * 26));
      const other = byHash.get(fnv(word, basis));
      if (other !== undefined && other !== word) pair = [other, word];
      byHash.set(fnv(word, basis), word);
    }
    const [name, lookalike] = pair;
    const a = buildAutomaton([`${name} health`, name]);
    expect(a.seed).toBe(basis);
    const text = `${lookalike} health, ${lookalike}. ${name} health`;
    const start = text.lastIndexOf(name);
    expect(scan(a, text)).toEqual([
      [1, start, start + name.length],
      [0, start, text.length],
    ]);
  });
});
