/**
 * The healthcare context check against the RegExp it replaced (kept here as the reference), on random
 * texts made of its words, near misses and tricky separators, over random windows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasContextAround, hasHealthcareContext } from '../../lib/detection/context';

const REFERENCE = new RegExp(
  '\\b(?:' +
    [
      'healthcare', 'health ?care', 'health (?:system|systems|plan|plans|record|records|it|information|insurer|insurance|data)',
      'ehr', 'ehrs', 'emr', 'emrs', 'electronic (?:health|medical) records?', 'medical', 'medicine', 'medicaid', 'medicare',
      'patients?', 'hospitals?', 'clinics?', 'clinical', 'clinicians?', 'physicians?', 'doctors?', 'nurses?', 'nursing',
      'pharmacy', 'pharmacies', 'hipaa', 'phi', 'payers?', 'claims', 'providers?', 'mychart', 'telehealth', 'dental',
      'radiology', 'oncology', 'revenue cycle', 'practice management', 'interoperability', 'fhir', 'hl7', 'health insurer',
      'insurer', 'member portal', 'patient portal',
    ].join('|') +
    ')\\b',
  'i',
);

const WORDS = [
  'health', 'care', 'Health', 'CARE', 'healthcare', 'system', 'systems', 'it', 'IT', 'data', 'electronic', 'medical',
  'record', 'records', 'Patient', 'patients', 'patientx', 'xpatient', 'portal', 'member', 'revenue', 'cycle', 'practice',
  'management', 'hl7', 'HL7', 'phi', 'phis', 'claims', 'claim', 'insurer', 'insurance', 'the', 'financial', 'take', 'epic',
  'medicaid', 'Medicare', 'mychart', 'nurse', 'nurses', 'nursing', 'ehr', 'ehrs', '7', '_', 'é', 'Kelvin\u212a', 'ſ',
];
const SEPARATORS = [' ', ' ', ' ', '', '  ', '\t', '\n', '-', '_', '.', ', ', '\u00a0', '\u2029', 'é', '1'];

const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('healthcare context', () => {
  it('finds what the RegExp found, in whole texts and in windows of them', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        expect(hasHealthcareContext(t)).toBe(REFERENCE.test(t));
        const from = a % (t.length + 1);
        const to = from + (b % (t.length - from + 1));
        expect(hasHealthcareContext(t, from, to)).toBe(REFERENCE.test(t.slice(from, to)));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('reads the window around a mention within its block', () => {
    expect(hasContextAround('Epic for patients', 0, 4)).toBe(true);
    expect(hasContextAround('Epic sale\u2029patients', 0, 4)).toBe(false);
    expect(hasContextAround(`Epic${' x'.repeat(200)} hospital`, 0, 4)).toBe(false);
    expect(hasHealthcareContext('health  care')).toBe(false);
    expect(hasHealthcareContext('Health Care')).toBe(true);
  });
});
