import type { Affected, Incident, IncidentDates, IncidentStatus, IncidentType, Source, Vendor, VendorCategory } from '../dataset/schema';
import type { DirectoryEntry } from '../directory/search';
import { describeHistory } from '../risk/describe';
import { incidentDate, type Severity } from '../risk/severity';
import { toCsv, type Cell } from './csv';

/**
 * Exports for procurement files: a vendor's profile, a search result or the vendors seen on a tab. They
 * hold dataset facts only (vendor records, incidents, their sources, the severity rule's verdict), never
 * anything read from a page: callers hand in directory entries, which come from the dataset alone.
 */

export const EXPORT_FORMAT = 'vendor-breach-radar-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportedIncident {
  id: string;
  title: string;
  /** The date the incident is known by (occurred, else discovered, disclosed, reported). */
  date: string;
  dates: IncidentDates;
  type: IncidentType;
  affected: Affected;
  dataTypes: string[];
  status: IncidentStatus;
  verified: boolean;
  sources: Source[];
}

export interface ExportedVendor {
  id: string;
  name: string;
  category: VendorCategory;
  aliases: string[];
  domains: string[];
  parentId?: string;
  headquarters?: string;
  severity: Severity;
  summary: string;
  incidents: ExportedIncident[];
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  /** What was exported, in words ("Vendor profile: Change Healthcare"). */
  title: string;
  exportedAt: string;
  dataset: { version: string; generatedAt: string };
  /** The date severities were judged on (they depend on how recent incidents are). */
  severityAsOf: string;
  vendors: ExportedVendor[];
}

function exportIncident(incident: Incident): ExportedIncident {
  return {
    id: incident.id,
    title: incident.title,
    date: incidentDate(incident),
    dates: { ...incident.dates },
    type: incident.type,
    affected: { ...incident.affected },
    dataTypes: [...incident.dataTypes],
    status: incident.status,
    verified: incident.verified,
    sources: incident.sources.map((s) => ({ ...s })),
  };
}

export function exportVendor(entry: Pick<DirectoryEntry, 'vendor' | 'incidents' | 'summary'>): ExportedVendor {
  const v: Vendor = entry.vendor;
  return {
    id: v.id,
    name: v.name,
    category: v.category,
    aliases: [...v.aliases],
    domains: [...v.domains],
    ...(v.parentId ? { parentId: v.parentId } : {}),
    ...(v.headquarters ? { headquarters: v.headquarters } : {}),
    severity: entry.summary.severity,
    summary: describeHistory(entry.summary),
    incidents: entry.incidents.map(exportIncident),
  };
}

export function buildExport(
  title: string,
  entries: readonly Pick<DirectoryEntry, 'vendor' | 'incidents' | 'summary'>[],
  dataset: { version: string; generatedAt: string },
  now: Date,
): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    title,
    exportedAt: now.toISOString(),
    dataset: { version: dataset.version, generatedAt: dataset.generatedAt },
    severityAsOf: now.toISOString().slice(0, 10),
    vendors: entries.map(exportVendor),
  };
}

export function toJson(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const CSV_COLUMNS = [
  'vendor_id',
  'vendor_name',
  'category',
  'domains',
  'severity',
  'vendor_summary',
  'incident_id',
  'incident_date',
  'incident_title',
  'incident_type',
  'people_affected',
  'people_affected_kind',
  'data_types',
  'status',
  'verified',
  'date_occurred',
  'date_discovered',
  'date_disclosed',
  'date_reported',
  'source_titles',
  'source_urls',
  'dataset_version',
] as const;

/** One row per incident (a vendor without incidents gets one row with the incident columns empty). */
export function toCsvExport(doc: ExportDocument): string {
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const v of doc.vendors) {
    const vendorCells: Cell[] = [v.id, v.name, v.category, v.domains.join(' '), v.severity, v.summary];
    if (v.incidents.length === 0) {
      rows.push([...vendorCells, ...Array<Cell>(CSV_COLUMNS.length - vendorCells.length - 1).fill(''), doc.dataset.version]);
      continue;
    }
    for (const i of v.incidents) {
      rows.push([
        ...vendorCells,
        i.id,
        i.date,
        i.title,
        i.type,
        i.affected.kind === 'unknown' ? '' : i.affected.count,
        i.affected.kind,
        i.dataTypes.join('; '),
        i.status,
        i.verified,
        i.dates.occurred,
        i.dates.discovered,
        i.dates.disclosed,
        i.dates.reported,
        i.sources.map((s) => s.title).join(' | '),
        i.sources.map((s) => s.url ?? '').join(' '),
        doc.dataset.version,
      ]);
    }
  }
  return toCsv(rows);
}

/** A file name for an export: "vendor-breach-radar-change-healthcare-2026-11-28.csv". */
export function exportFileName(slug: string, now: Date, extension: 'csv' | 'json'): string {
  const safe = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export';
  return `vendor-breach-radar-${safe}-${now.toISOString().slice(0, 10)}.${extension}`;
}
