import type { Dataset } from './dataset';
import { nameKey } from './integrity';
import type { Vendor } from './schema';
import { editDistanceWithin, hostOf } from '../directory/text';

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
