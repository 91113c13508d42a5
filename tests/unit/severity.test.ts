import { describe, expect, it } from 'vitest';
import { Incident, type IncidentInput } from '../../lib/dataset/schema';
import { badgeFor, BADGE_COLOR } from '../../lib/badge';
import { summariseHistory } from '../../lib/risk/history';
import { describeHistory } from '../../lib/risk/describe';
import { incidentSeverity, vendorSeverity } from '../../lib/risk/severity';
import type { VendorReport } from '../../lib/report';
import { testVendors } from './helpers';

const NOW = new Date('2026-11-28T12:00:00Z');
function incident(over: Partial<IncidentInput> & { date: string; count?: number }): Incident {
  const { date, count, ...rest } = over;
  return Incident.parse({
    id: `i-${date}`,
    vendorIds: ['optum'],
    title: 'A breach',
    dates: { reported: date },
    type: 'hacking',
    affected: count === undefined ? { kind: 'unknown' } : { kind: 'exact', count },
    status: 'confirmed',
    sources: [{ title: 'HHS OCR breach portal' }],
    ...rest,
  });
}

describe('severity rule', () => {
  it('is high for an incident in the last 24 months', () => {
    expect(incidentSeverity(incident({ date: '2025-01-10', count: 600 }), NOW)).toBe('high');
  });
  it('is high for 1,000,000 people or more, however old', () => {
    expect(incidentSeverity(incident({ date: '2012-05-01', count: 1_000_000 }), NOW)).toBe('high');
  });
  it('is medium for the last 6 years or 50,000+ people', () => {
    expect(incidentSeverity(incident({ date: '2022-01-01', count: 900 }), NOW)).toBe('medium');
    expect(incidentSeverity(incident({ date: '2011-01-01', count: 60_000 }), NOW)).toBe('medium');
  });
  it('is low for older, smaller incidents', () => {
    expect(incidentSeverity(incident({ date: '2014-03-01', count: 700 }), NOW)).toBe('low');
  });
  it('caps an unverified report at medium', () => {
    expect(incidentSeverity(incident({ date: '2025-11-12', count: 10_000_000, verified: false }), NOW)).toBe('medium');
  });
  it('takes the worst incident for a vendor, none without incidents', () => {
    expect(vendorSeverity([incident({ date: '2014-03-01', count: 700 }), incident({ date: '2026-03-16' })], NOW)).toBe('high');
    expect(vendorSeverity([], NOW)).toBe('none');
  });
});

describe('history summary', () => {
  it('says count, first year, largest and last year in words', () => {
    const summary = summariseHistory(
      [incident({ date: '2019-02-01', count: 9_300_000 }), incident({ date: '2023-06-01', count: 1200 }), incident({ date: '2021-01-01' })],
      NOW,
    );
    expect(summary).toMatchObject({ count: 3, firstDate: '2019-02-01', lastDate: '2023-06-01', largestAffected: 9_300_000 });
    expect(describeHistory(summary, 'en-US')).toBe(
      '3 reported incidents since 2019; the largest affected 9.3 million people; last in 2023',
    );
  });
  it('has a clear empty summary', () => {
    expect(describeHistory(summariseHistory([], NOW))).toBe('No reported incidents in the dataset');
  });
});

describe('badge', () => {
  const [optum, carecloud] = testVendors().filter((v) => v.id === 'optum' || v.id === 'carecloud');
  const report = (vendor: typeof optum, incidents: Incident[]): VendorReport => ({
    vendor: vendor!,
    incidents,
    evidence: [],
    summary: summariseHistory(incidents, NOW),
  });

  it('counts vendors with incidents and colours by the worst', () => {
    const badge = badgeFor([report(optum, [incident({ date: '2024-02-21', count: 190_000_000 })]), report(carecloud, [])]);
    expect(badge).toMatchObject({ text: '1', color: BADGE_COLOR.high });
    expect(badge.title).toContain('Optum');
  });
  it('is a grey 0 when vendors have no incidents, and empty when nothing was found', () => {
    expect(badgeFor([report(carecloud, [])])).toMatchObject({ text: '0', color: BADGE_COLOR.none });
    expect(badgeFor([]).text).toBe('');
  });
});
