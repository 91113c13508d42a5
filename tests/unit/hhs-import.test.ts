import { mkdtemp, readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { curatedVendor } from './helpers';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importHhsCommand } from '../../lib/cli/commands/import-hhs';
import { Incident, Vendor } from '../../lib/dataset/schema';
import { importHhs, type HhsFile } from '../../lib/hhs/index';

const HEADER =
  'Name of Covered Entity,State,Covered Entity Type,Individuals Affected,Breach Submission Date,Type of Breach,Location of Breached Information,Business Associate Present,Web Description';

/** A CSV file from lines; CRLF like the portal's archive export. */
function file(name: string, lines: string[], eol = '\r\n'): HhsFile {
  return { name, bytes: new TextEncoder().encode([...lines, ''].join(eol)) };
}

const vendor = curatedVendor;
const CURATED: Vendor[] = [
  vendor('american-medical-collection-agency', 'American Medical Collection Agency',
    ['AMCA', 'Retrieval-Masters Creditors Bureau', 'Retrieval-Masters Creditors Bureau, Inc.'],
    { exactCase: ['AMCA'], needsContext: ['AMCA'] }),
  vendor('change-healthcare', 'Change Healthcare', ['Change Healthcare, Inc.', 'Emdeon', 'RelayHealth'], { exactCase: ['Change Healthcare'] }),
  vendor('labcorp', 'Labcorp', ['LabCorp', 'Laboratory Corporation of America']),
  vendor('perry-johnson-associates', 'Perry Johnson & Associates', ['PJ&A'], { exactCase: ['PJ&A'] }),
];

// Facts of real reports (descriptions shortened to the part that names the vendor).
const ARCHIVE = file('archive.csv', [
  HEADER,
  'Laboratory Corporation of America Holdings dba LabCorp,NC,Healthcare Provider,10251784,07/13/2019,Hacking/IT Incident,Network Server,Yes,"The covered entity (CE), Laboratory Corporation of America Holdings dba LabCorp, reported that its business associate (BA) Retrieval-Masters Creditors Bureau, Inc. – American Medical Collection Agency (AMCA), was the victim of a hacking incident."',
  'South Texas Dermatopathology Laboratory,TX,Healthcare Provider,15982,10/07/2019,Hacking/IT Incident,Network Server,No,"The covered entity (CE), South Texas Dermatopathology Laboratory, reported that its business associate (BA), Retrieval Masters Creditors Bureau d/b/a American Medical Collection Agency (AMCA), was the victim"',
  'Seacoast Pathology,NH,Healthcare Provider,8992,07/25/2019,Hacking/IT Incident,Network Server,Yes,"Seacoast Pathology, the covered entity (CE), reported that its business associate (BA), American Medical Collection Agency, discovered unauthorized access to its web payment portal."',
  '"Perry Johnson & Associates, Inc. dba PJ&A",NV,Business Associate,9302588,11/03/2023,Hacking/IT Incident,Network Server,Yes,"The business associate (BA), Perry Johnson & Associates, reported that it experienced a ransomware attack"',
  'Mass General Brigham Health Plan,MA,Health Plan,3659,06/28/2024,Unauthorized Access/Disclosure,Other,No,"Mass General Brigham Health Plan, the covered entity (CE), reported that an employee impermissibly shared her system credentials."',
  'Garbled Clinic,NE,Healthcare Provider,2182,05/39/2018,Hacking/IT Incident,Email,Yes,"The covered entity (CE) ..."',
  'Family Dental Care,IL,Healthcare Provider,2000,3/1/2019,"Theft, Unauthorized Access/Disclosure","Laptop, Paper/Films",No,',
  'Valperaiso Fire Department,IN,Health Plan,,09/03/2013,Theft,Desktop Computer,No,This case has been consolidated with another review for this covered entity.',
]);

// An "under investigation" export in the raw portal format (LF, every field quoted), later than the archive.
const ACTIVE_2024_10 = file('active-2024-10.csv', [
  HEADER.split(',').map((h) => `"${h}"`).join(','),
  '"Change Healthcare, Inc.","MN","Business Associate","500","07/19/2024","Hacking/IT Incident","Network Server","Yes",""',
  '"Mass General Brigham Health Plan","MA","Health Plan","3659","06/28/2024","Unauthorized Access/Disclosure","Other","No",""',
], '\n');

// A re-upload: first column renamed, ISO dates, an extra column; Change Healthcare's count revised.
const ACTIVE_2026_03 = file('active-2026-03.csv', [
  'Covered Entity Name,State,Covered Entity Type,Individuals Affected,Breach Submission Date,Type of Breach,Location of Breached Information,Business Associate Present,Web Description,Year',
  '"Change Healthcare, Inc.",MN,Business Associate,192700000,2024-07-19,Hacking/IT Incident,Network Server,Yes,,2024',
  'McEwen & Associates,TX,Business Associate,500,2025-08-21,Hacking/IT Incident,Network Server,Yes,,2025',
  'McEwen & Associates,TX,Business Associate,500,2025-08-21,Hacking/IT Incident,Network Server,Yes,,2025',
  'McEwen & Associates,TX,Business Associate,500,2025-08-21,Hacking/IT Incident,Network Server,Yes,,2025',
  'Manhattan Retirement Foundation d/b/a Meadowlark Hills,KS,Healthcare Provider,14442,2026-02-26,Hacking/IT Incident,Network Server,No,,2026',
]);

const run = (files: HhsFile[] = [ARCHIVE, ACTIVE_2024_10, ACTIVE_2026_03]) => importHhs(files, CURATED);

describe('importHhs', () => {
  it('maps a report to a schema-valid incident with the report facts and the HHS source', () => {
    const { incidents } = run();
    for (const i of incidents) expect(Incident.safeParse(i).success).toBe(true);
    const dental = incidents.find((i) => i.report?.entity === 'Family Dental Care');
    expect(dental).toEqual({
      id: 'hhs-family-dental-care-2019-03-01',
      vendorIds: ['family-dental-care'],
      title: 'Family Dental Care reported a breach to HHS OCR',
      dates: { reported: '2019-03-01' },
      type: 'theft',
      affected: { kind: 'exact', count: 2000 },
      dataTypes: [],
      status: 'confirmed',
      verified: true,
      response: [],
      sources: [{
        title: 'HHS OCR breach portal',
        url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf',
        publisher: 'U.S. Department of Health and Human Services, Office for Civil Rights',
        date: '2019-03-01',
      }],
      origin: 'hhs-ocr',
      report: {
        entity: 'Family Dental Care', entityType: 'provider', state: 'IL',
        breachTypes: ['Theft', 'Unauthorized Access/Disclosure'], locations: ['Laptop', 'Paper/Films'],
        businessAssociatePresent: false,
      },
      derivedLinks: [],
    });
    expect(incidents.find((i) => i.report?.entity === 'Valperaiso Fire Department')?.affected).toEqual({ kind: 'unknown' });
  });

  it('never stores the description text', () => {
    const json = JSON.stringify(run());
    expect(json).not.toContain('covered entity (CE)');
    expect(json).not.toContain('consolidated');
  });

  it('merges a report repeated across exports, keeping the newest revised count', () => {
    const { incidents, stats } = run();
    const change = incidents.filter((i) => i.report?.entity === 'Change Healthcare, Inc.');
    expect(change).toHaveLength(1);
    expect(change[0]?.affected).toEqual({ kind: 'exact', count: 192700000 });
    expect(incidents.filter((i) => i.report?.entity === 'Mass General Brigham Health Plan')).toHaveLength(1);
    expect(stats.duplicatesMerged).toBe(2);
  });

  it('keeps rows one export lists several times as separate reports (one per client), even when re-imported', () => {
    const { incidents } = run([ARCHIVE, ACTIVE_2024_10, ACTIVE_2026_03, ACTIVE_2026_03]);
    const ids = incidents.filter((i) => i.report?.entity === 'McEwen & Associates').map((i) => i.id);
    expect(ids).toEqual([
      'hhs-mcewen-and-associates-2025-08-21',
      'hhs-mcewen-and-associates-2025-08-21-2',
      'hhs-mcewen-and-associates-2025-08-21-3',
    ]);
  });

  it('reports an unreadable row with its file and line number and skips it', () => {
    const { problems, stats, incidents } = run();
    expect(problems).toEqual([{ file: 'archive.csv', line: 7, reason: expect.stringContaining('submission date') }]);
    expect(incidents.some((i) => i.report?.entity.startsWith('Garbled'))).toBe(false);
    expect(stats.badRows).toBe(1);
  });

  it('fails when more than 2% of the rows are bad', () => {
    const good = Array.from({ length: 98 }, (_, n) => `Clinic ${n},TX,Healthcare Provider,${600 + n},1/2/2020,Theft,Laptop,No,`);
    const ok = importHhs([file('a.csv', [HEADER, ...good, 'Bad One,TX,Healthcare Provider,600,99/99/2020,Theft,Laptop,No,'])], []);
    expect(ok.stats.failed).toBe(false);
    const bad = importHhs([file('a.csv', [HEADER, ...good, 'Bad,TX,Health Plan,1,1/2/20x0,Theft,Laptop,No,', 'Bad,TX,X,1,1/2/2020,Theft,Laptop,No,', 'Bad,TX,Health Plan,many,1/2/2020,Theft,Laptop,No,'])], []);
    expect(bad.stats.failed).toBe(true);
    expect(bad.problems.map((p) => p.line)).toEqual([100, 101, 102]);
  });

  it('fails on a file that is not an HHS export', () => {
    const r = importHhs([file('x.csv', ['a,b', '1,2'])], []);
    expect(r.stats.failed).toBe(true);
    expect(r.problems[0]).toMatchObject({ file: 'x.csv', line: 1 });
  });

  it('reads a windows-1252 export', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\r\nRebekah Children`), 0x83, 0x3f, 0x3f,
      ...new TextEncoder().encode('s Services,NY,Healthcare Provider,1000,1/5/2021,Theft,Laptop,No,"Caf'), 0xe9, 0x22, 0x0d, 0x0a,
    ]);
    const r = importHhs([{ name: 'old.csv', bytes }], []);
    expect(r.stats.files[0]?.encoding).toBe('windows-1252');
    expect(r.incidents[0]?.report?.entity).toBe('Rebekah Children’s Services');
  });

  it('links reports to curated vendors by entity name', () => {
    const { incidents, organisations } = run();
    const byEntity = (e: string) => incidents.find((i) => i.report?.entity === e);
    expect(byEntity('Change Healthcare, Inc.')?.vendorIds).toEqual(['change-healthcare']);
    expect(byEntity('Perry Johnson & Associates, Inc. dba PJ&A')?.vendorIds).toEqual(['perry-johnson-associates']);
    expect(byEntity('Laboratory Corporation of America Holdings dba LabCorp')?.vendorIds[0]).toBe('labcorp');
    expect(organisations.map((o) => o.id)).not.toContain('change-healthcare-2');
  });

  it('links a client’s report to the vendor its description names (AMCA), as a derived fact', () => {
    const { incidents, stats } = run();
    const labcorp = incidents.find((i) => i.report?.entity.endsWith('LabCorp'));
    expect(labcorp?.vendorIds).toEqual(['labcorp', 'american-medical-collection-agency']);
    expect(labcorp?.derivedLinks).toEqual([{ vendorId: 'american-medical-collection-agency', rule: 'named in HHS description' }]);
    const stdl = incidents.find((i) => i.report?.entity === 'South Texas Dermatopathology Laboratory');
    expect(stdl?.vendorIds).toEqual(['south-texas-dermatopathology-laboratory', 'american-medical-collection-agency']);
    // The vendor's own report does not link it to itself a second time.
    const pja = incidents.find((i) => i.report?.entity.startsWith('Perry Johnson'));
    expect(pja?.derivedLinks).toEqual([]);
    expect(stats.linkedByDescription).toBe(3);
    expect(stats.linkedToCurated).toBe(5);
  });

  it('creates an organisation for each unknown reporting entity', () => {
    const { organisations } = run();
    for (const o of organisations) expect(Vendor.safeParse(o).success).toBe(true);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    expect(byId.get('mcewen-and-associates')).toEqual({
      id: 'mcewen-and-associates',
      name: 'McEwen & Associates',
      aliases: [],
      domains: [],
      portals: [],
      noDomainReason: 'imported from HHS OCR reports; no domain on file',
      category: 'other',
      origin: 'hhs-ocr',
      match: { exactCase: [], needsContext: [], exclude: [], textDetection: true },
    });
    expect(byId.get('mass-general-brigham-health-plan')?.category).toBe('health-plan');
    expect(byId.get('mass-general-brigham-health-plan')?.match.textDetection).toBe(true);
    expect(byId.get('family-dental-care')?.match.textDetection).toBe(false);
    const meadowlark = byId.get('manhattan-retirement-foundation');
    expect(meadowlark?.aliases).toEqual(expect.arrayContaining(['Meadowlark Hills']));
    // An ordinary-sounding trade name is kept, guarded like a curated ambiguous name.
    expect(meadowlark?.match).toMatchObject({ exactCase: ['Meadowlark Hills'], needsContext: ['Meadowlark Hills'] });
  });

  it('is deterministic: the same output whatever the file order', () => {
    const a = JSON.stringify(run([ARCHIVE, ACTIVE_2024_10, ACTIVE_2026_03]));
    const b = JSON.stringify(run([ACTIVE_2026_03, ARCHIVE, ACTIVE_2024_10]).incidents);
    expect(JSON.parse(a).incidents).toEqual(JSON.parse(b));
    const dates = run().incidents.map((i) => i.dates.reported ?? '');
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('importHhsCommand', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes data/imported/hhs.json and prints a summary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hhs-'));
    await mkdir(join(dir, 'data/curated'), { recursive: true });
    await writeFile(join(dir, 'data/curated/vendors.json'), JSON.stringify(CURATED));
    // 1 bad row in 68 is under the 2% limit
    const more = Array.from({ length: 60 }, (_, n) => `Clinic ${n},TX,Healthcare Provider,${600 + n},1/2/2020,Theft,Laptop,No,`);
    await writeFile(join(dir, 'archive.csv'), `${new TextDecoder().decode(ARCHIVE.bytes)}${more.join('\r\n')}\r\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await importHhsCommand.run(['archive.csv'], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });
    expect(code).toBe(0);
    expect(err.some((line) => /^archive\.csv:7: .*submission date.*; skipped$/.test(line))).toBe(true);
    expect(out.join('\n')).toMatch(/linked to curated vendors: 4 incidents/);
    const text = await readFile(join(dir, 'data/imported/hhs.json'), 'utf8');
    const json = JSON.parse(text) as { generatedFrom: string[]; incidents: unknown[]; organisations: unknown[] };
    expect(Object.keys(json)).toEqual(['generatedFrom', 'incidents', 'organisations']);
    expect(json.generatedFrom).toEqual(['archive.csv']);
    expect(json.incidents).toHaveLength(67);
    expect(text.startsWith('{\n  "generatedFrom"')).toBe(true);
  });

  it('exits 1 and writes nothing when too many rows are bad; 2 without files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hhs-'));
    await writeFile(join(dir, 'bad.csv'), [HEADER, 'X,TX,Nobody,1,1/2/2020,Theft,Laptop,No,', 'Y,TX,Health Plan,1,1/2/2020,Theft,Laptop,No,'].join('\n'));
    const io = { out: () => {}, err: () => {}, cwd: dir };
    expect(await importHhsCommand.run(['bad.csv'], io)).toBe(1);
    await expect(readFile(join(dir, 'data/imported/hhs.json'))).rejects.toThrow();
    expect(await importHhsCommand.run([], io)).toBe(2);
  });
});
