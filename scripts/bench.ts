/**
 * `npm run bench [-- --json]`: the matcher against the alternatives, on the same texts, in one process.
 *
 * - ours:  lib/matching/automaton.ts scanText (word-level Aho-Corasick over typed arrays), reporting matches;
 * - regex: one alternation RegExp of every name (longest first), white space as runs, word boundaries;
 * - peer:  the `ahocorasick` npm package, given the text already folded (lower case, one space per run),
 *          so folding is not counted against it;
 * - floor: a bare loop that reads every character code of the text once.
 *
 * Each is warmed up, then run several times in turn; the table shows medians, and the ratios peer/ours and
 * ours/floor are medians of the ratio within each round (see pairedRatio). Before timing, the bench
 * checks that all three agree: ours and the package find the same matches on word boundaries, and ours
 * resolved to leftmost-longest equals what the RegExp finds. A disagreement exits with status 1.
 */
import AhoCorasick from 'ahocorasick';
import { parseHTML } from 'linkedom';
import { performance } from 'node:perf_hooks';
import type { Vendor } from '../lib/dataset/schema';
import { buildDetectionIndex, serializeDetectionIndex } from '../lib/detection/detection-index';
import { readPage } from '../lib/detection/read-page';
import { automatonBytes, buildAutomaton, scanText, type Automaton } from '../lib/matching/automaton';
import { collapseSpace, foldText, isWordCode } from '../lib/matching/fold';
import { foldWithOrigin, onWordBoundaries } from '../tests/unit/helpers';
import { generateBody, loadBenchDataset, page, savedPages } from './bench-corpus';

const JSON_OUT = process.argv.includes('--json');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
/** Calls of each contender before timing: V8 optimises, and re-optimises after a first deopt, in these. */
const WARMUP_CALLS = 15;
/**
 * V8 runs an alternation of thousands of names in its RegExp bytecode interpreter: about 10 s per 100 KB
 * here. The RegExp is therefore run (checked and timed, one warm-up and three runs) on the first
 * REGEX_SAMPLE characters of a text, cut at a block break, and its time scaled linearly to the whole text.
 */
const REGEX_SAMPLE = Number(process.env.BENCH_REGEX_SAMPLE ?? 20_000);

/** Folded names, as buildDetectionIndex keys them: names and aliases of vendors (all, or those in text detection). */
function patternsOf(vendors: readonly Vendor[], all: boolean): string[] {
  const keys = new Set<string>();
  for (const v of vendors) {
    if (!all && !v.match.textDetection) continue;
    for (const name of [v.name, ...v.aliases]) {
      const key = foldText(collapseSpace(name));
      if (key.length >= 2) keys.add(key);
    }
    if (!all) for (const phrase of v.match.exclude) keys.add(foldText(phrase));
  }
  return [...keys];
}

function textOf(html: string): string {
  const { document } = parseHTML(html);
  return readPage(document as unknown as Document, null).signals.text;
}

/* ----------------------------------------------------------------------------------------------- */
/* The alternatives                                                                                 */
/* ----------------------------------------------------------------------------------------------- */

const SPACE_CLASS = '[\\t-\\r \\u00a0\\u2000-\\u200a\\u2028\\u202f\\u3000]+';
/** isWordCode as a character class over UTF-16 code units (the bench's RegExp has no u flag, like our scanner). */
const WORD = (() => {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  for (let c = 0; c < 0x10000; ) {
    if (!isWordCode(c)) {
      c++;
      continue;
    }
    let d = c;
    while (d + 1 < 0x10000 && isWordCode(d + 1)) d++;
    out += d > c ? `${hex(c)}-${hex(d)}` : hex(c);
    c = d + 1;
  }
  return `[${out}]`;
})();

/** One RegExp source piece per folded pattern: spaces are runs, apostrophes and dashes in all their forms. */
function regexPiece(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === ' ') out += SPACE_CLASS;
    else if (ch === "'") out += "['\\u2018\\u2019]";
    else if (ch === '-') out += '[\\-\\u2010-\\u2015]';
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/**
 * `\b(?:name|name|...)\b`, longest names first, with our notion of a word character for the boundaries;
 * the rare name that begins or ends with punctuation gets only the boundary it needs. Names that begin with
 * a word character share one alternation, so a longer name always wins over a shorter one at the same place
 * (leftmost-longest, as the other matchers are compared).
 */
function buildRegex(patterns: readonly string[]): RegExp {
  const byLength = [...patterns].sort((a, b) => b.length - a.length);
  const isWord = (s: string, at: number) => isWordCode(s.charCodeAt(at));
  const piece = (p: string) => regexPiece(p) + (isWord(p, p.length - 1) ? `(?!${WORD})` : '');
  const wordStart = byLength.filter((p) => isWord(p, 0)).map(piece);
  const otherStart = byLength.filter((p) => !isWord(p, 0)).map(piece);
  const main = `(?<!${WORD})(?:${wordStart.join('|')})`;
  return new RegExp(otherStart.length ? `${main}|${otherStart.join('|')}` : main, 'gi');
}

function runRegex(re: RegExp, text: string): [number, number][] {
  const found: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

function floor(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

function ours(a: Automaton, text: string): [number, number, number][] {
  const found: [number, number, number][] = [];
  scanText(a, text, (p, s, e) => found.push([p, s, e]));
  return found;
}

/** Leftmost-longest, non-overlapping: what a RegExp alternation of names sorted longest first finds. */
function leftmostLongest(matches: readonly [number, number, number][]): [number, number][] {
  const sorted = [...matches].sort((x, y) => x[1] - y[1] || y[2] - x[2]);
  const out: [number, number][] = [];
  let covered = -1;
  for (const [, s, e] of sorted) {
    if (s >= covered) {
      out.push([s, e]);
      covered = e;
    }
  }
  return out;
}

/* ----------------------------------------------------------------------------------------------- */
/* Timing                                                                                           */
/* ----------------------------------------------------------------------------------------------- */

/** Bytes of an index as sent to a page: typed arrays by their size, text by its length, numbers as 8. */
function sentBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, v) => sum + sentBytes(v), 0);
  return 8;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A full garbage collection when node runs with --expose-gc (npm run bench does), else nothing. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Timing {
  /** Median time per contender, ms. */
  ms: Record<string, number>;
  /** Time per contender in each round, ms. */
  rounds: Record<string, number[]>;
}

/**
 * Runs every contender WARMUP_CALLS times (so V8 has optimised it), then RUNS rounds in turn, each contender
 * `repeat` times per round.
 */
function time(contenders: Record<string, () => unknown>, repeat: number): Timing {
  const names = Object.keys(contenders);
  const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  let sink = 0;
  for (let w = 0; w < WARMUP_CALLS; w++) for (const n of names) sink ^= Number(Boolean(contenders[n]!()));
  for (let run = 0; run < RUNS; run++) {
    for (const n of names) {
      // Each contender starts with an empty young generation: the garbage another one left (the peer's
      // allocations) is not collected on this one's time.
      collectGarbage();
      const t0 = performance.now();
      for (let r = 0; r < repeat; r++) sink ^= Number(Boolean(contenders[n]!()));
      rounds[n]!.push((performance.now() - t0) / repeat);
    }
  }
  if (sink === 42) console.log('');
  return { ms: Object.fromEntries(names.map((n) => [n, median(rounds[n]!)])), rounds };
}

/**
 * How many times slower `a` is than `b`: the median over rounds of a's time over b's in the same round. Both
 * ran within the same second or so, so a moment when the machine is slow (it is a shared VM) slows both.
 */
function pairedRatio(t: Timing, a: string, b: string): number {
  return median(t.rounds[a]!.map((ms, k) => ms / t.rounds[b]![k]!));
}

interface Case {
  name: string;
  text: string;
  patterns: string[];
}

interface CaseResult {
  name: string;
  bytes: number;
  patterns: number;
  matches: number;
  ours_ms: number;
  regex_ms: number;
  peer_ms: number;
  floor_ms: number;
  /** How many times the floor's time ours takes, and ours the peer's: medians of the ratios within a round. */
  ours_per_floor: number;
  peer_per_ours: number;
  /** Characters the RegExp was run on (its time is scaled from there to the whole text). */
  regex_sample: number;
  agree: boolean;
}

interface Prepared {
  automaton: Automaton;
  regex: RegExp;
  peer: { search(text: string): [number, string[]][] };
  patternIndex: Map<string, number>;
}

const preparedCache = new Map<string[], Prepared>();
function prepare(patterns: string[]): Prepared {
  let p = preparedCache.get(patterns);
  if (!p) {
    p = {
      automaton: buildAutomaton(patterns),
      regex: buildRegex(patterns),
      peer: new AhoCorasick(patterns) as Prepared['peer'],
      patternIndex: new Map(patterns.map((q, i) => [q, i])),
    };
    preparedCache.set(patterns, p);
  }
  return p;
}

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

function runCase(c: Case): CaseResult {
  progress(`${c.name}: building matchers`);
  const { automaton, regex, peer, patternIndex } = prepare(c.patterns);
  progress(`${c.name}: checking agreement`);
  const { folded, origin } = foldWithOrigin(c.text);

  // Agreement first.
  const mine = ours(automaton, c.text);
  const key = (m: readonly number[]) => m.join(',');
  const mineSet = [...new Set(mine.map(key))].sort();
  const peerSet = new Set<string>();
  for (const [end, words] of peer.search(folded)) {
    for (const w of words) {
      const start = origin[end - w.length + 1]!;
      const stop = origin[end]! + 1;
      if (onWordBoundaries(c.text, start, stop)) peerSet.add(key([patternIndex.get(w)!, start, stop]));
    }
  }
  const peerSorted = [...peerSet].sort();
  const cut = c.text.length <= REGEX_SAMPLE ? c.text.length : c.text.indexOf('\u2029', REGEX_SAMPLE) + 1 || c.text.length;
  const sample = c.text.slice(0, cut);
  const regexFound = runRegex(regex, sample).map(key);
  const mineLongest = leftmostLongest(mine.filter((m) => m[2] <= cut)).map(key);
  const agreeWithPeer = JSON.stringify(mineSet) === JSON.stringify(peerSorted);
  const agreeWithRegex = JSON.stringify(mineLongest) === JSON.stringify(regexFound);
  if (!agreeWithPeer || !agreeWithRegex) {
    const firstDiff = (a: string[], b: string[]) => {
      const sb = new Set(b);
      const sa = new Set(a);
      return { missing: b.filter((x) => !sa.has(x)).slice(0, 5), extra: a.filter((x) => !sb.has(x)).slice(0, 5) };
    };
    console.error(`${c.name}: results differ`, {
      peer: agreeWithPeer ? 'same' : firstDiff(mineSet, peerSorted),
      regex: agreeWithRegex ? 'same' : firstDiff(mineLongest, regexFound),
    });
  }

  progress(`${c.name}: timing`);
  const repeat = c.text.length < 200_000 ? 5 : 1;
  // Ours and the floor run next to each other in every round (see pairedRatio).
  const t = time(
    {
      ours: () => ours(automaton, c.text).length,
      floor: () => floor(c.text),
      peer: () => peer.search(folded).length,
    },
    repeat,
  );
  const regexRuns: number[] = [];
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    runRegex(regex, sample);
    if (run > 0) regexRuns.push(((performance.now() - t0) * c.text.length) / sample.length);
  }
  return {
    name: c.name,
    bytes: c.text.length,
    patterns: c.patterns.length,
    matches: mine.length,
    ours_ms: round(t.ms.ours!),
    regex_ms: round(median(regexRuns)),
    peer_ms: round(t.ms.peer!),
    floor_ms: round(t.ms.floor!),
    ours_per_floor: round(pairedRatio(t, 'ours', 'floor')),
    peer_per_ours: round(pairedRatio(t, 'peer', 'ours')),
    regex_sample: sample.length,
    agree: agreeWithPeer && agreeWithRegex,
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/* ----------------------------------------------------------------------------------------------- */
/* Main                                                                                             */
/* ----------------------------------------------------------------------------------------------- */

function main(): void {
  const { vendors, importedFrom } = loadBenchDataset();
  const textPatterns = patternsOf(vendors, false);
  const allPatterns = patternsOf(vendors, true);

  // compile_ms: what the background does on start, for the full dataset (median of a few).
  const compiles: number[] = [];
  let serializedBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const index = buildDetectionIndex('bench', vendors);
    const s = serializeDetectionIndex(index);
    compiles.push(performance.now() - t0);
    serializedBytes = sentBytes(s);
  }
  const textAutomaton = buildAutomaton(textPatterns);

  // Names that appear in the generated pages: those the extension looks for, and others.
  const textNames = vendors.filter((v) => v.match.textDetection).map((v) => v.name);
  const otherNames = vendors.filter((v) => !v.match.textDetection).map((v) => v.name);
  const mixed = [...textNames, ...otherNames.slice(0, textNames.length >> 1)];
  const saved = savedPages()
    .map((p) => textOf(p.html))
    .join('\u2029');
  let savedText = '';
  while (savedText.length < 100_000) savedText += saved + '\u2029';

  const cases: Case[] = [
    { name: 'article 100 KB', text: textOf(page('Article', generateBody(1, 100_000, mixed, 0.004))), patterns: textPatterns },
    { name: 'saved pages (tests/), repeated to 100 KB', text: savedText, patterns: textPatterns },
    { name: 'page 1.5 MB', text: textOf(page('EHR', generateBody(2, 1_500_000, mixed, 0.004))), patterns: textPatterns },
  ];
  cases.push({ name: 'page 1.5 MB, every organisation name', text: cases[2]!.text, patterns: allPatterns });

  const results = cases.map(runCase);
  const report = {
    cases: results,
    compile_ms: round(median(compiles)),
    patterns: textPatterns.length,
    all_patterns: allPatterns.length,
    vendors: vendors.length,
    imported_from: importedFrom,
    automaton_bytes: automatonBytes(textAutomaton),
    serialized_index_bytes: serializedBytes,
    states: textAutomaton.fail.length,
    node: process.version,
  };

  if (JSON_OUT) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const rows = results.map((r) => ({
      case: r.name,
      KB: Math.round(r.bytes / 1024),
      patterns: r.patterns,
      matches: r.matches,
      'ours ms': r.ours_ms.toFixed(2),
      'regex ms': r.regex_ms.toFixed(2),
      'peer ms': r.peer_ms.toFixed(2),
      'floor ms': r.floor_ms.toFixed(2),
      'regex/ours': (r.regex_ms / r.ours_ms).toFixed(1) + 'x',
      'peer/ours': r.peer_per_ours.toFixed(1) + 'x',
      'ours/floor': r.ours_per_floor.toFixed(1) + 'x',
      agree: r.agree ? 'yes' : 'NO',
    }));
    console.table(rows);
    console.log(
      `dataset: ${vendors.length} vendors (imported from ${importedFrom}); ${textPatterns.length} text patterns, ` +
        `${allPatterns.length} with every organisation name`,
    );
    console.log(
      `background compile (buildDetectionIndex + serialize): ${report.compile_ms} ms; automaton ${report.states} states, ` +
        `${Math.round(report.automaton_bytes / 1024)} KiB in memory, index message ${Math.round(serializedBytes / 1024)} KiB`,
    );
    console.log(
      `Node ${process.version}; medians of ${RUNS} rounds after ${WARMUP_CALLS} warm-up calls; peer/ours and ` +
        `ours/floor are medians of the ratio within each round (ours and the floor run back to back); the RegExp is timed on ` +
        `the first ${Math.round(REGEX_SAMPLE / 1000)} KB of each text and scaled (V8 interprets an alternation this big)`,
    );
  }
  if (!results.every((r) => r.agree)) process.exitCode = 1;
}

main();
