import type { VendorReport } from './report';
import { worstSeverity, type Severity } from './risk/severity';

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

/** Badge colours: red, amber and yellow for the severity rule's levels, grey for "detected, no incidents". */
export const BADGE_COLOR: Record<Severity, string> = {
  high: '#C62828',
  medium: '#E65100',
  low: '#F9A825',
  none: '#616161',
};

const APP = 'Vendor Breach Radar';

/**
 * The toolbar badge for a tab: how many detected vendors have incidents, coloured by the worst severity.
 * Vendors without incidents give a grey "0" so the user still sees that something was recognised.
 */
export function badgeFor(reports: readonly VendorReport[]): BadgeState {
  if (reports.length === 0) return { text: '', color: BADGE_COLOR.none, title: `${APP}: no healthcare vendor on this page` };
  const withIncidents = reports.filter((r) => r.summary.count > 0);
  const severity = worstSeverity(withIncidents.map((r) => r.summary.severity));
  const names = (list: readonly VendorReport[]) => list.map((r) => r.vendor.name).join(', ');
  if (withIncidents.length === 0) {
    return {
      text: '0',
      color: BADGE_COLOR.none,
      title: `${APP}: ${reports.length} healthcare vendor(s) on this page (${names(reports)}), none with a reported incident`,
    };
  }
  const word = { high: 'high', medium: 'medium', low: 'low', none: 'no' }[severity];
  return {
    text: String(withIncidents.length),
    color: BADGE_COLOR[severity],
    title: `${APP}: ${withIncidents.length} vendor(s) on this page with reported breaches (${names(withIncidents)}); worst severity ${word}`,
  };
}
