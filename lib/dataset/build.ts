import { z } from 'zod';
import { checkIntegrity } from './integrity';
import { DatasetBundle, Incident, SCHEMA_VERSION, Vendor } from './schema';

/** The curated sources as read from data/: records are still untrusted JSON here. */
export interface BundleSources {
  release: unknown;
  vendors: { file: string; records: unknown };
  incidents: { file: string; records: unknown };
  imported?: { file: string; vendors: unknown; incidents: unknown };
}

export const Release = z
  .object({
    version: DatasetBundle.shape.version,
    generatedAt: DatasetBundle.shape.generatedAt,
  })
  .strict();

/**
 * A curated incident often describes a report that the HHS import also holds (Change Healthcare's 2024
 * report, for one). The curated record wins, keeping the report's facts; the imported copy is dropped, so a
 * vendor's history never counts one breach twice. Same vendor (as the filer, not a derived link) and same
 * submission date make the same report.
 */
export function mergeCoveredReports(curated: Incident[], imported: Incident[]): Incident[] {
  const curatedByKey = new Map<string, Incident>();
  for (const incident of curated) {
    if (!incident.dates.reported) continue;
    for (const vendorId of incident.vendorIds) curatedByKey.set(`${vendorId}|${incident.dates.reported}`, incident);
  }
  return imported.filter((incident) => {
    const derived = new Set(incident.derivedLinks.map((l) => l.vendorId));
    const filers = incident.vendorIds.filter((id) => !derived.has(id));
    const covering = filers.map((id) => curatedByKey.get(`${id}|${incident.dates.reported}`)).find(Boolean);
    if (!covering) return true;
    covering.report ??= incident.report;
    return false;
  });
}

export type BuildResult = { ok: true; bundle: DatasetBundle } | { ok: false; errors: string[] };

function recordLabel(record: unknown, position: number): string {
  const id = record && typeof record === 'object' && 'id' in record ? String((record as { id: unknown }).id) : null;
  return id ? `[${position}] (id "${id}")` : `[${position}]`;
}

function parseRecords<T>(schema: z.ZodType<T>, file: string, records: unknown, errors: string[]): T[] {
  if (!Array.isArray(records)) {
    errors.push(`${file}: must be a JSON array`);
    return [];
  }
  const parsed: T[] = [];
  records.forEach((record, position) => {
    const result = schema.safeParse(record);
    if (result.success) parsed.push(result.data);
    else {
      for (const issue of result.error.issues) {
        errors.push(`${file}${recordLabel(record, position)}.${issue.path.join('.') || '(record)'}: ${issue.message}`);
      }
    }
  });
  return parsed;
}

/** Validates every source record and the bundle as a whole; errors name the file, record and field. */
export function buildBundle(sources: BundleSources): BuildResult {
  const errors: string[] = [];
  const release = Release.safeParse(sources.release);
  if (!release.success) errors.push(`release: ${release.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const vendors = parseRecords(Vendor, sources.vendors.file, sources.vendors.records, errors);
  const incidents = parseRecords(Incident, sources.incidents.file, sources.incidents.records, errors);
  if (sources.imported) {
    vendors.push(...parseRecords(Vendor, sources.imported.file, sources.imported.vendors, errors));
    const imported = parseRecords(Incident, sources.imported.file, sources.imported.incidents, errors);
    incidents.push(...mergeCoveredReports(incidents, imported));
  }
  for (const problem of checkIntegrity({ vendors, incidents })) errors.push(`${problem.where}: ${problem.message}`);
  if (errors.length || !release.success) return { ok: false, errors };
  return {
    ok: true,
    bundle: {
      schemaVersion: SCHEMA_VERSION,
      version: release.data.version,
      generatedAt: release.data.generatedAt,
      vendors,
      incidents,
    },
  };
}
