import { z } from 'zod';
import { HHS_ENTITY_TYPES } from '../dataset/schema';

/**
 * One row of a portal export, read into typed facts. The free-text description is carried only so the
 * importer can find vendors named in it; it is never written out.
 */
export const HhsReport = z
  .object({
    file: z.string(),
    line: z.number().int().positive(),
    entity: z.string().min(1),
    entityType: z.enum(HHS_ENTITY_TYPES),
    state: z.string().regex(/^[A-Z]{2}$/).optional(),
    /** null when the export leaves the count blank */
    affected: z.number().int().nonnegative().nullable(),
    submitted: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    breachTypes: z.array(z.string().min(1)),
    locations: z.array(z.string().min(1)),
    businessAssociatePresent: z.boolean(),
    description: z.string().optional(),
  })
  .strict();
export type HhsReport = z.infer<typeof HhsReport>;

export type HhsField =
  | 'entity'
  | 'state'
  | 'entityType'
  | 'affected'
  | 'submitted'
  | 'breachTypes'
  | 'locations'
  | 'businessAssociatePresent'
  | 'description';

/** Header names seen in portal exports and their re-uploads, reduced to lower-case letters and digits. */
const HEADER_NAMES: Record<string, HhsField> = {
  nameofcoveredentity: 'entity',
  coveredentityname: 'entity',
  nameofcoveredentityorbusinessassociate: 'entity',
  entityname: 'entity',
  name: 'entity',
  state: 'state',
  coveredentitytype: 'entityType',
  entitytype: 'entityType',
  individualsaffected: 'affected',
  breachsubmissiondate: 'submitted',
  breachsubmissiondateiso: 'submitted',
  submissiondate: 'submitted',
  typeofbreach: 'breachTypes',
  breachtype: 'breachTypes',
  locationofbreachedinformation: 'locations',
  location: 'locations',
  businessassociatepresent: 'businessAssociatePresent',
  webdescription: 'description',
  description: 'description',
};

const REQUIRED: HhsField[] = ['entity', 'entityType', 'affected', 'submitted', 'breachTypes', 'businessAssociatePresent'];

export interface HeaderMap {
  columns: Partial<Record<HhsField, number>>;
  /** required columns the header lacks */
  missing: HhsField[];
  /** columns the importer does not read ("Year", "Source Snapshot", ...) */
  ignored: string[];
  width: number;
}

export function mapHeader(header: string[]): HeaderMap {
  const columns: Partial<Record<HhsField, number>> = {};
  const ignored: string[] = [];
  header.forEach((raw, index) => {
    const key = raw.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
    const field = HEADER_NAMES[key];
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
    else ignored.push(raw);
  });
  return { columns, missing: REQUIRED.filter((f) => columns[f] === undefined), ignored, width: header.length };
}

const ENTITY_TYPES: Record<string, HhsReport['entityType']> = {
  healthcareprovider: 'provider',
  provider: 'provider',
  healthplan: 'health-plan',
  businessassociate: 'business-associate',
  healthcareclearinghouse: 'clearinghouse',
  clearinghouse: 'clearinghouse',
};

/** M/D/YYYY (the portal's own format) or YYYY-MM-DD to an ISO date; undefined if it is not a real date. */
export function parsePortalDate(value: string): string | undefined {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (match) {
    [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(v))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "12,345" or "12345" to a number; blank to null; anything else undefined. */
export function parseCount(value: string): number | null | undefined {
  const v = value.trim().replace(/,/g, '');
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** The portal joins several breach types or locations with ", ". */
export function splitList(value: string): string[] {
  return [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
}

export type RowResult = { ok: true; report: HhsReport } | { ok: false; reason: string };

export function parseRow(fields: string[], header: HeaderMap, where: { file: string; line: number }): RowResult {
  if (fields.length !== header.width) {
    return { ok: false, reason: `expected ${header.width} fields, found ${fields.length}` };
  }
  const get = (f: HhsField): string => {
    const i = header.columns[f];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };

  const entity = get('entity').replace(/\s+/g, ' ');
  if (!entity) return { ok: false, reason: 'the entity name is blank' };

  const typeText = get('entityType');
  // A blank type (a few archived rows) is kept as 'unknown'; an unreadable one is a bad row.
  const entityType = typeText ? ENTITY_TYPES[typeText.toLowerCase().replace(/[^a-z]/g, '')] : 'unknown';
  if (!entityType) return { ok: false, reason: `unknown entity type "${typeText}"` };

  const stateText = get('state').toUpperCase();
  if (stateText && !/^[A-Z]{2}$/.test(stateText)) return { ok: false, reason: `unreadable state "${stateText}"` };

  const affected = parseCount(get('affected'));
  if (affected === undefined) return { ok: false, reason: `unreadable individuals affected "${get('affected')}"` };

  const submitted = parsePortalDate(get('submitted'));
  if (!submitted) return { ok: false, reason: `unreadable submission date "${get('submitted')}"` };

  const baText = get('businessAssociatePresent').toLowerCase();
  const businessAssociatePresent = ['yes', 'y', 'true'].includes(baText)
    ? true
    : ['no', 'n', 'false'].includes(baText)
      ? false
      : undefined;
  if (businessAssociatePresent === undefined) {
    return { ok: false, reason: `unreadable business associate present "${get('businessAssociatePresent')}"` };
  }

  const description = get('description');
  const candidate = {
    file: where.file,
    line: where.line,
    entity,
    entityType,
    ...(stateText ? { state: stateText } : {}),
    affected,
    submitted,
    breachTypes: splitList(get('breachTypes')),
    locations: splitList(get('locations')),
    businessAssociatePresent,
    // "\N" is a database export's null marker, seen in the archive
    ...(description && description !== '\\N' ? { description } : {}),
  };
  const parsed = HhsReport.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, report: parsed.data };
}
