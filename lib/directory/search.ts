import { incidentsOf, type Dataset } from '../dataset/dataset';
import { nameKey } from '../dataset/integrity';
import type { Incident, IncidentType, Vendor } from '../dataset/schema';
import { sortIncidents, summariseHistory, type HistorySummary } from '../risk/history';
import { incidentDate } from '../risk/severity';
import { editDistanceWithin, hostOf, prefixDistance } from './text';

/** One vendor or organisation as the directory lists it, with everything search and filters need. */
export interface DirectoryEntry {
  vendor: Vendor;
  /** Newest first. */
  incidents: Incident[];
  summary: HistorySummary;
  /** Years of its incidents (by the date an incident is known by). */
  years: ReadonlySet<number>;
  types: ReadonlySet<IncidentType>;
  /** nameKey of the name, then of each alias. */
  keys: string[];
  /** The same keys without spaces: "changehealth" finds "Change Healthcare". */
  compact: string[];
}

export interface Directory {
  entries: DirectoryEntry[];
  byId: ReadonlyMap<string, DirectoryEntry>;
  /** Every incident year in the dataset, newest first (the year filter's choices). */
  years: number[];
  datasetVersion: string;
  generatedAt: string;
  incidentCount: number;
}

export type MatchField = 'name' | 'alias' | 'domain';

export interface SearchHit {
  entry: DirectoryEntry;
  /** Higher is better; 0 when there is no query. */
  score: number;
  /** What matched: the name, one alias or one domain (for "matched alias Emdeon" hints). */
  field: MatchField | null;
  matched: string | null;
}

export const yearOf = (incident: Incident): number => Number(incidentDate(incident).slice(0, 4));

/** Builds the directory once per dataset: summaries, years and search keys of every vendor. */
export function buildDirectory(dataset: Dataset, now: Date): Directory {
  const allYears = new Set<number>();
  const entries = dataset.bundle.vendors.map((vendor): DirectoryEntry => {
    const incidents = sortIncidents(incidentsOf(dataset, vendor.id));
    const years = new Set(incidents.map(yearOf));
    for (const y of years) allYears.add(y);
    const keys = [vendor.name, ...vendor.aliases].map(nameKey);
    return {
      vendor,
      incidents,
      summary: summariseHistory(incidents, now),
      years,
      types: new Set(incidents.map((i) => i.type)),
      keys,
      compact: keys.map((k) => k.replace(/ /g, '')),
    };
  });
  return {
    entries,
    byId: new Map(entries.map((e) => [e.vendor.id, e])),
    years: [...allYears].sort((a, b) => b - a),
    datasetVersion: dataset.bundle.version,
    generatedAt: dataset.bundle.generatedAt,
    incidentCount: dataset.bundle.incidents.length,
  };
}

/** Scores one name key against the query key; 0 when it does not match. */
function scoreKey(q: string, qCompact: string, qWords: string[], key: string, compact: string): number {
  if (key === q) return 100;
  if (key.startsWith(q)) return 90;
  if (q.length >= 2 && key.includes(` ${q}`)) return 80;
  if (qCompact.length >= 4 && compact.startsWith(qCompact)) return 78;
  if (qWords.length > 1) {
    const words = key.split(' ');
    if (qWords.every((w) => words.some((k) => k.startsWith(w)))) return 72;
  }
  if (q.length >= 3 && key.includes(q)) return 60;
  // Small slips: one typed character wrong in 4+ letters, two in 8+ (as `lookup`), against the whole name,
  // its beginning, or the beginning of one of its words.
  const whole = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  if (whole && editDistanceWithin(q, key, whole)) return 55;
  const partial = q.length >= 9 ? 2 : q.length >= 5 ? 1 : 0;
  if (partial) {
    const d = prefixDistance(q, key, partial);
    if (d !== null) return 50 - 5 * d;
    for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
      const w = prefixDistance(q, key.slice(i + 1), partial);
      if (w !== null) return 40 - 5 * w;
    }
  }
  return 0;
}

function scoreDomain(raw: string, host: string | null, domain: string): number {
  if (host && (host === domain || host.endsWith(`.${domain}`))) return 95;
  if (raw.length >= 3 && domain.startsWith(raw)) return 85;
  if (raw.length >= 4 && domain.includes(raw)) return 55;
  return 0;
}

/** A query read once for a whole search. */
export interface CompiledQuery {
  q: string;
  raw: string;
  host: string | null;
  qCompact: string;
  qWords: string[];
}

export function compileQuery(query: string): CompiledQuery {
  const q = nameKey(query);
  return {
    q,
    raw: query.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, ''),
    host: hostOf(query),
    qCompact: q.replace(/ /g, ''),
    qWords: q.split(' '),
  };
}

/** The best match of one entry, or null. */
export function matchEntry(entry: DirectoryEntry, { q, raw, host, qCompact, qWords }: CompiledQuery): SearchHit | null {
  if (!q) return { entry, score: 0, field: null, matched: null };
  let best: SearchHit | null = null;
  entry.keys.forEach((key, i) => {
    // An alias ranks a hair below the name, so "Cerner" lists Oracle Health first, and matched on "Cerner".
    const score = scoreKey(q, qCompact, qWords, key, entry.compact[i]!) - (i === 0 ? 0 : 1);
    if (score > 0 && (!best || score > best.score)) {
      best = { entry, score, field: i === 0 ? 'name' : 'alias', matched: i === 0 ? entry.vendor.name : entry.vendor.aliases[i - 1]! };
    }
  });
  if (!/\s/.test(raw)) {
    for (const domain of entry.vendor.domains) {
      const score = scoreDomain(raw, host, domain);
      if (score > 0 && (!best || score > (best as SearchHit).score)) best = { entry, score, field: 'domain', matched: domain };
    }
  }
  return best;
}

/**
 * Every entry matching `query` (by name, alias or domain, with small typing slips forgiven), best first;
 * ties go to the vendor with more incidents, then by name. An empty query matches everything, score 0.
 */
export function searchDirectory(entries: readonly DirectoryEntry[], query: string): SearchHit[] {
  const compiled = compileQuery(query);
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const hit = matchEntry(entry, compiled);
    if (hit) hits.push(hit);
  }
  return hits.sort(
    (a, b) => b.score - a.score || b.entry.summary.count - a.entry.summary.count || a.entry.vendor.name.localeCompare(b.entry.vendor.name),
  );
}
