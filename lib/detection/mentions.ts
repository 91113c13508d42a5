import { scanText } from '../matching/automaton';
import { collapseSpace } from '../matching/fold';
import { hasContextAround } from './context';
import { ENTRY_EXACT_CASE, ENTRY_NEEDS_CONTEXT, type DetectionIndex, type PatternTable } from './detection-index';

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

function entryHolds(patterns: PatternTable, entry: number, text: string, start: number, end: number, options: MentionOptions): boolean {
  const flags = patterns.entryFlags[entry]!;
  if (flags & ENTRY_EXACT_CASE && collapseSpace(text.slice(start, end)) !== patterns.exactCase.get(entry)) return false;
  if (flags & ENTRY_NEEDS_CONTEXT && !options.contextGranted && !hasContextAround(text, start, end)) return false;
  return true;
}

/**
 * Every vendor mention in `text`, found in one automaton pass, on word boundaries, with the vendor's case
 * and context rules applied, minus matches inside a veto phrase; overlapping names resolve to the longest
 * ("Oracle Health Cerner" is one mention, not two).
 */
export function findMentions(index: DetectionIndex, text: string, options: MentionOptions = {}): Mention[] {
  // The content script's pieces of text have no title, and its page address has no text.
  if (!text) return [];
  const candidates: Mention[] = [];
  const vetoes: { start: number; end: number }[] = [];
  const { patterns } = index;
  // scanText reports names on word boundaries only.
  scanText(index.automaton, text, (pattern, start, end) => {
    if (patterns.veto[pattern]) vetoes.push({ start, end });
    for (let e = patterns.entryStart[pattern]!; e < patterns.entryStart[pattern + 1]!; e++) {
      if (entryHolds(patterns, e, text, start, end, options)) candidates.push({ vendor: patterns.entryVendor[e]!, start, end });
    }
  });
  const kept = candidates.filter((m) => !vetoes.some((v) => v.start <= m.start && m.end <= v.end));
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
