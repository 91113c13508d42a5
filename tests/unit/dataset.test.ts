import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBundle, type BundleSources } from '../../lib/dataset/build';
import { compareVersions, parseBundle } from '../../lib/dataset/dataset';

const release = { version: '2026.11.28', generatedAt: '2026-11-28T00:00:00.000Z' };
const vendor = (id: string, name: string, extra: object = {}) => ({ id, name, domains: [`${id}.com`], category: 'ehr', ...extra });
const incident = (id: string, vendorIds: string[], extra: object = {}) => ({
  id,
  vendorIds,
  title: 'Ransomware attack',
  dates: { discovered: '2024-02-21' },
  type: 'ransomware',
  affected: { kind: 'exact', count: 100 },
  status: 'confirmed',
  sources: [{ title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' }],
  ...extra,
});
const sources = (vendors: unknown[], incidents: unknown[]): BundleSources => ({
  release,
  vendors: { file: 'vendors.json', records: vendors },
  incidents: { file: 'incidents.json', records: incidents },
});
const errorsOf = (s: BundleSources) => {
  const result = buildBundle(s);
  return result.ok ? [] : result.errors;
};

describe('dataset build', () => {
  it('builds a bundle from valid sources', () => {
    const result = buildBundle(sources([vendor('acme', 'Acme Health')], [incident('acme-2024', ['acme'])]));
    expect(result.ok && result.bundle).toMatchObject({ schemaVersion: 1, version: '2026.11.28', vendors: [{ id: 'acme' }] });
  });

  it('names the file, record and field of an invalid record', () => {
    expect(errorsOf(sources([vendor('acme', 'Acme', { category: 'bakery' })], []))).toEqual([
      expect.stringMatching(/^vendors\.json\[0\] \(id "acme"\)\.category: /),
    ]);
    expect(errorsOf(sources([vendor('acme', 'Acme')], [incident('x', ['acme'], { dates: { reported: '2024-13-45' } })]))[0]).toMatch(
      /incidents\.json\[0\] \(id "x"\)\.dates\.reported/,
    );
    expect(errorsOf(sources([vendor('acme', 'Acme', { colour: 'red' })], []))[0]).toMatch(/Unrecognized key/);
  });

  it('rejects duplicate ids, dangling vendor ids and colliding aliases', () => {
    expect(errorsOf(sources([vendor('acme', 'Acme'), vendor('acme', 'Acme Two')], []))).toContain('vendor "acme": duplicate vendor id');
    expect(errorsOf(sources([vendor('acme', 'Acme')], [incident('i', ['nobody'])]))).toContain(
      'incident "i": vendorId "nobody" is not a vendor',
    );
    expect(errorsOf(sources([vendor('a', 'Acme Health'), vendor('b', 'Bolt', { aliases: ['ACME  health.'] })], []))).toContain(
      'vendor "b": name or alias "ACME  health." collides with vendor "a"',
    );
    expect(errorsOf(sources([vendor('a', 'Acme', { match: { exactCase: ['ACME'] } })], []))).toContain(
      'vendor "a": match.exactCase names "ACME", which is not its name or an alias',
    );
  });

  it('rejects a vendor with neither a domain nor a reason', () => {
    expect(errorsOf(sources([{ id: 'a', name: 'Acme', category: 'ehr' }], []))).toContain('vendor "a": has no domain and no noDomainReason');
  });
});

describe('parseBundle', () => {
  it('rejects bad input with a reason and accepts the shipped bundle', () => {
    expect(parseBundle({ schemaVersion: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining('schemaVersion') });
    expect(parseBundle('not json')).toMatchObject({ ok: false });
    const shipped = parseBundle(JSON.parse(readFileSync('data/bundle.json', 'utf8')));
    expect(shipped.ok).toBe(true);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('2026.11.28', '2026.9.30')).toBe(1);
    expect(compareVersions('2026.1', '2026.1.0')).toBe(0);
    expect(compareVersions('2025.12.31', '2026.1.1')).toBe(-1);
  });
});

describe('curated and imported incidents', () => {
  const hhs = (id: string, vendorIds: string[], reported: string, derived: string[] = []) => ({
    ...incident(id, vendorIds, { dates: { reported }, origin: 'hhs-ocr' }),
    derivedLinks: derived.map((vendorId) => ({ vendorId, rule: 'named in HHS description' })),
    report: {
      entity: 'Acme Health, Inc.',
      entityType: 'business-associate',
      breachTypes: ['Hacking/IT Incident'],
      locations: ['Network Server'],
      businessAssociatePresent: true,
    },
  });

  it('keeps one record per breach when a curated incident covers an HHS report', () => {
    const result = buildBundle({
      ...sources([vendor('acme', 'Acme Health'), vendor('client', 'Client Clinic')], [incident('acme-2024', ['acme'], { dates: { reported: '2024-07-19' } })]),
      imported: {
        file: 'hhs.json',
        vendors: [],
        incidents: [
          hhs('hhs-acme-2024-07-19', ['acme'], '2024-07-19'),
          hhs('hhs-acme-2022-01-01', ['acme'], '2022-01-01'),
          // A client's own report naming Acme is a different report, even on the same day.
          hhs('hhs-client-2024-07-19', ['client', 'acme'], '2024-07-19', ['acme']),
        ],
      },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.bundle.incidents.map((i) => i.id)).toEqual(['acme-2024', 'hhs-acme-2022-01-01', 'hhs-client-2024-07-19']);
    expect(result.bundle.incidents[0]!.report?.entity).toBe('Acme Health, Inc.');
  });

  it('builds the same bundle from the same sources', () => {
    const input = () => sources([vendor('acme', 'Acme Health')], [incident('acme-2024', ['acme'])]);
    expect(JSON.stringify(buildBundle(input()))).toBe(JSON.stringify(buildBundle(input())));
  });
});
