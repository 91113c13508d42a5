/**
 * Text comparisons shared by the directory search and the command line's `lookup`: bounded edit
 * distances (cheap enough to run over thousands of names on every keystroke) and reading a typed address.
 */

/** Levenshtein distance of `a` and `b` is at most `limit` (rows stop as soon as every cell exceeds it). */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > limit) return false;
    previous = current;
  }
  return previous[b.length]! <= limit;
}

/**
 * The smallest edit distance (insertions, deletions, substitutions and swaps of neighbours) between
 * `query` and `text` or any prefix of it, or null when it is above `limit`. "chnage" is 1 from "change
 * healthcare"; "helthcare" is 1 from "healthcare".
 */
export function prefixDistance(query: string, text: string, limit: number): number | null {
  const m = query.length;
  const n = Math.min(text.length, m + limit);
  if (m === 0) return 0;
  if (n < m - limit) return null;
  let before: number[] = [];
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = query.charCodeAt(i - 1) === text.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        query.charCodeAt(i - 1) === text.charCodeAt(j - 2) &&
        query.charCodeAt(i - 2) === text.charCodeAt(j - 1)
      ) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return null;
    before = previous;
    previous = current;
  }
  let best = Infinity;
  for (let j = Math.max(0, m - limit); j <= n; j++) best = Math.min(best, previous[j]!);
  return best <= limit ? best : null;
}

/** The host of a typed address ("www.carecloud.com/x", "https://a.b.org") without "www.", or null. */
export function hostOf(query: string): string | null {
  const trimmed = query.trim().toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}(?:[/:].*)?$/.test(trimmed) && !/^https?:\/\//.test(trimmed)) return null;
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
