import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../lib/dataset/dataset';
import { DatasetBundle } from '../../lib/dataset/schema';
import { buildDirectory } from '../../lib/directory/search';
import { BOM, csvCell, guardCell, parseCsv, toCsv, unguardCell } from '../../lib/export/csv';
import { buildExport, CSV_COLUMNS, exportFileName, toCsvExport, toJson, type ExportDocument } from '../../lib/export/vendors';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and ends lines in CRLF after a BOM', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(toCsv([['a', 'b'], ['1', 2]])).toBe(`${BOM}a,b\r\n1,2\r\n`);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(guardCell(evil).startsWith("'")).toBe(true);
      expect(unguardCell(guardCell(evil))).toBe(evil);
    }
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(guardCell('2024-01-01')).toBe('2024-01-01');
    expect(csvCell(-5)).toBe('-5'); // numbers are numbers, not text
  });

  it('parses back what it writes, whatever the content', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'comma, "quote" and\r\nnew line'],
      ['2', ''],
      ['3', 'ünïcødé ✓'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});

const bundle = DatasetBundle.parse({
  schemaVersion: 1,
  version: '2026.1.2',
  generatedAt: '2026-01-02T00:00:00Z',
  vendors: [
    { id: 'acme', name: 'Acme, "Health" Inc.', aliases: ['=cmd|calc'], domains: ['acme.com', 'acme.org'], category: 'ehr', headquarters: 'Springfield' },
    { id: 'quiet', name: 'Quiet Co', domains: ['quiet.com'], category: 'other' },
  ],
  incidents: [
    {
      id: 'acme-2024',
      vendorIds: ['acme'],
      title: '=HYPERLINK("http://evil")',
      dates: { occurred: '2024-03-01', reported: '2024-05-02' },
      type: 'ransomware',
      affected: { kind: 'at-least', count: 1_500_000 },
      dataTypes: ['names', 'SSN'],
      status: 'confirmed',
      sources: [{ title: 'Notice, with comma', url: 'https://example.org/n' }, { title: 'Paper' }],
    },
    {
      id: 'acme-2019',
      vendorIds: ['acme'],
      title: 'Lost laptop',
      dates: { reported: '2019-06-30' },
      type: 'loss',
      affected: { kind: 'unknown' },
      status: 'alleged',
      verified: false,
      sources: [{ title: 'HHS' }],
    },
  ],
});
const NOW = new Date('2026-02-01T12:00:00Z');
const directory = buildDirectory(indexDataset(bundle), NOW);
const doc = buildExport('Vendor profile: Acme', [directory.byId.get('acme')!, directory.byId.get('quiet')!], bundle, NOW);

describe('vendor exports', () => {
  it('holds dataset facts with the dataset version and the date severities were judged on', () => {
    expect(doc).toMatchObject({
      format: 'vendor-breach-radar-export',
      formatVersion: 1,
      exportedAt: '2026-02-01T12:00:00.000Z',
      severityAsOf: '2026-02-01',
      dataset: { version: '2026.1.2', generatedAt: '2026-01-02T00:00:00Z' },
    });
    const acme = doc.vendors[0]!;
    expect(acme).toMatchObject({ id: 'acme', severity: 'high', headquarters: 'Springfield' });
    expect(acme.summary).toBe('2 reported incidents since 2019; the largest affected 1.5 million people; last in 2024');
    expect(acme.incidents.map((i) => [i.id, i.date])).toEqual([
      ['acme-2024', '2024-03-01'],
      ['acme-2019', '2019-06-30'],
    ]);
    expect(Object.keys(acme)).not.toContain('evidence');
  });

  it('round-trips through JSON', () => {
    const back = JSON.parse(toJson(doc)) as ExportDocument;
    expect(back).toEqual(doc);
    const want = bundle.incidents.find((i) => i.id === 'acme-2024')!;
    expect(back.vendors[0]!.incidents[0]).toMatchObject({ dates: want.dates, affected: want.affected, sources: want.sources });
  });

  it('writes one CSV row per incident that parses back to the same facts, formulas defused', () => {
    const rows = parseCsv(toCsvExport(doc));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows).toHaveLength(4); // header, two Acme incidents, Quiet Co without incidents
    const [first, second, quiet] = [rows[1]!, rows[2]!, rows[3]!];
    expect(first[col('vendor_name')]).toBe('Acme, "Health" Inc.');
    expect(first[col('incident_title')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(unguardCell(first[col('incident_title')]!)).toBe('=HYPERLINK("http://evil")');
    expect(first[col('people_affected')]).toBe('1500000');
    expect(first[col('people_affected_kind')]).toBe('at-least');
    expect(first[col('data_types')]).toBe('names; SSN');
    expect(first[col('date_reported')]).toBe('2024-05-02');
    expect(first[col('source_titles')]).toBe('Notice, with comma | Paper');
    expect(first[col('source_urls')]!.split(' ')).toEqual(['https://example.org/n', '']);
    expect(second[col('people_affected')]).toBe('');
    expect(second[col('verified')]).toBe('false');
    expect(quiet[col('vendor_id')]).toBe('quiet');
    expect(quiet[col('incident_id')]).toBe('');
    expect(quiet[col('dataset_version')]).toBe('2026.1.2');
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('names files safely', () => {
    expect(exportFileName('search-Change Healthcare/../x', NOW, 'csv')).toBe('vendor-breach-radar-search-change-healthcare-x-2026-02-01.csv');
    expect(exportFileName('***', NOW, 'json')).toBe('vendor-breach-radar-export-2026-02-01.json');
  });
});
