import { nameKey } from '../dataset/integrity';
import type { Vendor, VendorCategory } from '../dataset/schema';
import { normaliseOrgName, slugify, TRADE_NAME_SPLIT } from './normalise';
import type { HhsReport } from './rows';
import { isDistinctiveName } from './textRule';

export const NO_DOMAIN_REASON = 'imported from HHS OCR reports; no domain on file';

const CATEGORY: Record<HhsReport['entityType'], VendorCategory> = {
  provider: 'provider',
  'health-plan': 'health-plan',
  clearinghouse: 'clearinghouse',
  'business-associate': 'other',
  unknown: 'other',
};

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Values by how often they occur, then alphabetically. */
function byFrequency<T extends string>(values: T[]): T[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || byString(a[0], b[0])).map(([k]) => k);
}

/**
 * Raw parts of a filed name split at d/b/a ("A&A Services d/b/a Sav-Rx" → "A&A Services", "Sav-Rx"). A part
 * starts at its first letter or digit: the marker's own last dot or slash ("d.b.a. Elara Caring",
 * "d/b/a/ Olympia House") stays with the marker.
 */
export function tradeNameParts(raw: string): string[] {
  return raw
    .split(TRADE_NAME_SPLIT)
    .map((p) => p.replace(/^[\s,;:()\-./]+|[\s,;:(\-]+$/g, '').trim())
    .filter((p) => p.length >= 2);
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string;
    if (!this.parent.has(x)) this.parent.set(x, x);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/**
 * One organisation Vendor per reporting entity the curated catalog does not know.
 *
 * GROUPING: reports belong to one organisation when their names normalise alike, share the legal name
 * (the part before a d/b/a: "Harris County Hospital District" and "Harris County Hospital District d/b/a
 * Harris Health System"), or share a distinctive trade name ("California Physicians' Service d/b/a Blue
 * Shield of California" and "Blue Shield of California"). Generic trade names ("Family Dental") do not join.
 *
 * RECORD: name = the most frequent spelling as filed; aliases = the other spellings and the d/b/a parts;
 * category from the most frequent entity type; id = slug of the legal name, unique against `takenIds`
 * and each other (-2, -3, ...). No name or alias is claimed twice (the bundle's integrity rule, by
 * `nameKey`): an alias already claimed by the curated catalog or another organisation is left out.
 * With text detection on, only distinctive aliases are kept (they are searched in page text too).
 *
 * Returns the vendors (sorted by id) and the vendor id for each normalised entity name.
 */
export function buildOrganisations(
  reports: readonly HhsReport[],
  curated: readonly Vendor[],
  curatedNames: Set<string>,
): { organisations: Vendor[]; idByKey: Map<string, string> } {
  const uf = new UnionFind();
  for (const r of reports) {
    const key = normaliseOrgName(r.entity);
    const [legal, ...trade] = key.split(' dba ');
    uf.union(key, legal ?? key);
    for (const t of trade) if (isDistinctiveName(t)) uf.union(key, t);
  }
  const groups = new Map<string, HhsReport[]>();
  for (const r of reports) {
    const root = uf.find(normaliseOrgName(r.entity));
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  }

  // Who goes by each normalised name (for the text rule's collision check): group roots.
  const owners = new Map<string, Set<string>>();
  for (const [root, rs] of groups) {
    for (const r of rs) {
      const key = normaliseOrgName(r.entity);
      for (const v of [key, ...key.split(' dba ')]) {
        const set = owners.get(v) ?? new Set<string>();
        set.add(root);
        owners.set(v, set);
      }
    }
  }

  // Names already claimed, by the bundle's own key: curated names and aliases, then organisation names.
  const claimed = new Map<string, string>();
  for (const v of curated) for (const n of [v.name, ...v.aliases]) claimed.set(nameKey(n), v.id);

  const ids = new Set(curated.map((v) => v.id));
  const idByKey = new Map<string, string>();
  const drafts: { root: string; id: string; spellings: string[]; entityType: HhsReport['entityType'] }[] = [];
  for (const root of [...groups.keys()].sort()) {
    const rs = groups.get(root) as HhsReport[];
    let spellings = byFrequency(rs.map((r) => r.entity));
    // A display name nobody else claims, when there is one.
    const free = spellings.find((s) => !claimed.has(nameKey(s)));
    if (free) spellings = [free, ...spellings.filter((s) => s !== free)];
    const name = spellings[0] as string;
    claimed.set(nameKey(name), root);
    const legal = normaliseOrgName(name).split(' dba ')[0] ?? '';
    const base = slugify(legal);
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    for (const r of rs) idByKey.set(normaliseOrgName(r.entity), id);
    drafts.push({ root, id, spellings, entityType: byFrequency(rs.map((r) => r.entityType))[0] as HhsReport['entityType'] });
  }

  const organisations: Vendor[] = drafts.map(({ root, id, spellings, entityType }) => {
    const name = spellings[0] as string;
    const collides = (normal: string): boolean =>
      curatedNames.has(normal) || [...(owners.get(normal) ?? [])].some((owner) => owner !== root);
    const textDetection = isDistinctiveName(name, collides);
    const aliases: string[] = [];
    // A text-detected organisation's ordinary-sounding alias ("Meadowlark Hills") is kept for lookup and
    // guarded like a curated ambiguous name: written as filed, with healthcare words nearby.
    const guarded: string[] = [];
    const own = new Set([nameKey(name)]);
    for (const a of [...spellings.slice(1), ...spellings.flatMap(tradeNameParts)]) {
      const key = nameKey(a);
      if (own.has(key) || (claimed.has(key) && claimed.get(key) !== root)) continue;
      if (textDetection && !isDistinctiveName(a, collides)) {
        if (a === a.toUpperCase()) continue; // an all-capitals filing has no case to require
        guarded.push(a);
      }
      own.add(key);
      claimed.set(key, root);
      aliases.push(a);
    }
    aliases.sort(byString);
    return {
      id,
      name,
      aliases,
      domains: [],
      portals: [],
      noDomainReason: NO_DOMAIN_REASON,
      category: CATEGORY[entityType],
      origin: 'hhs-ocr',
      match: { exactCase: guarded.sort(byString), needsContext: [...guarded], exclude: [], textDetection },
    };
  });
  organisations.sort((a, b) => byString(a.id, b.id));
  return { organisations, idByKey };
}
