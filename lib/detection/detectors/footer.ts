import { findMentions } from '../mentions';
import { BLOCK_BREAK, collapseSpace } from '../../matching/fold';
import type { Finding } from '../signals';
import type { Detector } from './detector';

// "Powered by Epic", "Hosted by athenahealth", "Portal provided by NextGen": the phrase itself is the
// context, so names that are ordinary words elsewhere count here.
const CREDIT = /\b(?:powered|hosted|provided|operated|developed|built|managed|supported|secured) by\b|\bin partnership with\b/gi;
const CREDIT_REACH = 60;

export const footerDetector: Detector = (signals, index) => {
  const findings: Finding[] = [];
  const text = signals.text;
  for (const credit of text.matchAll(CREDIT)) {
    const from = credit.index + credit[0].length;
    const newline = text.indexOf(BLOCK_BREAK, from);
    const to = Math.min(from + CREDIT_REACH, newline < 0 ? text.length : newline);
    for (const m of findMentions(index, text.slice(from, to), { contextGranted: true })) {
      const start = from + m.start;
      const end = from + m.end;
      findings.push({
        vendor: m.vendor,
        evidence: { kind: 'footer', text: collapseSpace(text.slice(credit.index, end)) },
        mention: { start, end },
      });
    }
  }
  return findings;
};
