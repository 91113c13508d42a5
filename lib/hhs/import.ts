import { Incident, Vendor, type IncidentType } from '../dataset/schema';
import { parseCsv } from './csv';
import { decodeBytes, type HhsEncoding } from './decode';
import { curatedLinker, NAMED_IN_DESCRIPTION } from './link';
import { mergeReports, type SourcedReport } from './merge';
import { normaliseOrgName, slugify } from './normalise';
import { buildOrganisations } from './organisations';
import { mapHeader, parseRow, type HhsReport } from './rows';

export const HHS_SOURCE_TITLE = 'HHS OCR breach portal';
export const HHS_SOURCE_URL = 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf';
export const HHS_PUBLISHER = 'U.S. Department of Health and Human Services, Office for Civil Rights';
/** The import fails when more than this share of the data rows cannot be read. */
export const MAX_BAD_SHARE = 0.02;

export interface HhsFile {
  name: string;
  bytes: Uint8Array;
}

export interface HhsProblem {
  file: string;
  /** 1-based line where the record starts (1 = the header) */
  line: number;
  reason: string;
}

export interface HhsFileStats {
  name: string;
  encoding: HhsEncoding;
  rows: number;
  bad: number;
  repairedQuotes: number;
  ignoredColumns: string[];
}

export interface HhsImportStats {
  files: HhsFileStats[];
  /** data rows in all files */
  rows: number;
  /** rows read into reports */
  reports: number;
  badRows: number;
  badShare: number;
  /** more than MAX_BAD_SHARE of the rows are bad, or a file could not be read at all */
  failed: boolean;
  duplicatesMerged: number;
  incidents: number;
  organisations: number;
  businessAssociateIncidents: number;
  /** incidents tied to a curated vendor (by entity name or description) */
  linkedToCurated: number;
  linkedByEntityName: number;
  linkedByDescription: number;
  peopleAffected: number;
  unknownAffected: number;
  firstReported?: string;
  lastReported?: string;
}

export interface HhsImportResult {
  incidents: Incident[];
  organisations: Vendor[];
  problems: HhsProblem[];
  stats: HhsImportStats;
}

const BREACH_TYPES: Record<string, IncidentType> = {
  'hacking/it incident': 'hacking',
  'unauthorized access/disclosure': 'unauthorized-access',
  theft: 'theft',
  loss: 'loss',
  'improper disposal': 'improper-disposal',
  other: 'other',
  unknown: 'other',
};

/** The incident type of a report: its first listed breach type. */
export function incidentType(breachTypes: readonly string[]): IncidentType {
  const first = breachTypes[0];
  return (first && BREACH_TYPES[first.toLowerCase()]) || 'other';
}

interface ReadFile {
  reports: HhsReport[];
  problems: HhsProblem[];
  stats: HhsFileStats;
  unreadable: boolean;
}

function readFile(file: HhsFile): ReadFile {
  const { text, encoding, repaired } = decodeBytes(file.bytes);
  const records = parseCsv(text);
  const problems: HhsProblem[] = [];
  const reports: HhsReport[] = [];
  const stats: HhsFileStats = { name: file.name, encoding, rows: 0, bad: 0, repairedQuotes: repaired, ignoredColumns: [] };
  const [headerRecord, ...data] = records;
  if (!headerRecord) {
    problems.push({ file: file.name, line: 1, reason: 'the file is empty' });
    return { reports, problems, stats, unreadable: true };
  }
  const header = mapHeader(headerRecord.fields);
  stats.ignoredColumns = header.ignored;
  stats.rows = data.length;
  if (header.missing.length > 0) {
    problems.push({
      file: file.name,
      line: headerRecord.line,
      reason: `not an HHS OCR export: no column for ${header.missing.join(', ')}`,
    });
    stats.bad = data.length;
    return { reports, problems, stats, unreadable: true };
  }
  for (const record of data) {
    const result = record.error
      ? ({ ok: false, reason: record.error } as const)
      : parseRow(record.fields, header, { file: file.name, line: record.line });
    if (result.ok) reports.push(result.report);
    else {
      stats.bad++;
      problems.push({ file: file.name, line: record.line, reason: result.reason });
    }
  }
  return { reports, problems, stats, unreadable: false };
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order on reports that does not depend on file order, so ids are stable across rebuilds. */
function reportOrder(a: HhsReport, b: HhsReport): number {
  return (
    byString(a.submitted, b.submitted) ||
    byString(slugify(normaliseOrgName(a.entity), 50), slugify(normaliseOrgName(b.entity), 50)) ||
    (a.affected ?? -1) - (b.affected ?? -1) ||
    byString(a.state ?? '', b.state ?? '') ||
    byString(a.entity, b.entity) ||
    byString(a.entityType, b.entityType) ||
    byString(a.breachTypes.join(','), b.breachTypes.join(',')) ||
    byString(a.locations.join(','), b.locations.join(',')) ||
    Number(a.businessAssociatePresent) - Number(b.businessAssociatePresent)
  );
}

/**
 * Reads HHS OCR breach-portal exports and turns each distinct report into an Incident (facts only; the
 * free-text description is used to find curated vendors named in it, never stored), creating an
 * organisation Vendor for each reporting entity the curated catalog does not know.
 * Output order is deterministic: incidents by report date then id, organisations by id.
 */
export function importHhs(files: readonly HhsFile[], curated: readonly Vendor[]): HhsImportResult {
  const problems: HhsProblem[] = [];
  const fileStats: HhsFileStats[] = [];
  const sourced: SourcedReport[] = [];
  let unreadable = false;

  files.forEach((file, fileIndex) => {
    const read = readFile(file);
    problems.push(...read.problems);
    fileStats.push(read.stats);
    unreadable ||= read.unreadable;
    const asOf = read.reports.reduce((max, r) => (r.submitted > max ? r.submitted : max), '');
    for (const r of read.reports) sourced.push({ ...r, asOf, fileIndex });
  });

  const merged = mergeReports(sourced).sort((a, b) => reportOrder(a.report, b.report));

  const linker = curatedLinker(curated);
  const entityVendor = new Map<SourcedReport, string>();
  const unlinked: HhsReport[] = [];
  for (const m of merged) {
    const id = linker.byEntityName(m.report.entity);
    if (id) entityVendor.set(m.report, id);
    else unlinked.push(m.report);
  }
  const { organisations, idByKey } = buildOrganisations(unlinked, curated, linker.names);

  const incidents: Incident[] = [];
  const incidentIds = new Set<string>();
  let linkedByEntityName = 0;
  let linkedByDescription = 0;
  let linkedToCurated = 0;
  for (const m of merged) {
    const r = m.report;
    const primary = entityVendor.get(r) ?? (idByKey.get(normaliseOrgName(r.entity)) as string);
    const named = [...new Set(m.descriptions.flatMap((d) => linker.namedInText(d)))].filter((id) => id !== primary).sort();
    const base = `hhs-${slugify(normaliseOrgName(r.entity), 50)}-${r.submitted}`;
    let id = base;
    for (let n = 2; incidentIds.has(id); n++) id = `${base}-${n}`;
    incidentIds.add(id);

    const incident: Incident = {
      id,
      vendorIds: [primary, ...named],
      title: `${r.entity} reported a breach to HHS OCR`,
      dates: { reported: r.submitted },
      type: incidentType(r.breachTypes),
      affected: r.affected === null ? { kind: 'unknown' } : { kind: 'exact', count: r.affected },
      dataTypes: [],
      status: 'confirmed',
      verified: true,
      response: [],
      sources: [{ title: HHS_SOURCE_TITLE, url: HHS_SOURCE_URL, publisher: HHS_PUBLISHER, date: r.submitted }],
      origin: 'hhs-ocr',
      report: {
        entity: r.entity,
        entityType: r.entityType,
        ...(r.state ? { state: r.state } : {}),
        breachTypes: r.breachTypes,
        locations: r.locations,
        businessAssociatePresent: r.businessAssociatePresent,
      },
      derivedLinks: named.map((vendorId) => ({ vendorId, rule: NAMED_IN_DESCRIPTION })),
    };
    const checked = Incident.safeParse(incident);
    if (!checked.success) {
      problems.push({ file: files[r.fileIndex]?.name ?? '', line: r.line, reason: `incident rejected: ${checked.error.message}` });
      continue;
    }
    incidents.push(incident);
    if (entityVendor.has(r)) linkedByEntityName++;
    if (named.length > 0) linkedByDescription++;
    if (entityVendor.has(r) || named.length > 0) linkedToCurated++;
  }
  incidents.sort((a, b) => byString(a.dates.reported ?? '', b.dates.reported ?? '') || byString(a.id, b.id));

  const validOrganisations = organisations.filter((v) => {
    const checked = Vendor.safeParse(v);
    if (!checked.success) problems.push({ file: '', line: 0, reason: `organisation ${v.id} rejected: ${checked.error.message}` });
    return checked.success;
  });

  const rows = fileStats.reduce((n, f) => n + f.rows, 0);
  const badRows = fileStats.reduce((n, f) => n + f.bad, 0);
  const badShare = rows === 0 ? 0 : badRows / rows;
  const dates = incidents.map((i) => i.dates.reported ?? '').filter(Boolean);
  const stats: HhsImportStats = {
    files: fileStats,
    rows,
    reports: sourced.length,
    badRows,
    badShare,
    failed: unreadable || badShare > MAX_BAD_SHARE,
    duplicatesMerged: sourced.length - merged.length,
    incidents: incidents.length,
    organisations: validOrganisations.length,
    businessAssociateIncidents: incidents.filter((i) => i.report?.entityType === 'business-associate').length,
    linkedToCurated,
    linkedByEntityName,
    linkedByDescription,
    peopleAffected: incidents.reduce((n, i) => n + (i.affected.kind === 'exact' ? i.affected.count : 0), 0),
    unknownAffected: incidents.filter((i) => i.affected.kind === 'unknown').length,
    ...(dates.length > 0 ? { firstReported: dates[0], lastReported: dates[dates.length - 1] } : {}),
  };
  return { incidents, organisations: validOrganisations, problems, stats };
}
