import { foldText } from '../matching/fold';
import type { DatasetBundle } from './schema';

/** A problem that zod alone cannot see: it spans records. */
export interface IntegrityProblem {
  where: string;
  message: string;
}

/** The key two names collide on: case, punctuation and spacing aside ("PJ&A" ~ "pj a"). */
export function nameKey(name: string): string {
  return foldText(name.replace(/[^\p{L}\p{N}]+/gu, ' '));
}

/**
 * Checks what a valid bundle needs beyond each record's shape: unique ids, no incident pointing at a
 * missing vendor, no name or alias claimed by two vendors, and match rules that name real aliases.
 */
export function checkIntegrity(bundle: Pick<DatasetBundle, 'vendors' | 'incidents'>): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const vendorIds = new Set<string>();
  const names = new Map<string, string>();
  for (const vendor of bundle.vendors) {
    const where = `vendor "${vendor.id}"`;
    if (vendorIds.has(vendor.id)) problems.push({ where, message: 'duplicate vendor id' });
    vendorIds.add(vendor.id);
    const own = new Set([vendor.name, ...vendor.aliases]);
    for (const name of own) {
      const key = nameKey(name);
      const owner = names.get(key);
      if (owner && owner !== vendor.id) {
        problems.push({ where, message: `name or alias "${name}" collides with vendor "${owner}"` });
      }
      names.set(key, vendor.id);
    }
    for (const rule of ['exactCase', 'needsContext'] as const) {
      for (const name of vendor.match[rule]) {
        if (!own.has(name)) problems.push({ where, message: `match.${rule} names "${name}", which is not its name or an alias` });
      }
    }
    if (vendor.domains.length === 0 && !vendor.noDomainReason && vendor.origin === 'curated') {
      problems.push({ where, message: 'has no domain and no noDomainReason' });
    }
  }
  for (const vendor of bundle.vendors) {
    if (vendor.parentId && !vendorIds.has(vendor.parentId)) {
      problems.push({ where: `vendor "${vendor.id}"`, message: `parentId "${vendor.parentId}" is not a vendor` });
    }
  }
  const incidentIds = new Set<string>();
  for (const incident of bundle.incidents) {
    const where = `incident "${incident.id}"`;
    if (incidentIds.has(incident.id)) problems.push({ where, message: 'duplicate incident id' });
    incidentIds.add(incident.id);
    for (const id of incident.vendorIds) {
      if (!vendorIds.has(id)) problems.push({ where, message: `vendorId "${id}" is not a vendor` });
    }
  }
  return problems;
}
