import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexDataset, parseBundle } from '../../lib/dataset/dataset';
import { lookupVendor } from '../../lib/dataset/lookup';
import { DatasetBundle, type IncidentInput, type VendorInput } from '../../lib/dataset/schema';
import { EMPTY_QUERY, effectiveSort, formatQuery, matchesFilters, parseQuery, runQuery } from '../../lib/directory/filters';
import { listHash, parseRoute, setHash, vendorHash } from '../../lib/directory/route';
import { buildDirectory, searchDirectory } from '../../lib/directory/search';
import { editDistanceWithin, hostOf, prefixDistance } from '../../lib/directory/text';
import { TEST_VENDORS } from './helpers';

const NOW = new Date('2026-06-01T00:00:00Z');

const incident = (id: string, vendorId: string, date: string, extra: Partial<IncidentInput> = {}): IncidentInput => ({
  id,
  vendorIds: [vendorId],
  title: `${id} incident`,
  dates: { occurred: date },
  type: 'hacking',
  affected: { kind: 'exact', count: 1000 },
  status: 'confirmed',
  sources: [{ title: 'HHS' }],
  ...extra,
});

const bundle = DatasetBundle.parse({
  schemaVersion: 1,
  version: '1.0',
  generatedAt: '2026-01-01T00:00:00Z',
  vendors: [
    ...TEST_VENDORS,
    { id: 'healthcare-interactive', name: 'Healthcare Interactive', domains: ['hcinteractive.com'], category: 'other' } satisfies VendorInput,
  ],
  incidents: [
    incident('change-2024', 'change-healthcare', '2024-02-12', { type: 'ransomware', affected: { kind: 'exact', count: 192_700_000 } }),
    incident('change-2019', 'change-healthcare', '2019-05-01', { type: 'phishing' }),
    incident('cerner-2021', 'oracle-health', '2021-03-01', { affected: { kind: 'unknown' } }),
    incident('optum-2025', 'optum', '2025-11-01', { type: 'ransomware', affected: { kind: 'exact', count: 5000 } }),
    incident('greenway-2016', 'greenway-health', '2016-01-10', { type: 'theft', affected: { kind: 'exact', count: 400 } }),
  ],
});
const dataset = indexDataset(bundle);
const directory = buildDirectory(dataset, NOW);
const top = (q: string) => searchDirectory(directory.entries, q)[0];

describe('text distances', () => {
  it('bounds edit distances, with neighbour swaps counting one in prefixes', () => {
    expect(editDistanceWithin('optum', 'optun', 1)).toBe(true);
    expect(editDistanceWithin('optum', 'opxyz', 2)).toBe(false);
    expect(prefixDistance('chnage', 'change healthcare', 1)).toBe(1);
    expect(prefixDistance('change', 'change healthcare', 1)).toBe(0);
    expect(prefixDistance('helthcare', 'healthcare', 1)).toBe(1);
    expect(prefixDistance('zzzzzz', 'change healthcare', 2)).toBeNull();
  });
  it('reads typed addresses', () => {
    expect(hostOf('https://www.changehealthcare.com/x')).toBe('changehealthcare.com');
    expect(hostOf('portal.nextmd.com')).toBe('portal.nextmd.com');
    expect(hostOf('Change Healthcare')).toBeNull();
  });
});

describe('searchDirectory', () => {
  it('finds vendors by name, alias and domain, saying what matched', () => {
    expect(top('Change Healthcare')).toMatchObject({ entry: { vendor: { id: 'change-healthcare' } }, field: 'name', score: 100 });
    expect(top('cerner')).toMatchObject({ entry: { vendor: { id: 'oracle-health' } }, field: 'alias', matched: 'Cerner' });
    expect(top('https://portal.nextmd.com/login')).toMatchObject({ entry: { vendor: { id: 'nextgen-healthcare' } }, field: 'domain', matched: 'nextmd.com' });
    expect(top('changehealthcare.com')).toMatchObject({ entry: { vendor: { id: 'change-healthcare' } }, field: 'domain' });
    expect(top('carecloud')?.entry.vendor.id).toBe('carecloud');
  });

  it('forgives small slips and finds prefixes and words', () => {
    expect(top('chnage healthcare')?.entry.vendor.id).toBe('change-healthcare');
    expect(top('Optun')?.entry.vendor.id).toBe('optum');
    expect(top('greenwy')?.entry.vendor.id).toBe('greenway-health');
    expect(top('Orac')?.entry.vendor.id).toBe('oracle-health');
    expect(top('changehealth')?.entry.vendor.id).toBe('change-healthcare');
    const words = searchDirectory(directory.entries, 'healthcare').map((h) => h.entry.vendor.id);
    // "Healthcare Interactive" starts with the word; the others contain it as a later word.
    expect(words[0]).toBe('healthcare-interactive');
    expect(words).toEqual(expect.arrayContaining(['change-healthcare', 'nextgen-healthcare']));
    expect(words).not.toContain('greenway-health');
  });

  it('finds nothing for nonsense and everything for an empty query', () => {
    expect(searchDirectory(directory.entries, 'qqqqqqqqq')).toEqual([]);
    expect(searchDirectory(directory.entries, '  ')).toHaveLength(directory.entries.length);
  });

  it('agrees with lookupVendor (kept for the CLI) on exact names, domains and slips', () => {
    for (const q of ['Cerner', 'changehealthcare.com', 'Optun', 'NextGen']) {
      expect(top(q)?.entry.vendor.id).toBe(lookupVendor(dataset, q)?.id);
    }
  });

  it('summarises every vendor once and lists the incident years newest first', () => {
    const change = directory.byId.get('change-healthcare')!;
    expect(change.incidents.map((i) => i.id)).toEqual(['change-2024', 'change-2019']);
    expect(change.summary).toMatchObject({ count: 2, largestAffected: 192_700_000, severity: 'high' });
    expect(directory.years).toEqual([2025, 2024, 2021, 2019, 2016]);
    expect(directory.incidentCount).toBe(5);
  });
});

describe('filters and sorting', () => {
  const ids = (q: Partial<typeof EMPTY_QUERY>) => runQuery(directory.entries, { ...EMPTY_QUERY, ...q }).map((h) => h.entry.vendor.id);

  it('filters by category, severity, year and breach type (year and type on one same incident)', () => {
    expect(ids({ category: 'ehr' }).sort()).toEqual(['epic', 'greenway-health', 'nextgen-healthcare', 'oracle-health', 'veradigm']);
    expect(ids({ severity: 'high' })).toEqual(['optum', 'change-healthcare']);
    expect(ids({ year: 2019 })).toEqual(['change-healthcare']);
    expect(ids({ type: 'ransomware' })).toEqual(['optum', 'change-healthcare']);
    expect(ids({ type: 'ransomware', year: 2019 })).toEqual([]);
    expect(ids({ type: 'phishing', year: 2019, q: 'change' })).toEqual(['change-healthcare']);
    const change = directory.byId.get('change-healthcare')!;
    expect(matchesFilters(change, { category: 'clearinghouse', severity: 'high', year: 2024, type: 'ransomware' })).toBe(true);
  });

  it('sorts by most recent incident or most people affected; best match needs a query', () => {
    expect(ids({ sort: 'recent' }).slice(0, 4)).toEqual(['optum', 'change-healthcare', 'oracle-health', 'greenway-health']);
    expect(ids({ sort: 'affected' }).slice(0, 3)).toEqual(['change-healthcare', 'optum', 'greenway-health']);
    expect(effectiveSort(EMPTY_QUERY)).toBe('recent');
    expect(effectiveSort({ ...EMPTY_QUERY, q: 'x' })).toBe('relevance');
    const names = ids({ sort: 'name' });
    expect(names).toEqual([...names].sort((a, b) => directory.byId.get(a)!.vendor.name.localeCompare(directory.byId.get(b)!.vendor.name)));
  });

  it('reads and writes the query part of the address, dropping anything unknown', () => {
    const q = { ...EMPTY_QUERY, q: 'cerner & co', category: 'ehr', severity: 'high', year: 2024, type: 'ransomware', sort: 'affected' } as const;
    expect(parseQuery(formatQuery(q))).toEqual(q);
    expect(formatQuery(EMPTY_QUERY)).toBe('');
    expect(parseQuery('category=nope&severity=extreme&year=20x4&type=<script>&sort=random')).toEqual(EMPTY_QUERY);
  });
});

describe('routes', () => {
  it('parses list, vendor and set addresses and refuses odd ids', () => {
    expect(parseRoute('')).toEqual({ view: 'list', query: EMPTY_QUERY });
    expect(parseRoute('#/?q=epic&severity=low')).toEqual({ view: 'list', query: { ...EMPTY_QUERY, q: 'epic', severity: 'low' } });
    expect(parseRoute(vendorHash('change-healthcare'))).toEqual({ view: 'vendor', id: 'change-healthcare' });
    expect(parseRoute('#/vendor/..%2Fetc')).toEqual({ view: 'list', query: EMPTY_QUERY });
    expect(parseRoute(setHash(['optum', 'epic', 'optum', 'Bad Id'], true))).toEqual({ view: 'set', ids: ['optum', 'epic'], fromTab: true });
    expect(listHash({ ...EMPTY_QUERY, q: 'a b' })).toBe('#/?q=a+b');
    expect(listHash(EMPTY_QUERY)).toBe('#/');
  });
});

describe('the shipped dataset', () => {
  const shipped = parseBundle(JSON.parse(readFileSync('data/bundle.json', 'utf8')));
  it('builds and searches fast enough to run on every keystroke', () => {
    if (!shipped.ok) throw new Error(shipped.reason);
    const dir = buildDirectory(indexDataset(shipped.value), NOW);
    const queries = ['c', 'ch', 'cha', 'chan', 'chang', 'change', 'change h', 'chnage healthcare', 'changehealthcare.com', 'xyzzyq'];
    const started = performance.now();
    for (const q of queries) runQuery(dir.entries, { ...EMPTY_QUERY, q });
    const perQuery = (performance.now() - started) / queries.length;
    expect(runQuery(dir.entries, { ...EMPTY_QUERY, q: 'Emdeon' })[0]?.entry.vendor.id).toBe('change-healthcare');
    // Generous for a slow CI machine; typically a few milliseconds for thousands of organisations.
    expect(perQuery).toBeLessThan(150);
  });
});
