import { DatasetBundle, Vendor, type VendorInput } from '../../lib/dataset/schema';
import { buildDetectionIndex } from '../../lib/detection/detection-index';
import { foldCode, isWordCode } from '../../lib/matching/fold';

/** A small catalog written like the real one, so matcher tests do not depend on curation changes. */
export const TEST_VENDORS: VendorInput[] = [
  {
    id: 'epic',
    name: 'Epic Systems',
    aliases: ['Epic', 'MyChart', 'Epic Systems Corporation'],
    domains: ['epic.com', 'mychart.com'],
    portals: ['*/mychart/'],
    category: 'ehr',
    match: { exactCase: ['Epic'], needsContext: ['Epic'] },
  },
  {
    id: 'change-healthcare',
    name: 'Change Healthcare',
    aliases: [],
    domains: ['changehealthcare.com'],
    category: 'clearinghouse',
    parentId: 'optum',
    match: { exactCase: ['Change Healthcare'], exclude: ['climate change healthcare'] },
  },
  { id: 'optum', name: 'Optum', aliases: ['OptumRx', 'Optum Insight'], domains: ['optum.com'], category: 'payments' },
  {
    id: 'oracle-health',
    name: 'Oracle Health',
    aliases: ['Cerner', 'Oracle Cerner', 'Cerner Corporation'],
    domains: ['cerner.com', 'oraclehealth.com'],
    category: 'ehr',
    match: { exclude: ['Oracle Database'] },
  },
  {
    id: 'greenway-health',
    name: 'Greenway Health',
    aliases: ['Greenway', 'Intergy'],
    domains: ['greenwayhealth.com'],
    category: 'ehr',
    match: { exactCase: ['Greenway'], needsContext: ['Greenway'], exclude: ['Greenway trail'] },
  },
  {
    id: 'nextgen-healthcare',
    name: 'NextGen Healthcare',
    aliases: ['NextGen', 'NextMD'],
    domains: ['nextgen.com', 'nextmd.com'],
    portals: ['*.nextmd.com'],
    category: 'ehr',
    match: { exactCase: ['NextGen'], needsContext: ['NextGen'] },
  },
  {
    id: 'anthem',
    name: 'Elevance Health',
    aliases: ['Anthem', 'Anthem Blue Cross'],
    domains: ['anthem.com', 'elevancehealth.com'],
    category: 'health-plan',
    match: { exactCase: ['Anthem'], needsContext: ['Anthem'], exclude: ['national anthem'] },
  },
  {
    id: 'carecloud',
    name: 'CareCloud',
    aliases: ['MTBC', 'CareCloud Health'],
    domains: ['carecloud.com'],
    category: 'practice-management',
    match: { exactCase: ['MTBC'] },
  },
  {
    id: 'pja',
    name: 'Perry Johnson & Associates',
    aliases: ['PJ&A'],
    domains: ['pjats.com'],
    category: 'other',
    match: { exactCase: ['PJ&A'] },
  },
  {
    id: 'veradigm',
    name: 'Veradigm',
    aliases: ['Allscripts', 'FollowMyHealth'],
    domains: ['veradigm.com', 'allscripts.com'],
    portals: ['*.followmyhealth.com'],
    category: 'ehr',
  },
];

export const testVendors = (): Vendor[] => TEST_VENDORS.map((v) => Vendor.parse(v));
export const testIndex = () => buildDetectionIndex('1', testVendors());

/** The test catalog with one incident: Change Healthcare's 2024 ransomware attack. */
export const TEST_BUNDLE = DatasetBundle.parse({
  schemaVersion: 1,
  version: '2026.11.1',
  generatedAt: '2026-11-01T00:00:00Z',
  vendors: TEST_VENDORS,
  incidents: [
    {
      id: 'change-2024',
      vendorIds: ['change-healthcare'],
      title: 'Ransomware',
      dates: { discovered: '2024-02-21' },
      type: 'ransomware',
      affected: { kind: 'exact', count: 192_700_000 },
      status: 'confirmed',
      sources: [{ title: 'HHS OCR breach portal' }],
    },
  ],
});

/** A curated vendor trimmed to what the HHS linking rules read. */
export function curatedVendor(id: string, name: string, aliases: string[], match: Partial<Vendor['match']> = {}): Vendor {
  return {
    id, name, aliases, domains: [], portals: [], category: 'other', origin: 'curated',
    match: { exactCase: [], needsContext: [], exclude: [], textDetection: true, ...match },
  };
}

/** mulberry32: a small seeded PRNG, so a failing random case is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Reference folding for matcher checks: `text` folded with runs of white space as one space, and the offset
 * in `text` of each folded character (origin[k]).
 */
export function foldWithOrigin(text: string): { folded: string; origin: number[] } {
  const codes: number[] = [];
  const origin: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(text.charCodeAt(i));
    if (c === 32 && lastSpace) continue;
    lastSpace = c === 32;
    codes.push(c);
    origin.push(i);
  }
  let folded = '';
  for (let i = 0; i < codes.length; i += 0x4000) folded += String.fromCharCode(...codes.slice(i, i + 0x4000));
  return { folded, origin };
}

/** Whether text[start, end) neither begins nor ends inside a word. */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (start > 0 && isWordCode(text.charCodeAt(start)) && isWordCode(text.charCodeAt(start - 1))) return false;
  if (end < text.length && isWordCode(text.charCodeAt(end - 1)) && isWordCode(text.charCodeAt(end))) return false;
  return true;
}
