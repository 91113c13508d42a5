import { foldCode } from './fold';

/**
 * An Aho-Corasick automaton over folded UTF-16 code units, stored in flat typed arrays so it can be built
 * once (in the background or the CLI) and handed to a content script as a few buffers: no page pays to
 * build it, and scanning touches no objects. All names are found in one pass over the text.
 */
export interface Automaton {
  /** Edges of state s are edgeChar/edgeTarget[edgeStart[s] .. edgeStart[s+1]), sorted by char. */
  edgeStart: Uint32Array;
  edgeChar: Uint16Array;
  edgeTarget: Uint32Array;
  /** Dense transitions out of the root for ASCII, where most text is spent: -1 means "stay at root". */
  rootAscii: Int32Array;
  fail: Uint32Array;
  /** Pattern that ends exactly at this state, or -1. */
  output: Int32Array;
  /** Nearest state on the fail chain with an output, or -1: reports every pattern ending here. */
  outputLink: Int32Array;
  /** Folded length of each pattern, in code units (white space runs count as one). */
  patternLength: Uint16Array;
}

const ROOT = 0;
const SPACE = 32;

/** Builds an automaton; `patterns` must already be folded (see foldText). Pattern i reports index i. */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const output: number[] = [-1];
  patterns.forEach((pattern, index) => {
    let state = ROOT;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let next = children[state]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        output.push(-1);
        children[state]!.set(c, next);
      }
      state = next;
    }
    if (pattern.length > 0 && output[state] === -1) output[state] = index;
  });

  const count = children.length;
  const fail = new Uint32Array(count);
  const outputLink = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (const child of children[ROOT]!.values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [c, child] of children[state]!) {
      let f = fail[state]!;
      while (f !== ROOT && !children[f]!.has(c)) f = fail[f]!;
      const target = children[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : ROOT;
      const linked = fail[child]!;
      outputLink[child] = output[linked]! >= 0 ? linked : outputLink[linked]!;
      queue.push(child);
    }
  }

  const edgeStart = new Uint32Array(count + 1);
  let edges = 0;
  for (let s = 0; s < count; s++) {
    edgeStart[s] = edges;
    edges += children[s]!.size;
  }
  edgeStart[count] = edges;
  const edgeChar = new Uint16Array(edges);
  const edgeTarget = new Uint32Array(edges);
  for (let s = 0; s < count; s++) {
    const sorted = [...children[s]!].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([c, target], k) => {
      edgeChar[edgeStart[s]! + k] = c;
      edgeTarget[edgeStart[s]! + k] = target;
    });
  }
  const rootAscii = new Int32Array(128).fill(-1);
  for (const [c, target] of children[ROOT]!) if (c < 128) rootAscii[c] = target;

  return {
    edgeStart,
    edgeChar,
    edgeTarget,
    rootAscii,
    fail,
    output: Int32Array.from(output),
    outputLink,
    patternLength: Uint16Array.from(patterns, (p) => p.length),
  };
}

function step(a: Automaton, state: number, c: number): number {
  for (;;) {
    if (state === ROOT) {
      if (c < 128) return Math.max(a.rootAscii[c]!, ROOT);
    }
    const end = a.edgeStart[state + 1]!;
    for (let e = a.edgeStart[state]!; e < end; e++) {
      const ec = a.edgeChar[e]!;
      if (ec === c) return a.edgeTarget[e]!;
      if (ec > c) break;
    }
    if (state === ROOT) return ROOT;
    state = a.fail[state]!;
  }
}

/** Where a match of folded length `length` ending at `end` starts in the original text. */
function matchStart(text: string, end: number, length: number): number {
  let i = end;
  let remaining = length;
  while (remaining > 0 && i > 0) {
    i--;
    if (foldCode(text.charCodeAt(i)) === SPACE) {
      while (i > 0 && foldCode(text.charCodeAt(i - 1)) === SPACE) i--;
    }
    remaining--;
  }
  return i;
}

/**
 * Reports every pattern occurrence as (pattern, start, end) with end exclusive, in original-text offsets.
 * Runs of white space in the text match a single space in a pattern.
 */
export function scanText(
  a: Automaton,
  text: string,
  onMatch: (pattern: number, start: number, end: number) => void,
): void {
  const { output, outputLink, patternLength, rootAscii } = a;
  let state = ROOT;
  let previousSpace = true;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c === 9 || c === 10 || c === 13) c = SPACE;
      // Fast path: most characters of a page leave the root at the root.
      if (state === ROOT && rootAscii[c]! < 0) {
        previousSpace = c === SPACE;
        continue;
      }
    } else {
      c = foldCode(c);
    }
    if (c === SPACE) {
      if (previousSpace) continue;
      previousSpace = true;
    } else {
      previousSpace = false;
    }
    state = step(a, state, c);
    let hit = output[state]! >= 0 ? state : outputLink[state]!;
    while (hit >= 0) {
      const pattern = output[hit]!;
      onMatch(pattern, matchStart(text, i + 1, patternLength[pattern]!), i + 1);
      hit = outputLink[hit]!;
    }
  }
}

const FIELDS = ['edgeStart', 'edgeChar', 'edgeTarget', 'rootAscii', 'fail', 'output', 'outputLink', 'patternLength'] as const;

export type SerializedAutomaton = Record<(typeof FIELDS)[number], string>;

function toBase64(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(s: string): ArrayBuffer {
  const binary = atob(s);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** A JSON-safe form: extension messaging in Chrome does not carry typed arrays. */
export function serializeAutomaton(a: Automaton): SerializedAutomaton {
  return Object.fromEntries(FIELDS.map((f) => [f, toBase64(a[f])])) as SerializedAutomaton;
}

export function deserializeAutomaton(s: SerializedAutomaton): Automaton {
  return {
    edgeStart: new Uint32Array(fromBase64(s.edgeStart)),
    edgeChar: new Uint16Array(fromBase64(s.edgeChar)),
    edgeTarget: new Uint32Array(fromBase64(s.edgeTarget)),
    rootAscii: new Int32Array(fromBase64(s.rootAscii)),
    fail: new Uint32Array(fromBase64(s.fail)),
    output: new Int32Array(fromBase64(s.output)),
    outputLink: new Int32Array(fromBase64(s.outputLink)),
    patternLength: new Uint16Array(fromBase64(s.patternLength)),
  };
}
