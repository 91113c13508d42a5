import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexDataset, parseBundle } from '../../lib/dataset/dataset';
import { lookupVendor } from '../../lib/dataset/lookup';

/**
 * The catalog meta-test: every vendor entry is checked the same way, like Refined GitHub checks every
 * feature, so a new entry cannot slip in without the rules that keep it from firing on ordinary words.
 */
const parsed = parseBundle(JSON.parse(readFileSync('data/bundle.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.reason);
const bundle = parsed.value;
const dataset = indexDataset(bundle);
const curated = bundle.vendors.filter((v) => v.origin === 'curated');

// Words of everyday English that are also health IT brand names, or could become one.
const ORDINARY_WORDS = new Set(
  `epic change advanced progress quest weave anthem athena greenway maximus nuance redox optimum meridian harris
  oracle health care cure next practice fusion modern ensemble equity nations focus delta vision dental pharmacy
  network cloud one insight pulse beacon summit harbor bridge trust unity vital spark element apex zenith horizon
  pinnacle matrix catalyst gorilla elation office ally sequoia express benefit amazing flatiron navigator compass
  medicare medicaid signal clarity`.split(/\s+/),
);
const isOrdinary = (name: string) => /^[A-Za-z]+$/.test(name) && ORDINARY_WORDS.has(name.toLowerCase());

describe('the curated catalog', () => {
  it('has at least the vendors named in the product brief', () => {
    const required = [
      'Epic Systems', 'MyChart', 'Oracle Health', 'Cerner', 'MEDITECH', 'athenahealth', 'eClinicalWorks', 'healow',
      'NextGen Healthcare', 'NextMD', 'Veradigm', 'Allscripts', 'FollowMyHealth', 'Greenway Health', 'CareCloud', 'MTBC',
      'AdvancedMD', 'DrChrono', 'Tebra', 'Kareo', 'Practice Fusion', 'ModMed', 'PointClickCare', 'Netsmart', 'MEDHOST',
      'TruBridge', 'CPSI', 'Eye Care Leaders', 'Connexin Software', 'Medical Informatics Engineering', 'NoMoreClipboard',
      'Change Healthcare', 'Optum', 'Availity', 'Waystar', 'TriZetto', 'R1 RCM', 'Conduent', 'Episource', 'Reventics',
      'Maximus', 'Welltok', 'HealthEC', 'Perry Johnson & Associates', 'PJ&A', 'Managed Care of North America', 'MCNA',
      'HealthEquity', 'NationsBenefits', 'ESO Solutions', 'OneTouchPoint', 'American Medical Collection Agency',
      'Retrieval-Masters Creditors Bureau', 'Blackbaud', 'Netgain Technology', 'Elekta', 'Accellion', 'Kiteworks',
      'Progress Software', 'MOVEit', 'Fortra', 'GoAnywhere', 'Synnovis', 'OneAdvanced',
    ];
    expect(required.filter((name) => !lookupVendor(dataset, name))).toEqual([]);
  });

  it.each(curated.map((v) => [v.id, v] as const))('%s is complete and guarded', (_id, vendor) => {
    expect(vendor.domains.length > 0 || Boolean(vendor.noDomainReason)).toBe(true);
    const guarded = new Set([...vendor.match.needsContext, ...vendor.match.exactCase]);
    const unguarded = [vendor.name, ...vendor.aliases].filter((n) => isOrdinary(n) && !guarded.has(n));
    expect(unguarded, 'ordinary words need exactCase or needsContext').toEqual([]);
    // Every domain is the vendor's own: no shared hosting or social hosts that would tag unrelated pages.
    for (const d of vendor.domains) expect(d).not.toMatch(/(^|\.)(google|facebook|linkedin|twitter|x|amazonaws|azure|github)\.com$/);
  });
});

describe('incidents the product must know', () => {
  const incidentsOf = (id: string) => dataset.incidentsByVendor.get(id) ?? [];

  it('has the CareCloud 2026 intrusion with exfiltration unconfirmed', () => {
    const [carecloud] = incidentsOf('carecloud').filter((i) => i.dates.occurred === '2026-03-16');
    expect(carecloud).toMatchObject({
      type: 'unauthorized-access',
      status: 'access-confirmed-exfiltration-unconfirmed',
      affected: { kind: 'unknown' },
    });
    expect(carecloud?.duration).toMatch(/8 hours/);
  });

  it('has the MediCare Health Systems / GlobalCare Clinics phishing report, marked unverified', () => {
    const [report] = incidentsOf('medicare-health-systems');
    expect(report).toMatchObject({
      type: 'phishing',
      verified: false,
      affected: { kind: 'at-least', count: 10_000_000 },
      dates: { disclosed: '2025-11-12' },
    });
    expect(report?.vendorIds).toContain('globalcare-clinics');
  });

  it('has the Change Healthcare ransomware as HHS reports it', () => {
    const ransomware = incidentsOf('change-healthcare').find((i) => i.type === 'ransomware');
    expect(ransomware).toMatchObject({
      affected: { kind: 'exact', count: 192_700_000 },
      dates: { discovered: '2024-02-21', reported: '2024-07-19' },
      status: 'confirmed',
    });
  });
});
