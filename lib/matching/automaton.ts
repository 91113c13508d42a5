import { BLOCK_BREAK, foldCode, isWordCode, LATIN_TABLES } from './fold';

/**
 * A word-level Aho-Corasick automaton in flat typed arrays.
 *
 * Names only count on word boundaries, so the text is read as tokens: a word (a run of letters and digits),
 * one other character, or one space (a run of white space) next to such a character; between two words white
 * space is implied (see tokenize). One pass over the text hashes each word as it
 * goes (FNV-1a over folded code units) and looks it up in a small open-addressing table of the words that
 * occur in names; a word no name contains sends the automaton back to its root without further work. The
 * automaton then moves once per token, not once per character, over a trie of token ids that is about a
 * fifth the size of a character trie. Every reported match lies on word boundaries by construction.
 *
 * It is built once (in the background or the CLI) and handed to a content script as a few typed arrays (see
 * serializeAutomaton): no page pays to build it, and scanning allocates nothing.
 */
export interface Automaton {
  /** Token texts, concatenated: token t is tokens.slice(tokenStart[t], tokenStart[t + 1]). Token 0 is " ". */
  tokens: string;
  tokenStart: UintArray;
  /**
   * Open-addressing hash table of word tokens, [full hash, token id + 1] per slot (0 for an empty slot), so a
   * probe reads one cache line. Its number of slots is a power of 2.
   */
  wordSlots: Int32Array;
  /**
   * Two 32 Kbit filters of word hashes, in L1 cache: of every word (most words no name contains stop here),
   * then of the words that begin a name (read at the root: a word that begins none leaves it there).
   */
  wordFilter: Int32Array;
  /** FNV-1a offset basis: chosen so no two words of the patterns share a full 32-bit hash. */
  seed: number;
  /** Token of each one-character non-word token below 0x250, or -1; rarer ones are in `otherTokens`. */
  charToken: Int32Array;
  otherTokens: Map<number, number>;
  /** States in breadth-first order; the children of s are states childStart[s] .. childStart[s + 1] - 1. */
  childStart: UintArray;
  /** Token on the edge into each state (sorted among siblings). */
  label: UintArray;
  /** Dense transitions out of the root by token: 0 means "stay at the root". */
  rootNext: UintArray;
  fail: UintArray;
  /** The state after a space from each state, fail links followed (derived): one load per space. */
  spaceNext: UintArray;
  /** Pattern + 1 that ends exactly at this state, or 0. */
  output: UintArray;
  /** Nearest state on the fail chain (this one included) with an output, or 0: hit[fail[h]] is the next. */
  hit: UintArray;
  /** In a page, until primeScanner has run: the priming text that came with the automaton (see primingText). */
  prime?: string;
}

/**
 * Arrays of states, tokens and offsets are kept in the narrowest unsigned width that holds their values
 * (see narrow): the content script then scans the very arrays it received, without widening copies.
 */
export type UintArray = Uint8Array | Uint16Array | Uint32Array;

const ROOT = 0;
const SPACE = 32;
const SPACE_TOKEN = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const FILTER_WORDS = 1024;
/** A word's element in a filter is its hash's top 10 bits (FILTER_WORDS = 2^10). */
const FILTER_SHIFT = 22;

/**
 * What a code unit is for tokenising, in one number: a letter or digit is its folded code (>= 0), anything
 * else the complement of its folded code (< 0), so white space is ~SPACE. The scanning loop then tests a
 * sign and hashes the value as it is.
 */
const SPACE_CODE = ~SPACE;
const TABLE = 0x250;
/**
 * Codes of every UTF-16 code unit, so the scanning loop reads one entry per character with no range check.
 * Latin and Latin-1 (and a few common marks) are filled at once; the rest is UNKNOWN (no code is that low)
 * until first met.
 */
const UNKNOWN = -0x80000000;
const CODE = new Int32Array(0x10000).fill(UNKNOWN);
// Marks met on most pages (’ “ ” – — … • and the block break) and letters of other scripts (ж, 中) go first:
// V8 then optimises the folding functions with all of their paths known, and does not throw that code away
// on a page's first such character.
for (const c of [0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0x2022, 0x2029, 0x436, 0x4e2d]) CODE[c] = codeOfRare(c);
// codeOfRare for all of Latin, from the folding tables: a call per character cost every page about 0.5 ms.
for (let c = 0, { fold, word } = LATIN_TABLES; c < fold.length; c++) CODE[c] = fold[c] !== SPACE && word[c] ? fold[c]! : ~fold[c]!;

function codeOfRare(c: number): number {
  const f = foldCode(c);
  return f !== SPACE && isWordCode(c) ? f : ~f;
}

/** The code of a character met for the first time, now in CODE. */
function learnCode(c: number): number {
  return (CODE[c] = codeOfRare(c));
}

function codeOf(c: number): number {
  const code = CODE[c]!;
  return code !== UNKNOWN ? code : learnCode(c);
}

function codeAt(s: string, i: number): number {
  return codeOf(s.charCodeAt(i));
}

function hashWord(word: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The word hash table (at most half full) and its bit filters, for word tokens by id. */
function wordIndex(tokenList: readonly string[], words: readonly number[], rootNext: Uint32Array, seed: number) {
  let size = 16;
  while (size < tokenList.length * 2) size *= 2;
  const wordSlots = new Int32Array(size * 2);
  const wordFilter = new Int32Array(FILTER_WORDS * 2);
  for (const id of words) {
    const h = hashWord(tokenList[id]!, seed);
    let slot = wordSlot(h, size - 1);
    while (wordSlots[slot * 2 + 1] !== 0) slot = (slot + 1) & (size - 1);
    wordSlots[slot * 2] = h;
    wordSlots[slot * 2 + 1] = id + 1;
    wordFilter[filterWord(h)]! |= 1 << h;
    if (rootNext[id] !== 0) wordFilter[FILTER_WORDS + filterWord(h)]! |= 1 << h;
  }
  return { wordSlots, wordFilter };
}

/** The element of a filter of FILTER_WORDS * 32 bits that holds a word hash's bit, `1 << h` (a shift reads only h & 31). */
function filterWord(h: number): number {
  return h >>> FILTER_SHIFT;
}

function wordSlot(h: number, mask: number): number {
  return (h ^ (h >>> 15)) & mask;
}

/**
 * Splits a folded pattern into token texts: words, single other characters, and " " for white space next to
 * one of those other characters. White space between two words is left out: it is the only thing that can
 * separate two words, so it says nothing, and leaving it out takes a third of the states away.
 */
function tokenize(folded: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < folded.length) {
    const code = codeAt(folded, i);
    if (code >= 0) {
      let j = i + 1;
      while (j < folded.length && codeAt(folded, j) >= 0) j++;
      out.push(folded.slice(i, j));
      i = j;
    } else if (code === SPACE_CODE) {
      while (i < folded.length && codeAt(folded, i) === SPACE_CODE) i++;
      const betweenWords = out.length > 0 && isWordToken(out[out.length - 1]!) && i < folded.length && codeAt(folded, i) >= 0;
      if (!betweenWords) out.push(' ');
    } else {
      out.push(folded[i]!);
      i++;
    }
  }
  return out;
}

function isWordToken(token: string): boolean {
  return codeAt(token, 0) >= 0;
}

/**
 * Builds an automaton; `patterns` must already be folded (see foldText). Pattern i reports index i. Empty
 * patterns, patterns with a block break, and patterns that begin or end with white space never match; a
 * pattern that repeats an earlier one reports the earlier index.
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // Tokens: 0 is the space; then every word and character the patterns use.
  const tokenIds = new Map<string, number>([[' ', SPACE_TOKEN]]);
  const tokenList = [' '];
  const sequences = patterns.map((pattern) => {
    if (!pattern || pattern.includes(BLOCK_BREAK) || pattern.startsWith(' ') || pattern.endsWith(' ')) return [];
    return tokenize(pattern).map((t) => {
      let id = tokenIds.get(t);
      if (id === undefined) {
        id = tokenList.length;
        tokenIds.set(t, id);
        tokenList.push(t);
      }
      return id;
    });
  });

  // The trie, first as nested maps.
  const children: Map<number, number>[] = [new Map()];
  const terminal: number[] = [0];
  sequences.forEach((seq, index) => {
    if (seq.length === 0) return;
    let state = ROOT;
    for (const t of seq) {
      let next = children[state]!.get(t);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        terminal.push(0);
        children[state]!.set(t, next);
      }
      state = next;
    }
    if (terminal[state] === 0) terminal[state] = index + 1;
  });

  // Renumber in breadth-first order with sorted children, so each state's children are contiguous.
  const count = children.length;
  const order: number[] = [ROOT];
  const newId = new Uint32Array(count);
  const childStart = new Uint32Array(count + 1);
  const label = new Uint32Array(count);
  for (let head = 0; head < order.length; head++) {
    const old = order[head]!;
    childStart[head] = order.length;
    for (const [t, child] of [...children[old]!].sort((a, b) => a[0] - b[0])) {
      newId[child] = order.length;
      label[order.length] = t;
      order.push(child);
    }
  }
  childStart[count] = count;
  const output = new Uint32Array(count);
  order.forEach((old, s) => (output[s] = terminal[old]!));

  const rootNext = new Uint32Array(tokenList.length);
  for (let c = childStart[ROOT]!; c < childStart[ROOT + 1]!; c++) rootNext[label[c]!] = c;
  const fail = new Uint32Array(count);
  const hit = new Uint32Array(count);
  // Breadth-first, so a state's fail link is set before its children's; the root's children fail to the root.
  for (let s = 1; s < count; s++) {
    for (let c = childStart[s]!; c < childStart[s + 1]!; c++) {
      const t = label[c]!;
      let f = fail[s]!;
      for (;;) {
        const next = f === ROOT ? rootNext[t]! : childOf(childStart, label, f, t);
        if (next !== 0 || f === ROOT) {
          fail[c] = next;
          break;
        }
        f = fail[f]!;
      }
    }
  }
  for (let s = 1; s < count; s++) hit[s] = output[s] !== 0 ? s : hit[fail[s]!]!;
  const spaceNext = spaceTransitions(childStart, label, fail);

  const tokenStart = new Uint32Array(tokenList.length + 1);
  let offset = 0;
  tokenList.forEach((t, i) => {
    tokenStart[i] = offset;
    offset += t.length;
  });
  tokenStart[tokenList.length] = offset;

  const charToken = new Int32Array(TABLE).fill(-1);
  const otherTokens = new Map<number, number>();
  const words: number[] = [];
  tokenList.forEach((t, id) => {
    if (id === SPACE_TOKEN) return;
    const first = t.charCodeAt(0);
    if (codeOf(first) >= 0) words.push(id);
    else if (first < TABLE) charToken[first] = id;
    else otherTokens.set(first, id);
  });
  // A seed under which every word has its own full hash: a lookup then compares hashes, never text.
  let seed = FNV_OFFSET;
  for (let attempt = 0; ; attempt++) {
    const hashes = new Set(words.map((id) => hashWord(tokenList[id]!, seed)));
    if (hashes.size === words.length) break;
    seed = Math.imul(seed ^ (attempt + 1), FNV_PRIME) | 1;
  }

  return {
    tokens: tokenList.join(''),
    tokenStart: narrow(tokenStart),
    ...wordIndex(tokenList, words, rootNext, seed),
    seed,
    charToken,
    otherTokens,
    childStart: narrow(childStart),
    label: narrow(label),
    rootNext: narrow(rootNext),
    fail: narrow(fail),
    spaceNext: narrow(spaceNext),
    output: narrow(output),
    hit: narrow(hit),
  };
}

/** `values` in the narrowest unsigned width that holds them. */
export function narrow(values: UintArray): UintArray {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max < 0x100) return values instanceof Uint8Array ? values : Uint8Array.from(values);
  if (max < 0x10000) return values instanceof Uint16Array ? values : Uint16Array.from(values);
  return values instanceof Uint32Array ? values : Uint32Array.from(values);
}

/** The state after a space from every state: breadth-first order puts fail[s] before s. */
function spaceTransitions(childStart: UintArray, label: UintArray, fail: UintArray): Uint32Array {
  const count = fail.length;
  const spaceNext = new Uint32Array(count);
  for (let s = 1; s < count; s++) {
    // Siblings are sorted and the space is token 0: a space child is always the first child.
    const first = childStart[s]!;
    spaceNext[s] = first < childStart[s + 1]! && label[first] === SPACE_TOKEN ? first : spaceNext[fail[s]!]!;
  }
  return spaceNext;
}

/** The child of `s` on token `t`, or 0. */
function childOf(childStart: UintArray, label: UintArray, s: number, t: number): number {
  let lo = childStart[s]!;
  let hi = childStart[s + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) {
      const l = label[lo]!;
      if (l === t) return lo;
      if (l > t) return 0;
    }
    return 0;
  }
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const l = label[mid]!;
    if (l === t) return mid;
    if (l < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The parent of state s: the state whose children range holds s. */
function parentOf(childStart: UintArray, s: number): number {
  let lo = 0;
  let hi = s - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (childStart[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Per automaton, the codes of the name each state a match was reported at spells: see spelledCodes. */
const spelled = new WeakMap<Automaton, Map<number, Int32Array>>();

/**
 * The codes (see codeOf) of the folded text from the root to state `m`. Found once per state (climbing parents
 * is a binary search per token), as a page that names a vendor once often names it again.
 */
function spelledCodes(a: Automaton, m: number): Int32Array {
  let known = spelled.get(a);
  if (!known) spelled.set(a, (known = new Map()));
  let codes = known.get(m);
  if (!codes) {
    const name = spell(a, m);
    codes = new Int32Array(name.length);
    for (let k = 0; k < name.length; k++) codes[k] = codeAt(name, k);
    known.set(m, codes);
  }
  return codes;
}

/**
 * Checks that the text before `end` spells the name of state `m` (a space in it stands for a run of white
 * space) and returns where it starts, or -1. Word lookups compare hashes only, so a word outside the patterns
 * can (with odds of about one in four billion) pass for one of them; this check makes every report exact.
 * `end` is where the scanning loop saw a token end, so only the start needs a word-boundary check.
 */
function matchStart(a: Automaton, text: string, end: number, m: number): number {
  const name = spelledCodes(a, m);
  const codes = CODE;
  let i = end;
  // The match lies in text the scanning loop has read, so every code it compares is known (learnt).
  for (let k = name.length - 1; k >= 0; k--) {
    if (i <= 0) return -1;
    const want = name[k]!;
    if (codes[text.charCodeAt(--i)] !== want) return -1;
    if (want === SPACE_CODE) while (i > 0 && codes[text.charCodeAt(i - 1)] === SPACE_CODE) i--;
  }
  return name[0]! >= 0 && i > 0 && codeAt(text, i - 1) >= 0 ? -1 : i;
}

function report(
  a: Automaton,
  text: string,
  state: number,
  end: number,
  onMatch: (pattern: number, start: number, end: number) => void,
): void {
  for (let m = a.hit[state]!; m !== 0; m = a.hit[a.fail[m]!]!) {
    const start = matchStart(a, text, end, m);
    if (start >= 0) onMatch(a.output[m]! - 1, start, end);
  }
}

/**
 * Reports every occurrence of a pattern on word boundaries in text[from, to) as (pattern, start, end), end
 * exclusive, in offsets of `text`. Runs of white space in the text match a single space in a pattern, case
 * is ignored (see foldCode). Matches are reported in order of their end. Splitting a text at block breaks
 * (BLOCK_BREAK) and scanning the pieces finds exactly what scanning it whole finds.
 */
export function scanText(
  a: Automaton,
  text: string,
  onMatch: (pattern: number, start: number, end: number) => void,
  from = 0,
  to = text.length,
): void {
  const candidates: number[] = [];
  readTokens(a, text, from, Math.min(to, text.length), candidates);
  for (let k = 0; k < candidates.length; k += 2) report(a, text, candidates[k]!, candidates[k + 1]!, onMatch);
}

/**
 * The scanning loop: moves the automaton over text[from, end) and pushes (state, end) for every state it
 * reaches that ends a name. Checking and reporting them is left to scanText, so the loop's optimised code
 * holds the loop alone, however V8 chooses to inline.
 */
function readTokens(a: Automaton, text: string, from: number, end: number, candidates: number[]): void {
  const { hit, charToken, wordSlots, wordFilter, seed, rootNext, childStart, label, fail, spaceNext } = a;
  // A page's first scan runs in V8's interpreter, where every module constant and Math.imul is a lookup
  // per character: they are locals here.
  const codes = CODE;
  const imul = Math.imul;
  const prime = FNV_PRIME;
  const space = SPACE_CODE;
  const filterShift = FILTER_SHIFT;
  const mask = (wordSlots.length >> 1) - 1;
  let state = ROOT;
  let i = from;
  // The text's last word, if it runs to the end, starts at `tail`: any word before it ends at a character
  // that is not a letter or digit, so the loop over a word's characters needs no check for the end.
  let tail = end;
  while (tail > i && codeAt(text, tail - 1) >= 0) tail--;
  // `code` is always text[i]'s: each character is read once.
  let code = i < end ? codeAt(text, i) : 0;
  while (i < end) {
    let afterWord = false;
    if (code >= 0) {
      // A word: hash it to its end, look it up (hashes only; see matchStart), and move once.
      let h = seed;
      if (i < tail) {
        for (;;) {
          h = imul(h ^ code, prime);
          code = codes[text.charCodeAt(++i)]!;
          if (code >= 0) continue;
          if (code !== UNKNOWN) break;
          code = learnCode(text.charCodeAt(i));
          if (code < 0) break;
        }
      } else {
        for (; i < end; i++) h = imul(h ^ codeAt(text, i), prime);
      }
      let token = -1;
      if ((wordFilter[(state === ROOT ? FILTER_WORDS : 0) + (h >>> filterShift)]! & (1 << h)) !== 0) {
        for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
          const entry = wordSlots[slot * 2 + 1]!;
          if (entry === 0) break;
          if (wordSlots[slot * 2] === h) {
            token = entry - 1;
            break;
          }
        }
      }
      if (token < 0) {
        state = ROOT;
      } else {
        state = next(rootNext, childStart, label, fail, state, token);
        if (hit[state] !== 0) candidates.push(state, i);
      }
      if (i === end) break;
      afterWord = true;
    }
    if (code === space) {
      // A run of white space is one space token, or none between two words (see tokenize). No pattern starts
      // or ends with one: from the root it stays there (spaceNext[ROOT] is the root), and it never ends a match.
      do {
        if (++i === end) return;
        code = codes[text.charCodeAt(i)]!;
      } while (code === space);
      if (code === UNKNOWN) code = learnCode(text.charCodeAt(i));
      if (!afterWord || code < 0) state = spaceNext[state]!;
      continue;
    }
    if (code === UNKNOWN) {
      // A character met for the first time: learn its code, then take it as what it is.
      code = learnCode(text.charCodeAt(i));
      continue;
    }
    // Another character: a token of its own.
    const f = ~code;
    const token = f < TABLE ? charToken[f]! : (a.otherTokens.get(f) ?? -1);
    if (token < 0) {
      state = ROOT;
    } else {
      state = next(rootNext, childStart, label, fail, state, token);
      if (hit[state] !== 0) candidates.push(state, i + 1);
    }
    if (++i < end) code = codes[text.charCodeAt(i)]!;
  }
}

/** The state after `token` from `state` (the scanning loop's copy of `step`, with the arrays at hand). */
function next(
  rootNext: UintArray,
  childStart: UintArray,
  label: UintArray,
  fail: UintArray,
  state: number,
  token: number,
): number {
  let s = state;
  for (;;) {
    if (s === ROOT) return rootNext[token]!;
    let lo = childStart[s]!;
    const hi = childStart[s + 1]!;
    if (hi - lo > 8) {
      const child = childOf(childStart, label, s, token);
      if (child !== 0) return child;
    } else {
      for (; lo < hi; lo++) {
        const l = label[lo]!;
        if (l === token) return lo;
        if (l > token) break;
      }
    }
    s = fail[s]!;
  }
}

/** The folded text that leads from the root to state `s`: a name the automaton reports. */
function spell(a: Automaton, s: number): string {
  let out = '';
  let after = '';
  for (; s !== ROOT; s = parentOf(a.childStart, s)) {
    const t = a.label[s]!;
    const token = a.tokens.slice(a.tokenStart[t], a.tokenStart[t + 1]);
    // Two words in a row were written with white space between them (see tokenize).
    out = token + (isWordToken(token) && after !== '' && isWordToken(after) ? ' ' : '') + out;
    after = token;
  }
  return out;
}

/**
 * A short text that takes every branch of the scanning loop: words known and unknown, runs of white space,
 * punctuation with and without a token, characters above the fold table met for the first time (after a
 * space, after punctuation and inside a word: λ, ω and 文 are not among the codes learnt up front), a block
 * break, matches that end in a word and in another character, and a last word that runs to the end. Built
 * with the automaton and sent with it (see primeScanner).
 */
export function primingText(a: Automaton): string {
  const names: string[] = [];
  const ends = new Set<boolean>();
  for (let s = 1; s < a.output.length && ends.size < 2; s++) {
    if (a.output[s] === 0) continue;
    const endsInWord = codeAt(a.tokens, a.tokenStart[a.label[s]!]!) >= 0;
    if (ends.has(endsInWord)) continue;
    ends.add(endsInWord);
    names.push(spell(a, s));
  }
  const punctuation: string[] = [];
  a.charToken.forEach((t, c) => t >= 0 && punctuation.push(String.fromCharCode(c)));
  for (const c of a.otherTokens.keys()) punctuation.push(String.fromCharCode(c));
  return `${names.join(' and ')}.  Words\t(unknown), ${names.join('&co - ')}’s λ —(ω) 中文 ${punctuation.join(' ')} ${BLOCK_BREAK}${names.join(',')} end`;
}

/** How many times primeScanner reads the priming text: measured in pages with 1, 10 and 40 (see README). */
const PRIME_ROUNDS = 10;

/**
 * Scans the priming text PRIME_ROUNDS times, before a page's first scan; true if it did (the first time only).
 * A scan starts in V8's interpreter; code V8 then optimises with no feedback for a branch is thrown away the
 * first time that branch runs, and the page pays for the slow start again. With every branch taken
 * beforehand, the optimised code stays; with the priming read several times, V8 starts optimising the loop,
 * on another thread while the page and the walk of the first piece of text run (that piece then no longer
 * runs interpreted).
 */
export function primeScanner(a: Automaton): boolean {
  const text = a.prime;
  if (text === undefined) return false;
  a.prime = undefined;
  for (let round = 0; round < PRIME_ROUNDS; round++) scanText(a, text, () => {});
  return true;
}

/**
 * Array fields sent to the content script, derived ones included: receiving them is a copy, as a loop over
 * every state or token in a page's not yet optimised code costs more than sending its result.
 */
const ARRAYS = ['tokenStart', 'childStart', 'label', 'rootNext', 'fail', 'spaceNext', 'output', 'hit'] as const;

/**
 * An array as sent: the typed array itself in a message, which both browsers pass by structured clone, or
 * base64 text "u8:", "u16:" or "u32:" in JSON (the shipped index file, see encodeArray and packedAsText).
 */
export type PackedArray = string | UintArray;

/** The automaton as sent: token text as is, arrays packed. */
export type SerializedAutomaton = Record<string, PackedArray>;

type Base64Codec = {
  fromBase64?: (s: string) => Uint8Array;
};

function toBase64(bytes: Uint8Array): string {
  const native = bytes as Uint8Array & { toBase64?: () => string };
  if (typeof native.toBase64 === 'function') return native.toBase64();
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(s: string): Uint8Array {
  const codec = Uint8Array as unknown as Base64Codec;
  if (typeof codec.fromBase64 === 'function') return codec.fromBase64(s);
  const binary = atob(s);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** An unsigned array as "u8:", "u16:" or "u32:" base64, in the narrowest width that holds its values. */
export function encodeArray(values: UintArray): string {
  const sent = narrow(values);
  return `u${sent.BYTES_PER_ELEMENT * 8}:${toBase64(new Uint8Array(sent.buffer, sent.byteOffset, sent.byteLength))}`;
}

const isUintArray = (value: unknown): value is UintArray =>
  value instanceof Uint8Array || value instanceof Uint16Array || value instanceof Uint32Array;

/** The reverse of encodeArray, in the width it was sent in (a view of the decoded bytes); throws on anything else. */
export function decodeView(s: PackedArray | undefined): UintArray {
  if (isUintArray(s)) return s;
  const colon = s?.indexOf(':') ?? -1;
  if (!s || colon < 0) throw new Error('malformed automaton');
  const width = s.slice(0, colon);
  const bytes = fromBase64(s.slice(colon + 1));
  // Decoded bytes start a fresh buffer, so wider views over them are aligned.
  if (width === 'u8') return bytes;
  if (width === 'u16') return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  if (width === 'u32') return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  throw new Error('malformed automaton');
}

/** Whether `value` is an array as sent (see PackedArray). */
export const isPackedArray = (value: unknown): value is PackedArray => typeof value === 'string' || isUintArray(value);

/** decodeView widened to 32 bits. */
export function decodeArray(s: PackedArray | undefined): Uint32Array {
  const values = decodeView(s);
  return values instanceof Uint32Array ? values : new Uint32Array(values);
}

const bitsOf = (values: Int32Array) => new Uint32Array(values.buffer, values.byteOffset, values.length);
const signedOf = (values: Uint32Array) => new Int32Array(values.buffer, values.byteOffset, values.length);

/** The form sent to pages: token text as is, arrays in the narrowest width that holds them (see narrow). */
export function serializeAutomaton(a: Automaton): SerializedAutomaton {
  const out: SerializedAutomaton = { format: 'tok4', tokens: a.tokens, seed: String(a.seed), prime: primingText(a) };
  for (const f of ARRAYS) out[f] = narrow(a[f]);
  // The one-character tokens that are not words, as (character, token) pairs: a handful.
  const pairs: number[] = [];
  a.charToken.forEach((t, c) => {
    if (t >= 0) pairs.push(c, t);
  });
  for (const [c, t] of a.otherTokens) pairs.push(c, t);
  out.charTokens = narrow(Uint32Array.from(pairs));
  out.wordSlots = bitsOf(a.wordSlots);
  out.wordFilter = bitsOf(a.wordFilter);
  return out;
}

/** A record of packed arrays with each array as base64 text, for a JSON file (see PackedArray). */
export function packedAsText<T extends object>(record: T): T {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) if (isUintArray(v)) out[k] = encodeArray(v);
  return out as T;
}

/** The reverse of packedAsText: every array as a typed array, so no page decodes base64. */
export function unpackAutomaton(s: SerializedAutomaton): SerializedAutomaton {
  const out = { ...s };
  for (const f of [...ARRAYS, 'charTokens', 'wordSlots', 'wordFilter']) out[f] = decodeView(s[f]);
  return out;
}

/** The content script's side: decodes the arrays, nothing else over states or tokens (see ARRAYS). */
export function deserializeAutomaton(s: SerializedAutomaton): Automaton {
  if (s.format !== 'tok4' || typeof s.tokens !== 'string' || typeof s.seed !== 'string') throw new Error('unknown automaton format');
  const [tokenStart, childStart, label, rootNext, fail, spaceNext, output, hit] = ARRAYS.map((f) => decodeView(s[f]));
  const count = fail!.length;
  const sized = (values: ArrayLike<number>, length: number) => values.length === length;
  const wordSlots = signedOf(decodeArray(s.wordSlots));
  const wordFilter = signedOf(decodeArray(s.wordFilter));
  const pairs = decodeView(s.charTokens);
  if (
    !sized(childStart!, count + 1) ||
    !sized(label!, count) ||
    !sized(spaceNext!, count) ||
    !sized(output!, count) ||
    !sized(hit!, count) ||
    !sized(rootNext!, tokenStart!.length - 1) ||
    !sized(wordFilter, FILTER_WORDS * 2) ||
    wordSlots.length < 2 ||
    (wordSlots.length & (wordSlots.length - 1)) !== 0 ||
    pairs.length % 2 !== 0
  ) {
    throw new Error('malformed automaton');
  }
  const charToken = new Int32Array(TABLE).fill(-1);
  const otherTokens = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) {
    if (pairs[i]! < TABLE) charToken[pairs[i]!] = pairs[i + 1]!;
    else otherTokens.set(pairs[i]!, pairs[i + 1]!);
  }
  const automaton: Automaton = {
    tokens: s.tokens,
    tokenStart: tokenStart!,
    wordSlots,
    wordFilter,
    seed: Number(s.seed) | 0,
    charToken,
    otherTokens,
    childStart: childStart!,
    label: label!,
    rootNext: rootNext!,
    fail: fail!,
    spaceNext: spaceNext!,
    output: output!,
    hit: hit!,
  };
  if (typeof s.prime === 'string') automaton.prime = s.prime;
  return automaton;
}

/** Rough size of the automaton's arrays in bytes (for the benchmark and the heap budget). */
export function automatonBytes(a: Automaton): number {
  let bytes = a.tokens.length * 2;
  for (const v of [a.tokenStart, a.charToken, a.childStart, a.label, a.rootNext, a.fail, a.spaceNext, a.output, a.wordSlots, a.wordFilter, a.hit]) {
    bytes += v.byteLength;
  }
  return bytes;
}
