import { curatedVendor } from './helpers';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../lib/dataset/schema';
import { curatedLinker } from '../../lib/hhs/link';
import { nameVariants, normaliseOrgName, slugify } from '../../lib/hhs/normalise';
import { tradeNameParts } from '../../lib/hhs/organisations';
import { isDistinctiveName } from '../../lib/hhs/textRule';

const vendor = curatedVendor;
const CURATED: Vendor[] = [
  vendor('american-medical-collection-agency', 'American Medical Collection Agency',
    ['AMCA', 'Retrieval-Masters Creditors Bureau', 'Retrieval-Masters Creditors Bureau, Inc.'],
    { exactCase: ['AMCA'], needsContext: ['AMCA'] }),
  vendor('change-healthcare', 'Change Healthcare', ['Change Healthcare, Inc.', 'Emdeon', 'RelayHealth'],
    { exactCase: ['Change Healthcare'], exclude: ['climate change healthcare'] }),
  vendor('perry-johnson-associates', 'Perry Johnson & Associates', ['PJ&A', 'Perry Johnson and Associates'], { exactCase: ['PJ&A'] }),
  vendor('labcorp', 'Labcorp', ['LabCorp', 'Laboratory Corporation of America']),
  vendor('epic-systems', 'Epic Systems', ['Epic', 'Epic Systems Corporation', 'MyChart', 'EpicCare'],
    { exactCase: ['Epic'], needsContext: ['Epic'] }),
  vendor('blackbaud', 'Blackbaud', ['Blackbaud, Inc.']),
  vendor('elevance-health', 'Elevance Health', ['Anthem', 'Anthem, Inc.'], { exactCase: ['Anthem'], needsContext: ['Anthem'], exclude: ['national anthem'] }),
];

describe('normaliseOrgName', () => {
  it('drops case, punctuation and legal forms', () => {
    expect(normaliseOrgName('Change Healthcare, Inc.')).toBe('change healthcare');
    expect(normaliseOrgName('CHANGE HEALTHCARE')).toBe('change healthcare');
    expect(normaliseOrgName('TheraCom, L.L.C.')).toBe('theracom');
    expect(normaliseOrgName('Episource, LLC')).toBe('episource');
    expect(normaliseOrgName('Berry, Dunn, McNeil & Parker, LLC')).toBe('berry dunn mcneil and parker');
    expect(normaliseOrgName('The Oregon Clinic, P.C.')).toBe('oregon clinic');
    expect(normaliseOrgName("Saint Luke's Foundation")).toBe(normaliseOrgName('Saint Luke’s Foundation'));
  });
  it('writes d/b/a, dba and d.b.a. the same way', () => {
    const want = 'a and a services dba sav rx';
    expect(normaliseOrgName('A&A Services d/b/a Sav-Rx')).toBe(want);
    expect(normaliseOrgName('A&A Services dba Sav-Rx')).toBe(want);
    expect(normaliseOrgName('A & A Services, D.B.A. Sav Rx')).toBe(want);
  });
  it('drops quoted tags and acronym tags', () => {
    expect(normaliseOrgName('WebTPA Employer Services, LLC (“WebTPA”)')).toBe('webtpa employer services');
    expect(normaliseOrgName('Yale New Haven Health Services Corporation ("YNHHS")')).toBe('yale new haven health services');
    expect(normaliseOrgName('Oklahoma Healthcare Authority (OHCA)')).toBe('oklahoma healthcare authority');
    // the merged file's own mangling of a closing quote
    expect(normaliseOrgName("CVS Caremark Part D Services, L.L.C. ('CVS\u00e2\u0080\u009d)")).toBe('cvs caremark part d services');
  });
});

describe('nameVariants', () => {
  it('yields both sides of a d/b/a', () => {
    expect(nameVariants('Laboratory Corporation of America Holdings dba LabCorp')).toEqual([
      'laboratory corporation of america holdings dba labcorp',
      'laboratory corporation of america holdings',
      'labcorp',
    ]);
    expect(nameVariants('NEC Networks, LLC d/b/a CaptureRx')).toEqual(['nec networks dba capturerx', 'nec networks', 'capturerx']);
  });
  it('yields a multi-word parenthetical as a name too', () => {
    expect(nameVariants('Kaiser Foundation Health Plan (Kaiser Permanente)')).toEqual(
      expect.arrayContaining(['kaiser foundation health plan', 'kaiser permanente']),
    );
  });
});

describe('tradeNameParts', () => {
  it('keeps each side of a d/b/a as filed, without the marker\'s dots and slashes', () => {
    expect(tradeNameParts('A&A Services d/b/a Sav-Rx')).toEqual(['A&A Services', 'Sav-Rx']);
    // Names as HHS filed them: an alias ". Elara Caring" would be looked for after every full stop on a page.
    expect(tradeNameParts('BW Homecare Holdings, LLC d.b.a. Elara Caring')).toEqual(['BW Homecare Holdings, LLC', 'Elara Caring']);
    expect(tradeNameParts('Lincoln National Corporation d/b/a/ Lincoln Financial')).toEqual(['Lincoln National Corporation', 'Lincoln Financial']);
    expect(tradeNameParts('Greigh I. Hirata M.D. Inc, dba. Fetal Diagnostic Institute')).toEqual(['Greigh I. Hirata M.D. Inc', 'Fetal Diagnostic Institute']);
  });
});

describe('slugify', () => {
  it('makes a lower-case ASCII slug cut at a word', () => {
    expect(slugify('La Clínica de La Raza')).toBe('la-clinica-de-la-raza');
    expect(slugify('a '.repeat(40) + 'end', 20).length).toBeLessThanOrEqual(20);
    expect(slugify('***')).toBe('unnamed');
  });
});

describe('curatedLinker', () => {
  const linker = curatedLinker(CURATED);
  it('links an entity through the curated names and aliases, after normalisation', () => {
    expect(linker.byEntityName('Change Healthcare, Inc.')).toBe('change-healthcare');
    expect(linker.byEntityName('Emdeon')).toBe('change-healthcare');
    expect(linker.byEntityName('Perry Johnson & Associates, Inc. dba PJ&A')).toBe('perry-johnson-associates');
    expect(linker.byEntityName('Laboratory Corporation of America Holdings dba LabCorp')).toBe('labcorp');
    expect(linker.byEntityName('Anthem Inc.')).toBe('elevance-health');
  });
  it('does not link on words that need context, nor on look-alikes', () => {
    expect(linker.byEntityName('EPIC Pharmacy Network, Inc.')).toBeUndefined();
    expect(linker.byEntityName('Epic Care')).toBeUndefined();
    expect(linker.byEntityName('Epic Management LLC')).toBeUndefined();
    expect(linker.byEntityName('Changes Healthcare Partners')).toBeUndefined();
  });
  it('finds vendors named in a description on word boundaries', () => {
    // real archive descriptions (South Texas Dermatopathology Laboratory 2019-10-07; Mount Sinai Hospital 2019-08-02;
    // Saint Luke's Foundation 2020-08-20)
    expect(linker.namedInText('its business associate (BA), Retrieval Masters Creditors Bureau d/b/a American Medical Collection Agency (AMCA), was the victim')).toEqual(['american-medical-collection-agency']);
    expect(linker.namedInText('its business associate (BA), Retrieval-Masters Creditors Bureau, Inc., doing business as')).toEqual(['american-medical-collection-agency']);
    expect(linker.namedInText('reported that its business associate (BA), Blackbaud, Inc., experienced a ransomware attack')).toEqual(['blackbaud']);
    expect(linker.namedInText('reported a breach at Blackbauds')).toEqual([]);
  });
  it('skips needsContext names, honours exactCase and exclude', () => {
    expect(linker.namedInText('The CE notified AMCA customers')).toEqual([]); // AMCA needs context
    expect(linker.namedInText('an epic failure of the EHR')).toEqual([]);
    expect(linker.namedInText('The covered entity uses Epic Systems for its EHR')).toEqual(['epic-systems']);
    expect(linker.namedInText('A business associate (BA), Change Healthcare, mailed 839 EOBs')).toEqual(['change-healthcare']);
    expect(linker.namedInText('a business associate, CHANGE HEALTHCARE, mailed')).toEqual([]); // exactCase
    expect(linker.namedInText('a talk on climate Change Healthcare costs')).toEqual([]); // exclude
    expect(linker.namedInText('PJ&A transcribed')).toEqual(['perry-johnson-associates']);
    expect(linker.namedInText('pj&a transcribed')).toEqual([]);
  });
});

describe('isDistinctiveName (which organisations join text detection)', () => {
  it('shows the rule’s effect', () => {
    expect(isDistinctiveName('Anthem Inc')).toBe(false); // one word after normalisation, an ordinary word
    expect(isDistinctiveName('Family Dental Care')).toBe(false); // only generic words
    expect(isDistinctiveName('Community Health Systems')).toBe(false); // only generic words
    expect(isDistinctiveName('Valley Medical Center of North Carolina')).toBe(false); // generic + places
    expect(isDistinctiveName('Epic Care')).toBe(false); // fewer than 10 letters
    expect(isDistinctiveName('Perry Johnson & Associates, Inc.')).toBe(true);
    expect(isDistinctiveName('Mass General Brigham Health Plan')).toBe(true);
    // Real filers whose names are phrases, people or public bodies: lookup and domain only.
    expect(isDistinctiveName('Brand New Day')).toBe(false);
    expect(isDistinctiveName('Jeff Spiegel')).toBe(false);
    expect(isDistinctiveName('Tomas, Arturo')).toBe(false);
    expect(isDistinctiveName('Dr Axel Velez')).toBe(false);
    expect(isDistinctiveName('Harris County')).toBe(false);
    expect(isDistinctiveName('City of Joplin')).toBe(false);
    expect(isDistinctiveName('Cano Health')).toBe(true);
    expect(isDistinctiveName('Lahey Clinic')).toBe(true);
    expect(isDistinctiveName('Shields Health Care Group, Inc.')).toBe(true);
  });
  it('judges the legal name before a d/b/a', () => {
    expect(isDistinctiveName('Acadia Health, LLC d/b/a Just Kids Dental')).toBe(true);
    expect(isDistinctiveName('Dental Care Group d/b/a Bright Smiles Brighton')).toBe(false);
  });
  it('is false when another entry goes by the same name', () => {
    expect(isDistinctiveName('Blue Shield of Northern Wakanda', (n) => n === 'blue shield of northern wakanda')).toBe(false);
  });
});
