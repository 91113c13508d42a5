import type { Incident, IncidentStatus, IncidentType } from '../dataset/schema';
import type { HistorySummary } from './history';
import type { Severity } from './severity';

/** Plain-words labels shared by the popup, the marker, the directory and the CLI. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  high: 'High: recent or very large breach',
  medium: 'Medium: breach in recent years',
  low: 'Low: older, smaller breaches',
  none: 'No reported incidents',
};

export const INCIDENT_TYPE_LABEL: Record<IncidentType, string> = {
  ransomware: 'Ransomware',
  hacking: 'Hacking / IT incident',
  phishing: 'Phishing',
  'unauthorized-access': 'Unauthorized access',
  misconfiguration: 'Misconfiguration',
  insider: 'Insider',
  theft: 'Theft',
  loss: 'Loss',
  'improper-disposal': 'Improper disposal',
  other: 'Other',
};

export const STATUS_LABEL: Record<IncidentStatus, string> = {
  confirmed: 'Confirmed',
  'access-confirmed-exfiltration-unconfirmed': 'Access confirmed, exfiltration unconfirmed',
  alleged: 'Alleged',
  'under-investigation': 'Under investigation',
};

/** "9.3 million", "192.7 million", "48,000": how people read counts of people. */
export function formatPeople(count: number, locale?: string): string {
  if (count >= 1_000_000) {
    const millions = count / 1_000_000;
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: millions >= 100 ? 1 : 1 }).format(millions)} million`;
  }
  return new Intl.NumberFormat(locale).format(count);
}

export function describeAffected(incident: Incident, locale?: string): string {
  const a = incident.affected;
  if (a.kind === 'unknown') return 'unknown';
  return a.kind === 'at-least' ? `at least ${formatPeople(a.count, locale)}` : formatPeople(a.count, locale);
}

/** "3 reported incidents since 2019; the largest affected 9.3 million people; last in 2023". */
export function describeHistory(summary: HistorySummary, locale?: string): string {
  if (summary.count === 0) return 'No reported incidents in the dataset';
  const first = summary.firstDate!.slice(0, 4);
  const last = summary.lastDate!.slice(0, 4);
  const parts = [
    summary.count === 1 ? `1 reported incident in ${first}` : `${summary.count} reported incidents since ${first}`,
  ];
  if (summary.largestAffected !== null) {
    parts.push(
      `${summary.count === 1 ? 'it' : 'the largest'} affected ${formatPeople(summary.largestAffected, locale)} ${summary.largestAffected === 1 ? 'person' : 'people'}`,
    );
  }
  if (summary.count > 1) parts.push(`last in ${last}`);
  return parts.join('; ');
}
