import type { Incident, IncidentStatus, IncidentType, VendorCategory } from '../lib/dataset/schema';
import type { HistorySummary } from '../lib/risk/history';
import type { Severity } from '../lib/risk/severity';
import { t, type MessageKey } from '../lib/i18n';

/**
 * Words for dataset values in the user's language (browser.i18n). The English messages say exactly what
 * lib/risk/describe.ts and labels.ts say (a unit test holds them together); the CLI keeps using those.
 */

const key = (prefix: string, value: string) => `${prefix}_${value.replace(/-/g, '_')}` as MessageKey;

export const categoryText = (c: VendorCategory) => t(key('category', c));
export const severityText = (s: Severity) => t(key('severity', s));
export const severityWordText = (s: Severity) => t(key('severityWord', s));
export const incidentTypeText = (type: IncidentType) => t(key('incidentType', type));
export const statusText = (s: IncidentStatus) => t(key('status', s));

const compact = new Map<string, Intl.NumberFormat>();
const plain = new Map<string, Intl.NumberFormat>();

function cached(map: Map<string, Intl.NumberFormat>, locale: string | undefined, options: Intl.NumberFormatOptions) {
  let f = map.get(locale ?? '');
  if (!f) map.set(locale ?? '', (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** "9.3 million", "48,000" in English; "9,3 Millionen", "48.000" in German. */
export function peopleText(count: number, locale?: string): string {
  return count >= 1_000_000
    ? cached(compact, locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 }).format(count)
    : cached(plain, locale, {}).format(count);
}

export function numberText(n: number, locale?: string): string {
  return cached(plain, locale, {}).format(n);
}

export function affectedText(incident: Incident, locale?: string): string {
  const a = incident.affected;
  if (a.kind === 'unknown') return t('affected_unknown');
  return a.kind === 'at-least' ? t('affected_atLeast', peopleText(a.count, locale)) : peopleText(a.count, locale);
}

/** describeHistory in the user's language: "3 reported incidents since 2019; the largest affected ...". */
export function historyText(summary: HistorySummary, locale?: string): string {
  if (summary.count === 0) return t('history_none');
  const first = summary.firstDate!.slice(0, 4);
  const last = summary.lastDate!.slice(0, 4);
  const parts = [summary.count === 1 ? t('history_one', first) : t('history_many', numberText(summary.count, locale), first)];
  if (summary.largestAffected !== null) {
    const people = peopleText(summary.largestAffected, locale);
    const onePerson = summary.largestAffected === 1;
    parts.push(
      summary.count === 1
        ? t(onePerson ? 'history_itAffectedOne' : 'history_itAffected', people)
        : t(onePerson ? 'history_largestAffectedOne' : 'history_largestAffected', people),
    );
  }
  if (summary.count > 1) parts.push(t('history_last', last));
  return parts.join(t('history_separator'));
}
