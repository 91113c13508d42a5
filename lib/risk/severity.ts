import type { Affected, Incident } from '../dataset/schema';

export const SEVERITIES = ['high', 'medium', 'low', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The severity rule, documented in the README:
 * - high:   an incident in the last 24 months, or one affecting 1,000,000 people or more;
 * - medium: an incident in the last 6 years, or one affecting 50,000 people or more;
 * - low:    only older, smaller incidents;
 * - none:   no incident on record.
 * An unverified report (a single unconfirmed article) raises a vendor to medium at most, so one rumour
 * cannot turn a badge red.
 */
export const RECENT_MONTHS = 24;
export const MEDIUM_YEARS = 6;
export const LARGE_AFFECTED = 1_000_000;
export const MEDIUM_AFFECTED = 50_000;

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1, none: 0 };

export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'none';
  for (const s of severities) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** The date an incident is known by: when it happened if known, else when it was found, told or reported. */
export function incidentDate(incident: Incident): string {
  const d = incident.dates;
  return (d.occurred ?? d.discovered ?? d.disclosed ?? d.reported)!;
}

/** The latest date anything was learnt about an incident: a new disclosure of an old breach is news. */
function latestDate(incident: Incident): string {
  return Object.values(incident.dates).filter(Boolean).sort().at(-1)!;
}

export function affectedCount(affected: Affected): number | null {
  return affected.kind === 'unknown' ? null : affected.count;
}

function monthsBetween(isoDate: string, now: Date): number {
  const then = new Date(`${isoDate}T00:00:00Z`);
  return (now.getUTCFullYear() - then.getUTCFullYear()) * 12 + (now.getUTCMonth() - then.getUTCMonth());
}

export function incidentSeverity(incident: Incident, now: Date): Severity {
  const months = monthsBetween(latestDate(incident), now);
  const people = affectedCount(incident.affected) ?? 0;
  let severity: Severity = 'low';
  if (months <= RECENT_MONTHS || people >= LARGE_AFFECTED) severity = 'high';
  else if (months <= MEDIUM_YEARS * 12 || people >= MEDIUM_AFFECTED) severity = 'medium';
  if (!incident.verified && severity === 'high') severity = 'medium';
  return severity;
}

export function vendorSeverity(incidents: readonly Incident[], now: Date): Severity {
  return worstSeverity(incidents.map((i) => incidentSeverity(i, now)));
}
