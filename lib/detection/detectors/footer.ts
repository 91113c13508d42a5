import { findMentions } from '../mentions';
import { BLOCK_BREAK, collapseSpace } from '../../matching/fold';
import type { Finding } from '../signals';
import type { Detector } from './detector';

// "Powered by Epic", "Hosted by athenahealth", "Portal provided by NextGen": the phrase itself is the
// context, so names that are ordinary words elsewhere count here.
const CREDIT = /\b(?:powered|hosted|provided|operated|developed|built|managed|supported|secured) by$|\bin partnership with$/i;
/**
 * How every credit ends. RegExp engines find a short literal ending fast; the whole phrase is then checked
 * on the few characters before it. Searching for the phrase itself costs several times more on every page.
 */
const CREDIT_END = /(?:ed|lt) by\b|partnership with\b/gi;
/** Longer than the longest credit, so the check sees the character before it (a word boundary). */
const CREDIT_LOOKBACK = 24;
const CREDIT_REACH = 60;

export const footerDetector: Detector = (signals, index) => {
  const findings: Finding[] = [];
  const text = signals.text;
  for (const ending of text.matchAll(CREDIT_END)) {
    const from = ending.index + ending[0].length;
    const credit = CREDIT.exec(text.slice(Math.max(0, from - CREDIT_LOOKBACK), from));
    if (!credit) continue;
    const creditStart = from - credit[0].length;
    const newline = text.indexOf(BLOCK_BREAK, from);
    const to = Math.min(from + CREDIT_REACH, newline < 0 ? text.length : newline);
    for (const m of findMentions(index, text.slice(from, to), { contextGranted: true })) {
      const start = from + m.start;
      const end = from + m.end;
      findings.push({
        vendor: m.vendor,
        evidence: { kind: 'footer', text: collapseSpace(text.slice(creditStart, end)) },
        mention: { start, end },
      });
    }
  }
  return findings;
};
