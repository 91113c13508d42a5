import { z } from 'zod';
import { DatasetBundle, type Incident, type Vendor } from './schema';
import { checkIntegrity } from './integrity';

/** A validated bundle with the look-ups every view needs. */
export interface Dataset {
  bundle: DatasetBundle;
  vendorById: Map<string, Vendor>;
  incidentsByVendor: Map<string, Incident[]>;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses untrusted JSON (bundled file, update, import) into a bundle, or says precisely why not. */
export function parseBundle(input: unknown): ParseResult<DatasetBundle> {
  const parsed = DatasetBundle.safeParse(input);
  if (!parsed.success) return { ok: false, reason: `invalid dataset: ${describeZodError(parsed.error)}` };
  const problems = checkIntegrity(parsed.data);
  if (problems.length) {
    return { ok: false, reason: `invalid dataset: ${problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`).join('; ')}` };
  }
  return { ok: true, value: parsed.data };
}

export function indexDataset(bundle: DatasetBundle): Dataset {
  const vendorById = new Map(bundle.vendors.map((v) => [v.id, v]));
  const incidentsByVendor = new Map<string, Incident[]>();
  for (const incident of bundle.incidents) {
    for (const id of incident.vendorIds) {
      const list = incidentsByVendor.get(id);
      if (list) list.push(incident);
      else incidentsByVendor.set(id, [incident]);
    }
  }
  return { bundle, vendorById, incidentsByVendor };
}

export function incidentsOf(dataset: Dataset, vendorId: string): Incident[] {
  return dataset.incidentsByVendor.get(vendorId) ?? [];
}

/** Compares dotted versions numerically: "2026.11.28" > "2026.9.30". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
