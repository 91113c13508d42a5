import { findMentions, matchPageText } from '../mentions';
import { BLOCK_BREAK, collapseSpace } from '../../matching/fold';
import { CREDIT_REACH } from '../credits';
import type { Finding } from '../signals';
import type { Detector } from './detector';

/**
 * Names right after a credit ("Powered by Epic"), within its block: the credit vouches for names that are
 * ordinary words elsewhere. Credits come from the same automaton pass as the names (see CREDIT_PHRASES).
 */
export const footerDetector: Detector = (signals, index) => {
  const findings: Finding[] = [];
  const text = signals.text;
  const matches = matchPageText(signals, index);
  const { credits } = matches;
  for (let c = 0; c < credits.length; c += 2) {
    const creditStart = credits[c]!;
    const from = credits[c + 1]!;
    const newline = text.indexOf(BLOCK_BREAK, from);
    const to = Math.min(from + CREDIT_REACH, newline < 0 ? text.length : newline);
    for (const m of findMentions(index, text, { contextGranted: true }, matches, from, to)) {
      findings.push({
        vendor: m.vendor,
        evidence: { kind: 'footer', text: collapseSpace(text.slice(creditStart, m.end)) },
        mention: { start: m.start, end: m.end },
      });
    }
  }
  return findings;
};
