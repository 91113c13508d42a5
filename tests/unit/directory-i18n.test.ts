import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  affectedText,
  categoryText,
  historyText,
  incidentTypeText,
  peopleText,
  severityText,
  severityWordText,
  statusText,
} from '../../components/i18n-labels';
import { CATEGORY_LABEL, EVIDENCE_LABEL, SEVERITY_WORD } from '../../components/labels';
import { Incident, INCIDENT_STATUSES, INCIDENT_TYPES, VENDOR_CATEGORIES } from '../../lib/dataset/schema';
import { EVIDENCE_KINDS } from '../../lib/detection/signals';
import { fallbackMessage, t } from '../../lib/i18n';
import { describeAffected, describeHistory, INCIDENT_TYPE_LABEL, SEVERITY_LABEL, STATUS_LABEL } from '../../lib/risk/describe';
import { summariseHistory } from '../../lib/risk/history';
import { SEVERITIES } from '../../lib/risk/severity';

const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;

describe('messages.json', () => {
  it('is valid for browsers: names, placeholders and descriptions', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.message.length).toBeGreaterThan(0);
      expect(entry.description, key).toBeTruthy();
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      expect(Object.keys(entry.placeholders ?? {}).sort(), key).toEqual([...new Set(used)].sort());
    }
  });

  it('has the same keys in every locale', () => {
    for (const locale of readdirSync('public/_locales')) {
      const other = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as object;
      expect(Object.keys(other).sort(), locale).toEqual(Object.keys(en).sort());
    }
  });

  it('is used by every page: no user-visible English left in popup, options or directory code', () => {
    const files = [
      'entrypoints/popup/App.tsx',
      'entrypoints/options/App.tsx',
      'entrypoints/vendors/App.tsx',
      'components/VendorCard.tsx',
      'components/VendorProfile.tsx',
      'components/SearchFilters.tsx',
      'components/Timeline.tsx',
      'components/IncidentList.tsx',
      'components/AcknowledgedList.tsx',
    ];
    for (const file of files) {
      const jsxText = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
        .join('\n')
        .match(/>\s*[A-Z][a-z]+(?: [a-z]+)+\s*</g);
      expect(jsxText, file).toBeNull();
    }
  });
});

describe('t()', () => {
  it('falls back to English with placeholders filled where browser.i18n is missing', () => {
    expect(t('directory_shownOf', '50', '1,234')).toBe('Showing 50 of 1,234');
    expect(fallbackMessage('popup_dataset', ['2026.1', 'bundled'])).toBe('Dataset 2026.1 (bundled)');
    expect(fallbackMessage('no_such_key')).toBe('no_such_key');
  });
});

describe('English messages say what the shared labels say', () => {
  it('for categories, severities, incident types, statuses and evidence', () => {
    for (const c of VENDOR_CATEGORIES) expect(categoryText(c)).toBe(CATEGORY_LABEL[c]);
    for (const s of SEVERITIES) {
      expect(severityText(s)).toBe(SEVERITY_LABEL[s]);
      expect(severityWordText(s)).toBe(SEVERITY_WORD[s]);
    }
    for (const type of INCIDENT_TYPES) expect(incidentTypeText(type)).toBe(INCIDENT_TYPE_LABEL[type]);
    for (const s of INCIDENT_STATUSES) expect(statusText(s)).toBe(STATUS_LABEL[s]);
    for (const k of EVIDENCE_KINDS) expect(t(`evidence_${k}` as never)).toBe(EVIDENCE_LABEL[k]);
  });

  it('for the plain-words history (describeHistory) and people counts', () => {
    const make = (id: string, date: string, affected: Incident['affected']) =>
      Incident.parse({ id, vendorIds: ['v'], title: 'x breach', dates: { occurred: date }, type: 'theft', affected, status: 'confirmed', sources: [{ title: 's' }] });
    const now = new Date('2026-01-01T00:00:00Z');
    const cases = [
      [],
      [make('a', '2023-01-01', { kind: 'exact', count: 9_300_000 })],
      [make('a', '2023-01-01', { kind: 'exact', count: 1 })],
      [make('a', '2019-01-01', { kind: 'unknown' })],
      [make('a', '2019-01-01', { kind: 'exact', count: 48_000 }), make('b', '2023-05-01', { kind: 'at-least', count: 192_700_000 })],
      [make('a', '2019-01-01', { kind: 'unknown' }), make('b', '2021-05-01', { kind: 'unknown' }), make('c', '2022-01-01', { kind: 'exact', count: 1 })],
    ];
    for (const incidents of cases) {
      const summary = summariseHistory(incidents, now);
      expect(historyText(summary, 'en-US')).toBe(describeHistory(summary, 'en-US'));
      for (const i of incidents) expect(affectedText(i, 'en-US')).toBe(describeAffected(i, 'en-US'));
    }
    expect(peopleText(48_000, 'de-DE')).toBe('48.000');
    expect(peopleText(9_300_000, 'de-DE')).toBe('9,3 Millionen');
  });
});
