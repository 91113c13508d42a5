import { BLOCK_BREAK } from '../matching/fold';

/**
 * Healthcare words that make an ambiguous name (Epic, NextGen, Greenway, Anthem, ...) count: a name that is
 * also an ordinary word is only a vendor when the text around it is about healthcare. "care" and "health"
 * on their own are too common in ordinary prose ("take care", "financial health") to count.
 */
const CONTEXT_WORDS = new RegExp(
  '\\b(?:' +
    [
      'healthcare',
      'health ?care',
      'health (?:system|systems|plan|plans|record|records|it|information|insurer|insurance|data)',
      'ehr',
      'ehrs',
      'emr',
      'emrs',
      'electronic (?:health|medical) records?',
      'medical',
      'medicine',
      'medicaid',
      'medicare',
      'patients?',
      'hospitals?',
      'clinics?',
      'clinical',
      'clinicians?',
      'physicians?',
      'doctors?',
      'nurses?',
      'nursing',
      'pharmacy',
      'pharmacies',
      'hipaa',
      'phi',
      'payers?',
      'claims',
      'providers?',
      'mychart',
      'telehealth',
      'dental',
      'radiology',
      'oncology',
      'revenue cycle',
      'practice management',
      'interoperability',
      'fhir',
      'hl7',
      'health insurer',
      'insurer',
      'member portal',
      'patient portal',
    ].join('|') +
    ')\\b',
  'i',
);

/** How far around a mention to look for healthcare words, in characters (about two sentences). */
export const CONTEXT_WINDOW = 250;

export function hasHealthcareContext(text: string): boolean {
  return CONTEXT_WORDS.test(text);
}

/** Context must come from the mention's own block of text. */
export function hasContextAround(text: string, start: number, end: number): boolean {
  const blockStart = text.lastIndexOf(BLOCK_BREAK, start) + 1;
  const blockEnd = text.indexOf(BLOCK_BREAK, end);
  const from = Math.max(blockStart, start - CONTEXT_WINDOW);
  const to = Math.min(blockEnd < 0 ? text.length : blockEnd, end + CONTEXT_WINDOW);
  return hasHealthcareContext(text.slice(from, to));
}
