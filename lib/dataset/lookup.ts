import type { Dataset } from './dataset';
import { nameKey } from './integrity';
import type { Vendor } from './schema';

function editDistanceWithin(a: string, b: string, limit: number): boolean {
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

function hostOf(query: string): string | null {
  const trimmed = query.trim().toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}(?:[/:].*)?$/.test(trimmed) && !/^https?:\/\//.test(trimmed)) return null;
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * Finds the vendor a person means: an exact name or alias (case and punctuation aside), a domain or an
 * address under one, then a near miss of one or two typed characters.
 */
export function lookupVendor(dataset: Dataset, query: string): Vendor | null {
  const key = nameKey(query);
  if (!key) return null;
  const vendors = dataset.bundle.vendors;
  const names = (v: Vendor) => [v.name, ...v.aliases].map(nameKey);
  const exact = vendors.find((v) => names(v).includes(key));
  if (exact) return exact;
  const host = hostOf(query);
  if (host) {
    const byDomain = vendors.find((v) => v.domains.some((d) => host === d || host.endsWith(`.${d}`)));
    if (byDomain) return byDomain;
  }
  const limit = key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
  return limit ? (vendors.find((v) => names(v).some((n) => editDistanceWithin(key, n, limit))) ?? null) : null;
}
