import type { Incident } from '../dataset/schema';
import { affectedCount, incidentDate, vendorSeverity, type Severity } from './severity';

/** A vendor's breach history at a glance. */
export interface HistorySummary {
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  /** The largest number of people affected by one incident, when any count is known. */
  largestAffected: number | null;
  severity: Severity;
}

export function summariseHistory(incidents: readonly Incident[], now: Date): HistorySummary {
  const dates = incidents.map(incidentDate).sort();
  const counts = incidents.map((i) => affectedCount(i.affected)).filter((n): n is number => n !== null);
  return {
    count: incidents.length,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
    largestAffected: counts.length ? Math.max(...counts) : null,
    severity: vendorSeverity(incidents, now),
  };
}

/** Newest first, the order every list of incidents is shown in. */
export function sortIncidents(incidents: readonly Incident[]): Incident[] {
  return [...incidents].sort((a, b) => incidentDate(b).localeCompare(incidentDate(a)) || a.id.localeCompare(b.id));
}
