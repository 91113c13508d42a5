import type { Vendor } from '../dataset/schema';
import { buildAutomaton, deserializeAutomaton, serializeAutomaton, type Automaton } from '../matching/automaton';
import { collapseSpace, foldText } from '../matching/fold';

/** One vendor that a text pattern can stand for, with the rules that keep it from firing on ordinary words. */
export interface PatternEntry {
  vendor: number;
  /** Set when the text must be written exactly like this (white space aside). */
  exactCase?: string;
  /** Set when the name is also an ordinary word and needs healthcare words nearby. */
  needsContext?: boolean;
}

/** A folded pattern: either names of vendors, or a veto phrase ("oracle database") that cancels matches inside it. */
export interface PatternInfo {
  entries: PatternEntry[];
  veto: boolean;
}

export interface HostRule {
  /** Host suffix the rule needs ("healow.com"); empty for any host. */
  host: string;
  /** True when the host must be a strict subdomain (a `*.x.com` portal pattern). */
  subdomainOnly: boolean;
  /** Lower-case path fragment the URL must contain ("/mychart/"), or empty. */
  path: string;
  vendor: number;
}

/** Everything detection needs, built once per dataset: the automaton plus vendor look-ups. */
export interface DetectionIndex {
  datasetVersion: string;
  vendorIds: string[];
  automaton: Automaton;
  patterns: PatternInfo[];
  /** Exact host or parent domain -> vendor index. */
  domains: Map<string, number>;
  portals: HostRule[];
}

function parsePortal(pattern: string, vendor: number): HostRule {
  const slash = pattern.indexOf('/');
  const hostPart = slash < 0 ? pattern : pattern.slice(0, slash);
  const path = slash < 0 ? '' : pattern.slice(slash);
  if (hostPart === '*') return { host: '', subdomainOnly: false, path, vendor };
  if (hostPart.startsWith('*.')) return { host: hostPart.slice(2), subdomainOnly: true, path, vendor };
  return { host: hostPart, subdomainOnly: false, path, vendor };
}

export function buildDetectionIndex(datasetVersion: string, vendors: readonly Vendor[]): DetectionIndex {
  const folded = new Map<string, PatternInfo>();
  const info = (key: string): PatternInfo => {
    let entry = folded.get(key);
    if (!entry) {
      entry = { entries: [], veto: false };
      folded.set(key, entry);
    }
    return entry;
  };
  const domains = new Map<string, number>();
  const portals: HostRule[] = [];

  vendors.forEach((vendor, index) => {
    for (const d of vendor.domains) if (!domains.has(d)) domains.set(d, index);
    for (const p of vendor.portals) portals.push(parsePortal(p, index));
    if (!vendor.match.textDetection) return;
    const exact = new Set(vendor.match.exactCase.map(collapseSpace));
    const context = new Set(vendor.match.needsContext.map(collapseSpace));
    for (const name of new Set([vendor.name, ...vendor.aliases].map(collapseSpace))) {
      const key = foldText(name);
      if (key.length < 2) continue;
      const entry: PatternEntry = { vendor: index };
      if (exact.has(name)) entry.exactCase = name;
      if (context.has(name)) entry.needsContext = true;
      info(key).entries.push(entry);
    }
    for (const phrase of vendor.match.exclude) info(foldText(phrase)).veto = true;
  });

  const keys = [...folded.keys()];
  return {
    datasetVersion,
    vendorIds: vendors.map((v) => v.id),
    automaton: buildAutomaton(keys),
    patterns: keys.map((k) => folded.get(k)!),
    domains,
    portals,
  };
}

/**
 * The JSON-safe form sent to content scripts. Hand-written, like its check below: zod stays out of the
 * content script bundle (its code is a large part of what every page would parse and compile).
 */
export interface SerializedDetectionIndex {
  datasetVersion: string;
  vendorIds: string[];
  automaton: Record<string, string>;
  patterns: PatternInfo[];
  domains: [string, number][];
  portals: HostRule[];
}

/**
 * A shape check of an index received from the background (only the extension's own pages can answer
 * runtime messages): the right layout, with lists and strings where they belong. The automaton's arrays
 * are checked as they are decoded (deserializeAutomaton).
 */
export function looksLikeSerializedIndex(value: unknown): value is SerializedDetectionIndex {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof SerializedDetectionIndex, unknown>>;
  if (typeof v.datasetVersion !== 'string' || !v.automaton || typeof v.automaton !== 'object') return false;
  if (!Array.isArray(v.vendorIds) || !Array.isArray(v.patterns) || !Array.isArray(v.domains) || !Array.isArray(v.portals)) return false;
  for (const field of Object.values(v.automaton)) if (typeof field !== 'string') return false;
  return true;
}

/** A JSON-safe form for extension messaging. */
export function serializeDetectionIndex(index: DetectionIndex): SerializedDetectionIndex {
  return {
    datasetVersion: index.datasetVersion,
    vendorIds: index.vendorIds,
    automaton: serializeAutomaton(index.automaton),
    patterns: index.patterns,
    domains: [...index.domains],
    portals: index.portals,
  };
}

export function deserializeDetectionIndex(s: SerializedDetectionIndex): DetectionIndex {
  return {
    datasetVersion: s.datasetVersion,
    vendorIds: s.vendorIds,
    automaton: deserializeAutomaton(s.automaton as ReturnType<typeof serializeAutomaton>),
    patterns: s.patterns,
    domains: new Map(s.domains),
    portals: s.portals,
  };
}
