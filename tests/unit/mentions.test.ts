import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/detection/mentions';
import { testIndex } from './helpers';

const index = testIndex();
const found = (text: string) => findMentions(index, text).map((m) => index.vendorIds.at(m.vendor));

describe('findMentions', () => {
  it('finds names on word boundaries, in any case where the vendor allows it', () => {
    expect(found('Our billing runs through optum and Allscripts.')).toEqual(['optum', 'veradigm']);
    expect(found('Optumistic people and Allscriptsy words')).toEqual([]);
    expect(found('See carecloud.com for details')).toEqual(['carecloud']);
  });

  it('matches names split by line breaks and extra spaces', () => {
    expect(found('The Change\n   Healthcare attack')).toEqual(['change-healthcare']);
    expect(found('Perry Johnson &\tAssociates')).toEqual(['pja']);
  });

  it('does not fire on ordinary words', () => {
    expect(found('It was an epic journey across the country.')).toEqual([]);
    expect(found('Epic journey across the mountains, epic views.')).toEqual([]);
    expect(found('Climate change and healthcare costs rise together.')).toEqual([]);
    expect(found('Climate Change Healthcare Costs: a report')).toEqual([]);
    expect(found('We walked the Greenway trail on Sunday.')).toEqual([]);
    expect(found('Buy a next-gen firewall for your office.')).toEqual([]);
    expect(found('The NextGen console ships this fall with new games.')).toEqual([]);
    expect(found('They sang the national anthem before the game.')).toEqual([]);
    expect(found('Tuning Oracle Database for faster joins.')).toEqual([]);
  });

  it('accepts ambiguous names when healthcare words are nearby', () => {
    expect(found('The hospital moved its EHR to Epic last year.')).toEqual(['epic']);
    expect(found('Greenway released an update for physicians.')).toEqual(['greenway-health']);
    expect(found('Anthem members must re-enrol in their health plan.')).toEqual(['anthem']);
  });

  it('keeps exact-case names exact', () => {
    expect(found('Patients at the hospital used epic software')).toEqual([]);
    expect(found('pj&a transcription')).toEqual([]);
    expect(found('PJ&A transcription')).toEqual(['pja']);
  });

  it('prefers the longest overlapping name and keeps distinct neighbours', () => {
    expect(found('Oracle Cerner announced')).toEqual(['oracle-health']);
    expect(found("Optum's Change Healthcare unit")).toEqual(['optum', 'change-healthcare']);
    expect(found('NextGen Healthcare and Greenway Health')).toEqual(['nextgen-healthcare', 'greenway-health']);
  });

  it('reports offsets into the original text', () => {
    const text = 'x  Change \n Healthcare y';
    const [m] = findMentions(index, text);
    expect(text.slice(m!.start, m!.end)).toBe('Change \n Healthcare');
  });
});
