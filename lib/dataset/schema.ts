import { z } from 'zod';

/**
 * The dataset bundle: the one format shared by the curated sources, the bundled file, signed updates and
 * the command line. Every field carries a `.describe()` text: the README's field table is generated from it.
 */

export const SCHEMA_VERSION = 1;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real calendar date');

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "change-healthcare"');

const domain = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a lower-case host name such as "carecloud.com"');

/** `*.followmyhealth.com`, `mychart.example.org`, or `*` + a path part such as `*\/mychart/`. */
const portalPattern = z
  .string()
  .regex(
    /^(?:\*|\*\.[a-z0-9.-]+|[a-z0-9.-]+)(?:\/[a-z0-9._~\/-]*)?$/,
    'must be a host pattern such as "*.healow.com" or "*/mychart/" (lower case)',
  );

export const VENDOR_CATEGORIES = [
  'ehr',
  'practice-management',
  'clearinghouse',
  'billing-rcm',
  'payments',
  'patient-engagement',
  'analytics',
  'hosting-it',
  'file-transfer',
  'oncology-it',
  'collections',
  'pharmacy-benefit',
  'dental-vision',
  'benefits-admin',
  'laboratory',
  'health-system',
  'health-plan',
  'provider',
  'other',
] as const;
export const VendorCategory = z.enum(VENDOR_CATEGORIES);
export type VendorCategory = z.infer<typeof VendorCategory>;

export const MatchRules = z
  .object({
    exactCase: z
      .array(z.string().min(1))
      .default([])
      .describe('names or aliases that count only when written in exactly this case (e.g. "Epic", "MCNA")'),
    needsContext: z
      .array(z.string().min(1))
      .default([])
      .describe('names or aliases that are also ordinary words: they count only with healthcare words nearby'),
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe('longer phrases that veto a match inside them (e.g. "Oracle Database", "Greenway trail")'),
    textDetection: z
      .boolean()
      .default(true)
      .describe('false: found by domain and lookup only, never in page text'),
  })
  .strict();
export type MatchRules = z.infer<typeof MatchRules>;

export const Vendor = z
  .object({
    id: slug.describe('stable identifier, a lower-case slug'),
    name: z.string().min(2).describe('the name users know'),
    aliases: z.array(z.string().min(2)).default([]).describe('former names, brands and products ("Cerner", "MyChart")'),
    domains: z.array(domain).default([]).describe('hosts the vendor owns; subdomains count too'),
    portals: z
      .array(portalPattern)
      .default([])
      .describe('portal host patterns ("*.healow.com") and path markers ("*/mychart/")'),
    noDomainReason: z.string().optional().describe('why a vendor has no domain (defunct, merged, ...)'),
    category: VendorCategory.describe(`one of ${VENDOR_CATEGORIES.join(', ')}`),
    parentId: slug.optional().describe('owning company, when it is also in the catalog'),
    headquarters: z.string().optional().describe('city and state or country'),
    description: z.string().max(300).optional().describe('one sentence on what the vendor does'),
    origin: z
      .enum(['curated', 'hhs-ocr'])
      .default('curated')
      .describe('"curated" catalog entry or an organisation "hhs-ocr" imported from HHS reports'),
    match: MatchRules.default({ exactCase: [], needsContext: [], exclude: [], textDetection: true }).describe(
      'rules that keep names that are ordinary words from firing',
    ),
  })
  .strict();
export type Vendor = z.infer<typeof Vendor>;
export type VendorInput = z.input<typeof Vendor>;

export const INCIDENT_TYPES = [
  'ransomware',
  'hacking',
  'phishing',
  'unauthorized-access',
  'misconfiguration',
  'insider',
  'theft',
  'loss',
  'improper-disposal',
  'other',
] as const;
export const IncidentType = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof IncidentType>;

export const INCIDENT_STATUSES = [
  'confirmed',
  'access-confirmed-exfiltration-unconfirmed',
  'alleged',
  'under-investigation',
] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Affected = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('exact'), count: z.number().int().nonnegative() }).strict(),
    z.object({ kind: z.literal('at-least'), count: z.number().int().nonnegative() }).strict(),
    z.object({ kind: z.literal('unknown') }).strict(),
  ])
  .describe('{kind:"exact",count}, {kind:"at-least",count} (a lower bound) or {kind:"unknown"}');
export type Affected = z.infer<typeof Affected>;

export const Source = z
  .object({
    title: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }).optional(),
    publisher: z.string().optional(),
    date: isoDate.optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const IncidentDates = z
  .object({
    occurred: isoDate.optional().describe('when the breach began'),
    discovered: isoDate.optional().describe('when the victim found it'),
    disclosed: isoDate.optional().describe('first public disclosure (filing, notice, article)'),
    reported: isoDate.optional().describe('submission to a regulator such as HHS OCR'),
  })
  .strict()
  .refine((d) => Object.values(d).some(Boolean), 'needs at least one date');
export type IncidentDates = z.infer<typeof IncidentDates>;

// 'unknown': a few archived portal rows leave the entity type blank.
export const HHS_ENTITY_TYPES = ['provider', 'health-plan', 'business-associate', 'clearinghouse', 'unknown'] as const;

/** The facts of one HHS OCR breach report (never its free-text description). */
export const RegulatorReport = z
  .object({
    entity: z.string().min(1).describe('the reporting covered entity or business associate, as filed'),
    entityType: z.enum(HHS_ENTITY_TYPES),
    state: z.string().regex(/^[A-Z]{2}$/).optional(),
    breachTypes: z.array(z.string().min(1)).describe('e.g. "Hacking/IT Incident", "Theft"'),
    locations: z.array(z.string().min(1)).describe('e.g. "Network Server", "Email"'),
    businessAssociatePresent: z.boolean(),
  })
  .strict();
export type RegulatorReport = z.infer<typeof RegulatorReport>;

export const Incident = z
  .object({
    id: slug.describe('stable identifier'),
    vendorIds: z.array(slug).min(1).describe('the vendors and organisations breached or named as the cause'),
    title: z.string().min(3).describe('a short headline'),
    dates: IncidentDates.describe('occurred, discovered, disclosed, reported (ISO dates; at least one)'),
    type: IncidentType.describe(`one of ${INCIDENT_TYPES.join(', ')}`),
    vector: z.string().optional().describe('how the attacker got in, when known'),
    affected: Affected,
    dataTypes: z.array(z.string().min(2)).default([]).describe('kinds of data exposed ("names", "SSN", ...)'),
    status: IncidentStatus.describe(`one of ${INCIDENT_STATUSES.join(', ')}`),
    verified: z
      .boolean()
      .default(true)
      .describe('false when the only source is unconfirmed reporting (shown as "unverified", as HIBP does)'),
    duration: z.string().optional().describe('how long the attacker had access, in words ("about 8 hours")'),
    downstream: z.string().optional().describe('customers and patients affected downstream'),
    response: z.array(z.string().min(2)).default([]).describe('what the organisation did ("credit monitoring offered")'),
    sources: z.array(Source).min(1).describe('where the facts come from: {title, url?, publisher?, date?}'),
    origin: z
      .enum(['curated', 'hhs-ocr'])
      .default('curated')
      .describe('which source the record was built from: "curated" or "hhs-ocr"'),
    report: RegulatorReport.optional().describe(
      'HHS OCR report facts: entity, entityType, state, breachTypes[], locations[], businessAssociatePresent',
    ),
    derivedLinks: z
      .array(z.object({ vendorId: slug, rule: z.string().min(1) }).strict())
      .default([])
      .describe('vendors linked by a derived fact (e.g. a client report naming the vendor behind it) and the rule'),
  })
  .strict();
export type Incident = z.infer<typeof Incident>;
export type IncidentInput = z.input<typeof Incident>;

export const DatasetBundle = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION).describe(`format of the bundle; this build reads ${SCHEMA_VERSION}`),
    version: z
      .string()
      .regex(/^\d+(?:\.\d+){0,3}$/, 'must be a dotted number such as "2026.11.28"')
      .describe('dotted number compared part by part; an update must be newer than the active dataset'),
    generatedAt: z.iso.datetime().describe('when the bundle was built (ISO date-time)'),
    vendors: z.array(Vendor).describe('vendors and organisations'),
    incidents: z.array(Incident).describe('breaches and other incidents, each tied to one or more vendors'),
  })
  .strict();
export type DatasetBundle = z.infer<typeof DatasetBundle>;
