import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { formatDate, pageHost } from '../../components/format';
import { CATEGORY_LABEL, EVIDENCE_LABEL } from '../../components/labels';
import { chipTextColor } from '../../components/SeverityChip';
import { VendorCard } from '../../components/VendorCard';
import { BADGE_COLOR } from '../../lib/badge';
import { Incident, Vendor, VENDOR_CATEGORIES } from '../../lib/dataset/schema';
import type { VendorReport } from '../../lib/report';
import { summariseHistory } from '../../lib/risk/history';
import { SEVERITIES } from '../../lib/risk/severity';

function mount(node: preact.ComponentChild): Element {
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  const root = document.getElementById('root')!;
  render(node, root as unknown as Element);
  return root as unknown as Element;
}

const vendor = Vendor.parse({ id: 'acme-ehr', name: 'Acme <b>EHR</b>', domains: ['acme.com'], category: 'billing-rcm' });
const incidents = [
  Incident.parse({
    id: 'acme-2025',
    vendorIds: ['acme-ehr'],
    title: 'Acme ransomware attack',
    dates: { occurred: '2025-03-01' },
    type: 'ransomware',
    affected: { kind: 'at-least', count: 1_500_000 },
    dataTypes: ['names', 'SSN'],
    status: 'confirmed',
    verified: false,
    sources: [{ title: 'Notice', url: 'https://example.org/n' }, { title: 'Paper report' }],
  }),
  Incident.parse({
    id: 'acme-2019',
    vendorIds: ['acme-ehr'],
    title: 'Acme lost a laptop',
    dates: { reported: '2019-06-30' },
    type: 'loss',
    affected: { kind: 'unknown' },
    status: 'alleged',
    sources: [{ title: 'HHS' }],
  }),
];
const report: VendorReport = {
  vendor,
  incidents,
  summary: summariseHistory(incidents, new Date('2026-01-01T00:00:00Z')),
  evidence: [
    { kind: 'footer', text: 'Powered by <script>Acme</script>' },
    { kind: 'host', text: 'portal.acme.com' },
  ],
};

describe('format', () => {
  it('formats ISO dates in UTC for the locale', () => {
    expect(formatDate('2024-02-12', 'en-US')).toBe('Feb 12, 2024');
    expect(formatDate('2024-01-01', 'en-GB')).toBe('1 Jan 2024');
    expect(formatDate('not a date', 'en-US')).toBe('not a date');
  });
  it('shows the host of web pages only', () => {
    expect(pageHost('https://www.example.org/a?b')).toBe('www.example.org');
    expect(pageHost('chrome://extensions')).toBeNull();
    expect(pageHost(null)).toBeNull();
  });
});

describe('labels', () => {
  it('has words for every category and evidence kind', () => {
    for (const c of VENDOR_CATEGORIES) expect(CATEGORY_LABEL[c]).toMatch(/\w/);
    expect(CATEGORY_LABEL['billing-rcm']).toBe('Billing / revenue cycle');
    expect(EVIDENCE_LABEL.footer).toBe("'Powered by' credit");
  });
  it('picks chip text with AA contrast on every badge colour', () => {
    const lum = (hex: string) =>
      [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    for (const s of SEVERITIES) {
      const [a, b] = [lum(BADGE_COLOR[s]), lum(chipTextColor(BADGE_COLOR[s]))].sort((x, y) => y - x);
      expect((a! + 0.05) / (b! + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('VendorCard', () => {
  const card = mount(<VendorCard report={report} open locale="en-US" />).querySelector('article.vendor-card')!;

  it('names the vendor, its category and severity in words', () => {
    expect(card.getAttribute('data-vendor-id')).toBe('acme-ehr');
    expect(card.getAttribute('data-severity')).toBe('medium'); // unverified caps at medium
    expect(card.querySelector('.vendor-name')!.textContent).toBe('Acme <b>EHR</b>');
    expect(card.querySelector('.vendor-name b')).toBeNull();
    expect(card.querySelector('.vendor-category')!.textContent).toBe('Billing / revenue cycle');
    const chip = card.querySelector('.severity-chip')!;
    expect(chip.textContent).toBe('Medium');
    expect(chip.getAttribute('aria-label')).toMatch(/^Severity: Medium/);
    expect(card.querySelector('.vendor-summary')!.textContent).toMatch(/^2 reported incidents since 2019/);
    expect(card.querySelector('details.vendor-incidents')!.hasAttribute('open')).toBe(true);
  });

  it('lists incidents with date, people, data, status, unverified tag and sources', () => {
    const items = card.querySelectorAll('li.incident');
    expect([...items].map((li) => li.getAttribute('data-incident-id'))).toEqual(['acme-2025', 'acme-2019']);
    const [first, second] = [items[0]!, items[1]!];
    expect(first.querySelector('.incident-date')!.textContent).toBe('Mar 1, 2025');
    expect(first.querySelector('.incident-type')!.textContent).toBe('Ransomware');
    expect(first.querySelector('.incident-affected')!.textContent).toBe('at least 1.5 million');
    expect(first.querySelector('.incident-data')!.textContent).toBe('names, SSN');
    expect(first.querySelector('.tag-unverified')).not.toBeNull();
    const link = first.querySelector('a.source-link')!;
    expect(link.getAttribute('href')).toBe('https://example.org/n');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(first.querySelectorAll('.source-title')).toHaveLength(1);
    expect(second.querySelector('.incident-affected')!.textContent).toBe('unknown');
    expect(second.querySelector('.incident-data')!.textContent).toBe('not determined');
    expect(second.querySelector('.incident-status')!.textContent).toBe('Alleged');
    expect(second.querySelector('.tag-unverified')).toBeNull();
  });

  it('explains the detection as text', () => {
    const evidence = card.querySelectorAll('li.evidence');
    expect([...evidence].map((e) => e.getAttribute('data-kind'))).toEqual(['footer', 'host']);
    expect(evidence[0]!.querySelector('.evidence-kind')!.textContent).toBe("'Powered by' credit");
    expect(evidence[0]!.querySelector('.evidence-text')!.textContent).toBe('Powered by <script>Acme</script>');
    expect(card.querySelector('script')).toBeNull();
  });

  it('shows no incident list for a vendor without incidents, and closed when not first', () => {
    const clean = { ...report, incidents: [], summary: summariseHistory([], new Date()) };
    const other = mount(<VendorCard report={clean} />).querySelector('article')!;
    expect(other.getAttribute('data-severity')).toBe('none');
    expect(other.querySelector('.vendor-incidents')).toBeNull();
    expect(other.querySelector('.vendor-summary')!.textContent).toBe('No reported incidents in the dataset');
    expect(other.querySelector('.severity-chip')!.textContent).toBe('No incidents');
  });
});
