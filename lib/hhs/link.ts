import type { Vendor } from '../dataset/schema';
import { nameVariants, simplifyText } from './normalise';

/** The derived-link rule recorded on an incident when a client's report names the vendor behind it. */
export const NAMED_IN_DESCRIPTION = 'named in HHS description';

export interface CuratedLinker {
  /** the curated vendor a report's entity name stands for, if any (names and aliases, normalised) */
  byEntityName(entity: string): string | undefined;
  /** curated vendors named in a report's description, sorted by id */
  namedInText(description: string): string[];
  /** every normalised name and alias of the curated catalog (for the text-detection collision check) */
  names: Set<string>;
}

interface TextTerm {
  vendorId: string;
  pattern: RegExp;
  exactCase: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression for a simplified phrase, on word boundaries of the simplified text. */
function phrasePattern(phrase: string, ignoreCase = false): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, ignoreCase ? 'giu' : 'gu');
}

/**
 * Links reports to the curated catalog.
 *
 * By entity name: the entity's name variants (whole name, each side of a d/b/a, ...) are compared, after
 * normalisation, with each curated vendor's name and aliases, all of them
 * compared whatever their case and match rules: a filing's whole name is not prose.
 *
 * In descriptions: a curated name or alias found on word boundaries, case-insensitively except the
 * vendor's `match.exactCase` entries (compared in their own case). `match.needsContext` entries are
 * skipped, so such a vendor is found only through its longer names ("Epic Systems", not "Epic"); a hit
 * inside one of the vendor's `match.exclude` phrases does not count.
 */
export function curatedLinker(curated: readonly Vendor[]): CuratedLinker {
  const byName = new Map<string, string>();
  const names = new Set<string>();
  const terms: TextTerm[] = [];
  const excludes = new Map<string, RegExp[]>();

  const vendors = [...curated].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const v of vendors) {
    const lower = (xs: readonly string[] | undefined): Set<string> => new Set((xs ?? []).map((x) => x.toLowerCase()));
    const needsContext = lower(v.match?.needsContext);
    const exactCase = new Set(v.match?.exactCase ?? []);
    excludes.set(
      v.id,
      (v.match?.exclude ?? []).map((e) => simplifyText(e)).filter(Boolean).map((e) => phrasePattern(e, true)),
    );
    for (const entry of [v.name, ...(v.aliases ?? [])]) {
      const exact = exactCase.has(entry);
      // A filing names its own entity: a whole-name match links whatever the case, even for names that
      // are ordinary words in prose ("Sharp Healthcare" is Sharp HealthCare, "Ascension" is Ascension).
      for (const variant of nameVariants(entry)) {
        names.add(variant);
        if (!byName.has(variant)) byName.set(variant, v.id);
      }
      if (needsContext.has(entry.toLowerCase())) continue;
      const phrase = simplifyText(entry, exact);
      if (phrase.length >= 2) terms.push({ vendorId: v.id, pattern: phrasePattern(phrase), exactCase: exact });
    }
  }

  return {
    names,
    byEntityName(entity) {
      for (const variant of nameVariants(entity)) {
        const id = byName.get(variant);
        if (id) return id;
      }
      return undefined;
    },
    namedInText(description) {
      const lowerText = simplifyText(description);
      const casedText = simplifyText(description, true);
      const found = new Set<string>();
      for (const term of terms) {
        if (found.has(term.vendorId)) continue;
        const text = term.exactCase ? casedText : lowerText;
        const vetoes = (excludes.get(term.vendorId) ?? []).flatMap((re) =>
          [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as const),
        );
        for (const m of text.matchAll(term.pattern)) {
          const start = m.index;
          const end = start + m[0].length;
          if (!vetoes.some(([s, e]) => s <= start && end <= e)) {
            found.add(term.vendorId);
            break;
          }
        }
      }
      return [...found].sort();
    },
  };
}
