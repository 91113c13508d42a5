import { scanText } from '../matching/automaton';
import { collapseSpace } from '../matching/fold';
import { hasContextAround } from './context';
import { ENTRY_EXACT_CASE, ENTRY_NEEDS_CONTEXT, type DetectionIndex, type PatternTable } from './detection-index';
import type { PageSignals } from './signals';

/** A vendor name found in a text, as offsets into that text. */
export interface Mention {
  vendor: number;
  start: number;
  end: number;
}

export interface MentionOptions {
  /** The surroundings already say "healthcare vendor" (a "Powered by" footer, a healthcare page title). */
  contextGranted?: boolean;
}

/** What one automaton pass over a text found, as offsets into it. */
export interface TextMatches {
  /** (pattern, start, end) of every name, veto phrase and credit on word boundaries, in order of their end. */
  found: number[];
  /** (start, end) of each veto phrase. */
  vetoes: number[];
  /** (start, end) of each credit phrase ("powered by"). */
  credits: number[];
}

/** Every pattern of the index in `text`, in one automaton pass. */
export function matchText(index: DetectionIndex, text: string): TextMatches {
  const matches: TextMatches = { found: [], vetoes: [], credits: [] };
  // The content script's pieces of text have no title, and its page address has no text.
  if (!text) return matches;
  const { patterns } = index;
  scanText(index.automaton, text, (pattern, start, end) => {
    matches.found.push(pattern, start, end);
    if (patterns.veto[pattern]) matches.vetoes.push(start, end);
    if (patterns.credit[pattern]) matches.credits.push(start, end);
  });
  return matches;
}

const pageMatches = new WeakMap<PageSignals, { index: DetectionIndex; text: string; matches: TextMatches }>();

/** matchText of a page's text, once per page signals and index: the text and credit detectors read the same. */
export function matchPageText(signals: PageSignals, index: DetectionIndex): TextMatches {
  const known = pageMatches.get(signals);
  if (known?.index === index && known.text === signals.text) return known.matches;
  const matches = matchText(index, signals.text);
  pageMatches.set(signals, { index, text: signals.text, matches });
  return matches;
}

function entryHolds(patterns: PatternTable, entry: number, text: string, start: number, end: number, options: MentionOptions): boolean {
  const flags = patterns.entryFlags[entry]!;
  if (flags & ENTRY_EXACT_CASE && collapseSpace(text.slice(start, end)) !== patterns.exactCase.get(entry)) return false;
  if (flags & ENTRY_NEEDS_CONTEXT && !options.contextGranted && !hasContextAround(text, start, end)) return false;
  return true;
}

/**
 * Every vendor mention in `text` (or in text[from, to) of it), from its automaton matches: on word boundaries,
 * with the vendor's case and context rules applied, minus matches inside a veto phrase; overlapping names
 * resolve to the longest ("Oracle Health Cerner" is one mention, not two).
 */
export function findMentions(
  index: DetectionIndex,
  text: string,
  options: MentionOptions = {},
  matches: TextMatches = matchText(index, text),
  from = 0,
  to = text.length,
): Mention[] {
  const { patterns } = index;
  const { found, vetoes } = matches;
  const candidates: Mention[] = [];
  for (let k = 0; k < found.length; k += 3) {
    const pattern = found[k]!;
    const start = found[k + 1]!;
    const end = found[k + 2]!;
    if (start < from || end > to) continue;
    for (let e = patterns.entryStart[pattern]!; e < patterns.entryStart[pattern + 1]!; e++) {
      if (entryHolds(patterns, e, text, start, end, options)) candidates.push({ vendor: patterns.entryVendor[e]!, start, end });
    }
  }
  const vetoed = (m: Mention) => {
    for (let v = 0; v < vetoes.length; v += 2) if (vetoes[v]! <= m.start && m.end <= vetoes[v + 1]!) return true;
    return false;
  };
  const kept = candidates.filter((m) => !vetoed(m));
  kept.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Mention[] = [];
  let coveredTo = -1;
  for (const m of kept) {
    if (m.start >= coveredTo) {
      result.push(m);
      coveredTo = m.end;
    } else if (m.start === result[result.length - 1]!.start && m.end === result[result.length - 1]!.end) {
      result.push(m); // the same words naming two vendors: both stand
    }
  }
  return result;
}
