import type { DetectionIndex } from './detection-index';

export interface HostMatch {
  vendor: number;
  rule: 'domain' | 'portal';
  /** The part of the address that matched, for evidence ("portal.carecloud.com", "x.org/MyChart/"). */
  text: string;
}

export function parseUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** Vendors an address belongs to: its host is (under) a vendor domain, or it fits a portal pattern. */
export function vendorsForUrl(index: DetectionIndex, url: string): HostMatch[] {
  const parsed = parseUrl(url);
  if (!parsed) return [];
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const path = parsed.pathname.toLowerCase();
  const found: HostMatch[] = [];
  for (let suffix = host; suffix; ) {
    const vendor = index.domains.get(suffix);
    if (vendor !== undefined) {
      found.push({ vendor, rule: 'domain', text: host });
      break;
    }
    const dot = suffix.indexOf('.');
    suffix = dot < 0 ? '' : suffix.slice(dot + 1);
  }
  for (const rule of index.portals) {
    if (rule.path && !path.includes(rule.path)) continue;
    if (rule.host) {
      const under = host.endsWith(`.${rule.host}`);
      if (!(under || (!rule.subdomainOnly && host === rule.host))) continue;
    }
    if (found.some((f) => f.vendor === rule.vendor)) continue;
    const pathShown = rule.path ? parsed.pathname.slice(0, path.indexOf(rule.path) + rule.path.length) : '';
    found.push({ vendor: rule.vendor, rule: 'portal', text: host + pathShown });
  }
  return found;
}
