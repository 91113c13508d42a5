import { describe, expect, it } from 'vitest';
import { mapHeader, parseCount, parsePortalDate, parseRow, splitList } from '../../lib/hhs/rows';

const PORTAL_HEADER = [
  'Name of Covered Entity', 'State', 'Covered Entity Type', 'Individuals Affected', 'Breach Submission Date',
  'Type of Breach', 'Location of Breached Information', 'Business Associate Present', 'Web Description',
];
const where = { file: 'f.csv', line: 7 };

describe('dates and counts', () => {
  it('reads M/D/YYYY, MM/DD/YYYY and ISO dates', () => {
    expect(parsePortalDate('7/13/2019')).toBe('2019-07-13');
    expect(parsePortalDate('06/28/2024')).toBe('2024-06-28');
    expect(parsePortalDate('2024-07-19')).toBe('2024-07-19');
  });
  it('rejects impossible or other dates', () => {
    expect(parsePortalDate('2/30/2020')).toBeUndefined();
    expect(parsePortalDate('2024-13-01')).toBeUndefined();
    expect(parsePortalDate('13/07/2019')).toBeUndefined();
    expect(parsePortalDate('July 13, 2019')).toBeUndefined();
    expect(parsePortalDate('')).toBeUndefined();
  });
  it('reads counts with thousands separators; blank is null', () => {
    expect(parseCount('192700000')).toBe(192700000);
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('')).toBeNull();
    expect(parseCount('about 500')).toBeUndefined();
  });
  it('splits the portal’s ", "-joined lists', () => {
    expect(splitList('Electronic Medical Record, Network Server')).toEqual(['Electronic Medical Record', 'Network Server']);
    expect(splitList('')).toEqual([]);
  });
});

describe('mapHeader', () => {
  it('maps the portal header and ignores extra columns', () => {
    const h = mapHeader([...PORTAL_HEADER, 'Year']);
    expect(h.missing).toEqual([]);
    expect(h.ignored).toEqual(['Year']);
    expect(h.columns.entity).toBe(0);
  });
  it('accepts the renamed first column and the merged file’s ISO date column', () => {
    const h = mapHeader(['Covered Entity Name', ...PORTAL_HEADER.slice(1, 4), 'Breach Submission Date (ISO)', ...PORTAL_HEADER.slice(5), 'Source Snapshot']);
    expect(h.missing).toEqual([]);
    expect(h.columns.submitted).toBe(4);
    expect(h.ignored).toEqual(['Source Snapshot']);
  });
  it('reports missing required columns', () => {
    expect(mapHeader(['Name', 'State']).missing).toContain('submitted');
  });
});

describe('parseRow', () => {
  const header = mapHeader(PORTAL_HEADER);
  it('reads a real report into typed facts', () => {
    const fields = ['Xerox State Healthcare, LLC', 'TX', 'Business Associate', '2000000', '09/10/2014',
      'Unauthorized Access/Disclosure', 'Desktop Computer, Email, Laptop, Network Server, Other, Other Portable Electronic Device', 'Yes', ''];
    const r = parseRow(fields, header, where);
    expect(r).toEqual({
      ok: true,
      report: {
        file: 'f.csv', line: 7, entity: 'Xerox State Healthcare, LLC', entityType: 'business-associate', state: 'TX',
        affected: 2000000, submitted: '2014-09-10', breachTypes: ['Unauthorized Access/Disclosure'],
        locations: ['Desktop Computer', 'Email', 'Laptop', 'Network Server', 'Other', 'Other Portable Electronic Device'],
        businessAssociatePresent: true,
      },
    });
  });
  it('maps every entity type and keeps a blank state and count as absent', () => {
    const row = (type: string, state = 'MA', count = '500'): string[] => ['X', state, type, count, '1/2/2020', 'Theft', 'Laptop', 'No', ''];
    const type = (t: string) => {
      const r = parseRow(row(t), header, where);
      return r.ok ? r.report.entityType : r.reason;
    };
    expect(type('Healthcare Provider')).toBe('provider');
    expect(type('Health Plan')).toBe('health-plan');
    expect(type('Business Associate')).toBe('business-associate');
    expect(type('Healthcare Clearing House')).toBe('clearinghouse');
    // Real archive row: "Valperaiso Fire Department",IN,Health Plan,,09/03/2013 (count left blank)
    const r = parseRow(row('Health Plan', '', ''), header, where);
    expect(r.ok && r.report.affected).toBeNull();
    expect(r.ok && 'state' in r.report).toBe(false);
  });
  it('rejects unreadable rows with a reason', () => {
    // Real archive row with the entity type left blank: kept, as 'unknown'.
    const row = ['Boys Town National Research Hospital', 'NE', '', '2182', '05/09/2018', 'Hacking/IT Incident', 'Email', 'Yes', ''];
    expect(parseRow(row, header, where)).toMatchObject({ ok: true, report: { entityType: 'unknown' } });
    expect(parseRow(['X', 'NE', 'Widget Maker', '5', '1/2/2020', 'Theft', 'Laptop', 'No', ''], header, where)).toEqual({
      ok: false,
      reason: 'unknown entity type "Widget Maker"',
    });
    expect(parseRow(['X', 'NE'], header, where)).toEqual({ ok: false, reason: 'expected 9 fields, found 2' });
    const badDate = ['X', 'NE', 'Health Plan', '5', '31/12/2020', 'Theft', 'Laptop', 'No', ''];
    expect(parseRow(badDate, header, where)).toMatchObject({ ok: false, reason: expect.stringContaining('submission date') });
  });
  it('drops the "\\N" null marker of a description', () => {
    const row = ['X', 'AL', 'Business Associate', '768', '03/30/2010', '', 'Email', 'Yes', '\\N'];
    const r = parseRow(row, header, where);
    expect(r.ok && r.report.description).toBeUndefined();
    expect(r.ok && r.report.breachTypes).toEqual([]);
  });
});
