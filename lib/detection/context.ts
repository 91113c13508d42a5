import { BLOCK_BREAK } from '../matching/fold';

/**
 * Healthcare words that make an ambiguous name (Epic, NextGen, Greenway, Anthem, ...) count: a name that is
 * also an ordinary word is only a vendor when the text around it is about healthcare. "care" and "health"
 * on their own are too common in ordinary prose ("take care", "financial health") to count.
 *
 * Looked up word by word rather than with one case-insensitive RegExp: compiling that alternation cost a
 * page about a millisecond, twice (V8 compiles a RegExp again to machine code on its second run), for what
 * is usually one or two short windows. The rules are a RegExp's: a word is a run of ASCII letters, digits
 * and "_", case is ignored in ASCII only, and words of a phrase are one space apart.
 */
const CONTEXT_PHRASES = new Set([
  'healthcare',
  'health care',
  ...['system', 'systems', 'plan', 'plans', 'record', 'records', 'it', 'information', 'insurer', 'insurance', 'data'].map((w) => `health ${w}`),
  'ehr',
  'ehrs',
  'emr',
  'emrs',
  ...['health', 'medical'].flatMap((w) => [`electronic ${w} record`, `electronic ${w} records`]),
  'medical',
  'medicine',
  'medicaid',
  'medicare',
  'patient',
  'patients',
  'hospital',
  'hospitals',
  'clinic',
  'clinics',
  'clinical',
  'clinician',
  'clinicians',
  'physician',
  'physicians',
  'doctor',
  'doctors',
  'nurse',
  'nurses',
  'nursing',
  'pharmacy',
  'pharmacies',
  'hipaa',
  'phi',
  'payer',
  'payers',
  'claims',
  'provider',
  'providers',
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
  'insurer',
  'member portal',
  'patient portal',
]);
/** Words in the longest phrase. */
const MAX_WORDS = 3;

/** How far around a mention to look for healthcare words, in characters (about two sentences). */
export const CONTEXT_WINDOW = 250;

/** A RegExp word character (\w without the u flag): ASCII letters, digits and "_". */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Whether text[from, to) (read as if nothing were around it) has a healthcare word or phrase. */
export function hasHealthcareContext(text: string, from = 0, to = text.length): boolean {
  let i = from;
  for (;;) {
    while (i < to && !isAsciiWord(text.charCodeAt(i))) i++;
    if (i >= to) return false;
    let end = i;
    while (end < to && isAsciiWord(text.charCodeAt(end))) end++;
    const wordEnd = end;
    // The word alone, then with the next words while they follow after exactly one space.
    for (let words = 1; ; words++) {
      if (CONTEXT_PHRASES.has(text.slice(i, end).toLowerCase())) return true;
      if (words === MAX_WORDS || end + 1 >= to || text.charCodeAt(end) !== 32 || !isAsciiWord(text.charCodeAt(end + 1))) break;
      end++;
      while (end < to && isAsciiWord(text.charCodeAt(end))) end++;
    }
    i = wordEnd;
  }
}

/** Context must come from the mention's own block of text. */
export function hasContextAround(text: string, start: number, end: number): boolean {
  const blockStart = text.lastIndexOf(BLOCK_BREAK, start) + 1;
  const blockEnd = text.indexOf(BLOCK_BREAK, end);
  const from = Math.max(blockStart, start - CONTEXT_WINDOW);
  const to = Math.min(blockEnd < 0 ? text.length : blockEnd, end + CONTEXT_WINDOW);
  return hasHealthcareContext(text, from, to);
}
