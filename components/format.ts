/** Formatting of dataset values for the user's locale. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * "Feb 12, 2024" (en-US), "12 Feb 2024" (en-GB) for an ISO date "2024-02-12". Dataset dates are calendar
 * dates, so they are read and formatted in UTC: no time zone can move them a day. A string that is not
 * a date is returned unchanged rather than shown as "Invalid Date".
 */
export function formatDate(isoDate: string, locale?: string): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(time)) return isoDate;
  return dateFormatter(locale).format(new Date(time));
}

/** The host of a page address for the popup header, or null for addresses without one. */
export function pageHost(url: string | null): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname : null;
  } catch {
    return null;
  }
}
