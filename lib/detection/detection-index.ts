import type { Vendor } from '../dataset/schema';
import {
  buildAutomaton,
  decodeArray,
  decodeView,
  deserializeAutomaton,
  isPackedArray,
  narrow,
  packedAsText,
  serializeAutomaton,
  unpackAutomaton,
  type Automaton,
  type PackedArray,
  type SerializedAutomaton,
} from '../matching/automaton';
import { collapseSpace, foldText } from '../matching/fold';
import { CREDIT_PHRASES } from './credits';

// Flags of a pattern entry (one vendor a text pattern can stand for): the rules that keep it from firing on ordinary words.
/** The name is also an ordinary word and needs healthcare words nearby. */
export const ENTRY_NEEDS_CONTEXT = 1;
/** The text must be written exactly like this (white space aside): see PatternTable.exactCase. */
export const ENTRY_EXACT_CASE = 2;

/**
 * The folded patterns (pattern i is the automaton's output i) in flat arrays: each is names of vendors (its
 * entries), a veto phrase ("oracle database") that cancels matches inside it, a credit ("powered by"), or
 * several of these.
 */
export interface PatternTable {
  /** The entries of pattern p are entryStart[p] .. entryStart[p + 1] - 1. */
  entryStart: Uint32Array;
  entryVendor: Uint32Array;
  /** ENTRY_NEEDS_CONTEXT | ENTRY_EXACT_CASE bits per entry. */
  entryFlags: Uint32Array;
  /** Exact text per entry, for the few flagged ENTRY_EXACT_CASE. */
  exactCase: Map<number, string>;
  /** 1 for a veto pattern. */
  veto: Uint8Array;
  /** 1 for a credit phrase (see CREDIT_PHRASES). */
  credit: Uint8Array;
}

/**
 * Vendor ids by vendor index, as one '\n'-joined string: a page reads a few ids only when it reports
 * detections, so it slices those out (the background sends where each starts) rather than receiving and
 * holding thousands of strings.
 */
export class VendorIds {
  /** Id v is joined.slice(offsets[v], offsets[v + 1] - 1); the last offset is joined.length + 1. */
  private offsets: Uint32Array | undefined;
  constructor(readonly joined: string, offsets?: Uint32Array) {
    if (offsets && (offsets[0] !== 0 || offsets[offsets.length - 1] !== joined.length + 1)) throw new Error('malformed vendor ids');
    this.offsets = offsets;
  }
  static of(ids: readonly string[]): VendorIds {
    return new VendorIds(ids.join('\n'));
  }
  /** Where each id starts, found once: splitting the list cost a page about 0.6 ms. */
  starts(): Uint32Array {
    if (!this.offsets) {
      const ids = this.joined.split('\n');
      const offsets = new Uint32Array(ids.length + 1);
      for (let v = 0; v < ids.length; v++) offsets[v + 1] = offsets[v]! + ids[v]!.length + 1;
      this.offsets = offsets;
    }
    return this.offsets;
  }
  at(vendor: number): string | undefined {
    const offsets = this.starts();
    if (!(vendor >= 0 && vendor + 1 < offsets.length)) return undefined;
    return this.joined.slice(offsets[vendor], offsets[vendor + 1]! - 1) || undefined;
  }
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
  vendorIds: VendorIds;
  automaton: Automaton;
  patterns: PatternTable;
  /** Exact host or parent domain -> vendor index. */
  domains: Map<string, number>;
  portals: HostRule[];
}

/** A pattern while the index is built. */
interface FoldedPattern {
  entries: { vendor: number; exactCase: string | undefined; needsContext: boolean }[];
  veto: boolean;
  credit: boolean;
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
  const folded = new Map<string, FoldedPattern>();
  const info = (key: string): FoldedPattern => {
    let entry = folded.get(key);
    if (!entry) {
      entry = { entries: [], veto: false, credit: false };
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
      info(key).entries.push({ vendor: index, exactCase: exact.has(name) ? name : undefined, needsContext: context.has(name) });
    }
    for (const phrase of vendor.match.exclude) info(foldText(phrase)).veto = true;
  });
  for (const phrase of CREDIT_PHRASES) info(foldText(phrase)).credit = true;

  const keys = [...folded.keys()];
  return {
    datasetVersion,
    vendorIds: VendorIds.of(vendors.map((v) => v.id)),
    automaton: buildAutomaton(keys),
    patterns: patternTable(keys.map((k) => folded.get(k)!)),
    domains,
    portals,
  };
}

function patternTable(patterns: readonly FoldedPattern[]): PatternTable {
  const count = patterns.reduce((n, p) => n + p.entries.length, 0);
  const table: PatternTable = {
    entryStart: new Uint32Array(patterns.length + 1),
    entryVendor: new Uint32Array(count),
    entryFlags: new Uint32Array(count),
    exactCase: new Map(),
    veto: new Uint8Array(patterns.length),
    credit: new Uint8Array(patterns.length),
  };
  let e = 0;
  patterns.forEach((p, i) => {
    table.entryStart[i] = e;
    if (p.veto) table.veto[i] = 1;
    if (p.credit) table.credit[i] = 1;
    for (const entry of p.entries) {
      table.entryVendor[e] = entry.vendor;
      let flags = entry.needsContext ? ENTRY_NEEDS_CONTEXT : 0;
      if (entry.exactCase !== undefined) {
        flags |= ENTRY_EXACT_CASE;
        table.exactCase.set(e, entry.exactCase);
      }
      table.entryFlags[e++] = flags;
    }
  });
  table.entryStart[patterns.length] = e;
  return table;
}

/** The pattern table as sent: arrays packed (see PackedArray), exact-case texts by entry. */
export interface SerializedPatterns {
  entryStart: PackedArray;
  entryVendor: PackedArray;
  entryFlags: PackedArray;
  /** The veto patterns, in order. */
  veto: PackedArray;
  /** The credit patterns, in order. */
  credit: PackedArray;
  /** The entries with an exact-case text, in order, and those texts. */
  exactEntry: PackedArray;
  exactCase: string[];
}

/**
 * The JSON-safe form sent to content scripts. Hand-written, like its check below: zod stays out of the
 * content script bundle (its code is a large part of what every page would parse and compile).
 */
export interface SerializedDetectionIndex {
  datasetVersion: string;
  /** '\n'-joined, empty for vendors nothing in the index can report (see serializeDetectionIndex). */
  vendorIds: string;
  /** Where each vendor id starts (VendorIds.starts). */
  vendorIdStarts: PackedArray;
  automaton: SerializedAutomaton;
  patterns: SerializedPatterns;
  domains: [string, number][];
  portals: HostRule[];
}

const PATTERN_ARRAYS = ['entryStart', 'entryVendor', 'entryFlags', 'veto', 'credit', 'exactEntry'] as const;

/**
 * A shape check of an index received from the background (only the extension's own pages can answer
 * runtime messages): the right layout, with lists and strings where they belong. The arrays are checked
 * as they are decoded (deserializeDetectionIndex, deserializeAutomaton).
 */
export function looksLikeSerializedIndex(value: unknown): value is SerializedDetectionIndex {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof SerializedDetectionIndex, unknown>>;
  if (typeof v.datasetVersion !== 'string' || !v.automaton || typeof v.automaton !== 'object') return false;
  if (typeof v.vendorIds !== 'string' || !Array.isArray(v.domains) || !Array.isArray(v.portals)) return false;
  if (!isPackedArray(v.vendorIdStarts)) return false;
  for (const field of Object.values(v.automaton)) if (!isPackedArray(field)) return false;
  const p = v.patterns as Partial<Record<keyof SerializedPatterns, unknown>> | null | undefined;
  if (!p || typeof p !== 'object' || !Array.isArray(p.exactCase)) return false;
  for (const f of PATTERN_ARRAYS) if (!isPackedArray(p[f])) return false;
  for (const text of p.exactCase) if (typeof text !== 'string') return false;
  return true;
}

/**
 * The form sent to pages (by structured clone: typed arrays as they are). Only vendors a pattern, domain or
 * portal can report keep their ids (the others are empty): pages never need the rest.
 */
export function serializeDetectionIndex(index: DetectionIndex): SerializedDetectionIndex {
  const { patterns } = index;
  const reported = new Set<number>(patterns.entryVendor);
  for (const vendor of index.domains.values()) reported.add(vendor);
  for (const rule of index.portals) reported.add(rule.vendor);
  const ids = VendorIds.of(index.vendorIds.joined.split('\n').map((id, vendor) => (reported.has(vendor) ? id : '')));
  const flagged = (flags: Uint8Array) => Uint32Array.from(flags.keys()).filter((p) => flags[p] !== 0);
  return {
    datasetVersion: index.datasetVersion,
    vendorIds: ids.joined,
    vendorIdStarts: narrow(ids.starts()),
    automaton: serializeAutomaton(index.automaton),
    patterns: {
      entryStart: narrow(patterns.entryStart),
      entryVendor: narrow(patterns.entryVendor),
      entryFlags: narrow(patterns.entryFlags),
      veto: narrow(flagged(patterns.veto)),
      credit: narrow(flagged(patterns.credit)),
      exactEntry: narrow(Uint32Array.from(patterns.exactCase.keys())),
      exactCase: [...patterns.exactCase.values()],
    },
    domains: [...index.domains],
    portals: index.portals,
  };
}

/** The index with its arrays as base64 text, for a JSON file: the shipped detection-index.json. */
export function indexAsText(s: SerializedDetectionIndex): SerializedDetectionIndex {
  return { ...packedAsText(s), automaton: packedAsText(s.automaton), patterns: packedAsText(s.patterns) };
}

/**
 * The reverse of indexAsText, as the background sends an index: structured clone passes typed arrays as they
 * are, so no page decodes base64 (or, in Chrome's JSON messaging, parses it as a 0.7 MB JSON text). With it
 * go where the vendor ids start, so a page never splits the list.
 */
export function unpackDetectionIndex(s: SerializedDetectionIndex): SerializedDetectionIndex {
  const patterns = { ...s.patterns };
  for (const f of PATTERN_ARRAYS) patterns[f] = decodeView(s.patterns[f]);
  return { ...s, vendorIdStarts: decodeView(s.vendorIdStarts), automaton: unpackAutomaton(s.automaton), patterns };
}

function deserializePatterns(s: SerializedPatterns): PatternTable {
  const entryStart = decodeArray(s.entryStart);
  const patternCount = entryStart.length - 1;
  const entryVendor = decodeArray(s.entryVendor);
  const entryFlags = decodeArray(s.entryFlags);
  const vetoes = decodeArray(s.veto);
  const credits = decodeArray(s.credit);
  const exactEntry = decodeArray(s.exactEntry);
  const count = entryVendor.length;
  if (patternCount < 0 || entryStart[patternCount] !== count || entryFlags.length !== count) {
    throw new Error('malformed detection index');
  }
  if (exactEntry.length !== s.exactCase.length) throw new Error('malformed detection index');
  const veto = new Uint8Array(patternCount);
  for (const p of vetoes) veto[p] = 1;
  const credit = new Uint8Array(patternCount);
  for (const p of credits) credit[p] = 1;
  const exactCase = new Map<number, string>();
  exactEntry.forEach((e, i) => exactCase.set(e, s.exactCase[i]!));
  return { entryStart, entryVendor, entryFlags, exactCase, veto, credit };
}

export function deserializeDetectionIndex(s: SerializedDetectionIndex): DetectionIndex {
  const automaton = deserializeAutomaton(s.automaton);
  const patterns = deserializePatterns(s.patterns);
  return {
    datasetVersion: s.datasetVersion,
    vendorIds: new VendorIds(s.vendorIds, decodeArray(s.vendorIdStarts)),
    automaton,
    patterns,
    domains: new Map(s.domains),
    portals: s.portals,
  };
}
