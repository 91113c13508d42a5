/**
 * Organisation names as the portal files them ("Perry Johnson & Associates, Inc. dba PJ&A",
 * "WebTPA Employer Services, LLC (“WebTPA”)") reduced to a comparable form.
 */

/** Legal-form words dropped from the end of a name (after punctuation is removed). */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lllp', 'lp', 'ltd', 'limited', 'pllc', 'plc', 'pc', 'pa', 'psc', 'sc',
  'corp', 'corporation', 'co', 'company', 'na', 'chtd', 'chartered', 'gmbh', 'ag', 'sa', 'bv',
]);

/** Markers that separate a legal name from a trade name, rewritten to a single token. */
const TRADE_NAME_MARKERS =
  /\b(?:d\s*\/\s*b\s*\/\s*a|d\.\s*b\.\s*a\.?|dba|doing business as|a\s*\/\s*k\s*\/\s*a|aka|also known as|f\s*\/\s*k\s*\/\s*a|fka|formerly known as)\b/giu;
const MARKER = '\u0000';

/** Splits a filed name at its trade-name markers ("X d/b/a Y" → "X ", " Y"). */
export const TRADE_NAME_SPLIT = new RegExp(TRADE_NAME_MARKERS.source, 'iu');

/**
 * Text reduced to lower-case (unless `keepCase`) words of letters and digits separated by single spaces:
 * accents dropped, apostrophes removed ("Children’s" → "childrens"), dots between single letters removed
 * ("L.L.C." → "llc", "U.S." → "us"; "St.Vincent" → "st vincent"), "&" read as "and", every other punctuation mark a space.
 */
export function simplifyText(text: string, keepCase = false): string {
  let s = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  if (!keepCase) s = s.toLowerCase();
  return s
    .replace(/['’‘`´]/g, '')
    .replace(/(?<=(?<![\p{L}\p{N}])\p{L})\.(?=\p{L}(?![\p{L}\p{N}]))/gu, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\u0000]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Drop parentheticals that are a quoted short name (`(“WebTPA”)`, `("YNHHS")`; any parenthetical opening
 * with a quote, whatever mangled character closes it) or an acronym (`(OHCA)`).
 */
function dropTags(name: string): string {
  return name
    .replace(/\(\s*["“”'‘’„][^()]*\)/gu, ' ')
    .replace(/\(\s*[A-Z0-9&.\-]{2,10}\s*\)/gu, ' ');
}

function stripSuffixes(words: string[]): string[] {
  const out = [...words];
  const last = (): string => (out[out.length - 1] ?? '').toLowerCase();
  while (out.length > 1 && LEGAL_SUFFIXES.has(last())) out.pop();
  // "L. L. C." written with spaces
  while (out.length > 3 && out.slice(-3).join('').toLowerCase() === 'llc') out.splice(-3);
  if (out.length > 1 && out[0]?.toLowerCase() === 'the') out.shift();
  return out;
}

function segments(name: string, keepCase: boolean): string[][] {
  const marked = dropTags(name).replace(TRADE_NAME_MARKERS, ` ${MARKER} `);
  return simplifyText(marked, keepCase)
    .split(MARKER)
    .map((part) => stripSuffixes(part.split(' ').filter(Boolean)))
    .filter((words) => words.length > 0);
}

/**
 * The comparison key of an organisation name: lower case, punctuation and accents dropped, quoted tags
 * and acronym tags removed, legal forms (Inc., LLC, L.L.C., Corp., ...) dropped from the end of each
 * part, a leading "The" dropped, and trade-name markers (d/b/a, dba, a/k/a, f/k/a) written " dba ".
 *
 *   normaliseOrgName('WebTPA Employer Services, LLC (“WebTPA”)') === 'webtpa employer services'
 *   normaliseOrgName('Perry Johnson & Associates, Inc. dba PJ&A') === 'perry johnson and associates dba pj and a'
 */
export function normaliseOrgName(name: string, keepCase = false): string {
  return segments(name, keepCase)
    .map((words) => words.join(' '))
    .join(' dba ');
}

/**
 * Every name an organisation goes by, normalised: the whole name, each side of a d/b/a (a/k/a, f/k/a),
 * and a multi-word parenthetical ("Kaiser Foundation Health Plan (Kaiser Permanente)" yields
 * "kaiser permanente" and "kaiser foundation health plan" too). Deduplicated, whole name first.
 */
export function nameVariants(name: string, keepCase = false): string[] {
  const out: string[] = [];
  const add = (v: string): void => {
    if (v.length >= 2 && !out.includes(v)) out.push(v);
  };
  add(normaliseOrgName(name, keepCase));
  for (const words of segments(name, keepCase)) add(words.join(' '));
  const untagged = dropTags(name);
  const inner = [...untagged.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '');
  if (inner.length > 0) {
    add(normaliseOrgName(untagged.replace(/\([^()]*\)/g, ' '), keepCase));
    for (const part of inner) {
      const v = normaliseOrgName(part, keepCase);
      if (v.split(' ').length >= 2) add(v);
    }
  }
  return out;
}

/** A lower-case ASCII slug ("change-healthcare") of a name, at most `max` characters, cut at a word. */
export function slugify(name: string, max = 60): string {
  const words = simplifyText(name)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > max) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, max);
  return slug || 'unnamed';
}
