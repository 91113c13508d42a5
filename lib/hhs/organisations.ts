import type { Vendor, VendorCategory } from '../dataset/schema';
import { nameVariants, normaliseOrgName, slugify, TRADE_NAME_SPLIT } from './normalise';
import type { HhsReport } from './rows';
import { isDistinctiveName } from './textRule';

export const NO_DOMAIN_REASON = 'imported from HHS OCR reports; no domain on file';

const CATEGORY: Record<HhsReport['entityType'], VendorCategory> = {
  provider: 'provider',
  'health-plan': 'health-plan',
  clearinghouse: 'clearinghouse',
  'business-associate': 'other',
};

function byCountThenName(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k]) => k);
}

function tally<T extends string>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Raw trade names in a filed name ("A&A Services d/b/a Sav-Rx" → "A&A Services", "Sav-Rx"). */
function tradeNames(raw: string): string[] {
  const parts = raw.split(TRADE_NAME_SPLIT).map((p) => p.replace(/^[\s,;:()\-]+|[\s,;:(\-]+$/g, '').trim());
  return parts.length > 1 ? parts.filter((p) => p.length >= 2) : [];
}

/**
 * One organisation Vendor per reporting entity the curated catalog does not know, grouped by normalised
 * name. Name: the most frequent spelling as filed; category: from the most frequent entity type;
 * id: slug of the legal name, made unique against `takenIds` and each other (-2, -3, ...).
 * Returns the vendors (sorted by id) and the vendor id of each normalised name.
 */
export function buildOrganisations(
  reports: readonly HhsReport[],
  takenIds: Set<string>,
  curatedNames: Set<string>,
): { organisations: Vendor[]; idByKey: Map<string, string> } {
  const groups = new Map<string, HhsReport[]>();
  for (const r of reports) {
    const key = normaliseOrgName(r.entity);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }

  // Which organisations go by each normalised name, for the collision part of the text rule.
  const owners = new Map<string, Set<string>>();
  for (const [key, rs] of groups) {
    for (const r of rs) {
      for (const v of nameVariants(r.entity)) {
        const set = owners.get(v) ?? new Set<string>();
        set.add(key);
        owners.set(v, set);
      }
    }
  }

  const ids = new Set(takenIds);
  const idByKey = new Map<string, string>();
  const organisations: Vendor[] = [];
  for (const key of [...groups.keys()].sort()) {
    const rs = groups.get(key) as HhsReport[];
    const spellings = byCountThenName(tally(rs.map((r) => r.entity)));
    const name = spellings[0] as string;
    const entityType = byCountThenName(tally(rs.map((r) => r.entityType)))[0] as HhsReport['entityType'];

    const base = slugify(key.split(' dba ')[0] ?? key);
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    idByKey.set(key, id);

    const collides = (normal: string): boolean =>
      curatedNames.has(normal) || [...(owners.get(normal) ?? [])].some((owner) => owner !== key);
    const textDetection = isDistinctiveName(name, collides);

    const aliasCandidates = [...spellings.slice(1), ...spellings.flatMap(tradeNames)];
    const seen = new Set([name.toLowerCase()]);
    const aliases: string[] = [];
    for (const a of aliasCandidates) {
      if (seen.has(a.toLowerCase())) continue;
      seen.add(a.toLowerCase());
      // With text detection on, an alias is searched in page text too: keep only distinctive ones.
      if (!textDetection || isDistinctiveName(a, collides)) aliases.push(a);
    }
    aliases.sort();

    organisations.push({
      id,
      name,
      aliases,
      domains: [],
      portals: [],
      noDomainReason: NO_DOMAIN_REASON,
      category: CATEGORY[entityType],
      origin: 'hhs-ocr',
      match: { exactCase: [], needsContext: [], exclude: [], textDetection },
    });
  }
  organisations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { organisations, idByKey };
}
