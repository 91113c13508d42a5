import { INCIDENT_TYPES, VENDOR_CATEGORIES, type IncidentType, type VendorCategory } from '../dataset/schema';
import { compareSeverity, SEVERITIES, type Severity } from '../risk/severity';
import { searchDirectory, yearOf, type DirectoryEntry, type SearchHit } from './search';

export const SORTS = ['relevance', 'recent', 'affected', 'name'] as const;
export type DirectorySort = (typeof SORTS)[number];

/** What the directory shows: a search, filters and an order. Also the shareable part of the address. */
export interface DirectoryQuery {
  q: string;
  category: VendorCategory | null;
  severity: Severity | null;
  year: number | null;
  type: IncidentType | null;
  sort: DirectorySort;
}

export const EMPTY_QUERY: DirectoryQuery = { q: '', category: null, severity: null, year: null, type: null, sort: 'relevance' };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

/** Reads `q=...&category=...` (untrusted: anything unknown is dropped). */
export function parseQuery(params: string): DirectoryQuery {
  const p = new URLSearchParams(params);
  const year = p.get('year');
  return {
    q: (p.get('q') ?? '').slice(0, 200),
    category: oneOf(VENDOR_CATEGORIES, p.get('category')),
    severity: oneOf(SEVERITIES, p.get('severity')),
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    type: oneOf(INCIDENT_TYPES, p.get('type')),
    sort: oneOf(SORTS, p.get('sort')) ?? 'relevance',
  };
}

/** The inverse of parseQuery; defaults are left out so addresses stay short. */
export function formatQuery(query: DirectoryQuery): string {
  const p = new URLSearchParams();
  if (query.q.trim()) p.set('q', query.q.trim());
  if (query.category) p.set('category', query.category);
  if (query.severity) p.set('severity', query.severity);
  if (query.year !== null) p.set('year', String(query.year));
  if (query.type) p.set('type', query.type);
  if (query.sort !== 'relevance') p.set('sort', query.sort);
  return p.toString();
}

export function hasFilters(query: DirectoryQuery): boolean {
  return Boolean(query.category || query.severity || query.year !== null || query.type);
}

/** Category and severity describe the vendor; year and breach type must hold for one same incident. */
export function matchesFilters(entry: DirectoryEntry, query: Pick<DirectoryQuery, 'category' | 'severity' | 'year' | 'type'>): boolean {
  if (query.category && entry.vendor.category !== query.category) return false;
  if (query.severity && entry.summary.severity !== query.severity) return false;
  if (query.year === null && !query.type) return true;
  if (query.year !== null && !entry.years.has(query.year)) return false;
  if (query.type && !entry.types.has(query.type)) return false;
  return entry.incidents.some((i) => (query.year === null || yearOf(i) === query.year) && (!query.type || i.type === query.type));
}

const byName = (a: SearchHit, b: SearchHit) => a.entry.vendor.name.localeCompare(b.entry.vendor.name);
const byRecent = (a: SearchHit, b: SearchHit) =>
  (b.entry.summary.lastDate ?? '').localeCompare(a.entry.summary.lastDate ?? '');
const byAffected = (a: SearchHit, b: SearchHit) =>
  (b.entry.summary.largestAffected ?? -1) - (a.entry.summary.largestAffected ?? -1);
const bySeverity = (a: SearchHit, b: SearchHit) => compareSeverity(a.entry.summary.severity, b.entry.summary.severity);

/**
 * The order actually used: "best match" needs a query; without one the list starts with the most recent
 * incidents, which is what people open a breach directory for.
 */
export function effectiveSort(query: DirectoryQuery): Exclude<DirectorySort, 'relevance'> | 'relevance' {
  return query.sort === 'relevance' && !query.q.trim() ? 'recent' : query.sort;
}

export function sortHits(hits: SearchHit[], sort: DirectorySort): SearchHit[] {
  const compare: Record<DirectorySort, (a: SearchHit, b: SearchHit) => number> = {
    relevance: (a, b) => b.score - a.score || bySeverity(a, b) || b.entry.summary.count - a.entry.summary.count || byName(a, b),
    recent: (a, b) => byRecent(a, b) || bySeverity(a, b) || byName(a, b),
    affected: (a, b) => byAffected(a, b) || byRecent(a, b) || byName(a, b),
    name: byName,
  };
  return hits.sort(compare[sort]);
}

/** Search, filter, sort: the directory's list for a query. */
export function runQuery(entries: readonly DirectoryEntry[], query: DirectoryQuery): SearchHit[] {
  const hits = searchDirectory(entries, query.q).filter((h) => matchesFilters(h.entry, query));
  return sortHits(hits, effectiveSort(query));
}
