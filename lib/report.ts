import type { Dataset } from './dataset/dataset';
import { incidentsOf } from './dataset/dataset';
import type { Incident, Vendor } from './dataset/schema';
import type { Detection, Evidence } from './detection/signals';
import { sortIncidents, summariseHistory, type HistorySummary } from './risk/history';
import { compareSeverity } from './risk/severity';

/** One detected vendor as every view shows it: who, why, and its history. */
export interface VendorReport {
  vendor: Vendor;
  summary: HistorySummary;
  incidents: Incident[];
  evidence: Evidence[];
}

export function reportVendor(dataset: Dataset, vendorId: string, evidence: Evidence[], now: Date): VendorReport | null {
  const vendor = dataset.vendorById.get(vendorId);
  if (!vendor) return null;
  const incidents = sortIncidents(incidentsOf(dataset, vendorId));
  return { vendor, summary: summariseHistory(incidents, now), incidents, evidence };
}

/** Detected vendors, worst history first, then most incidents, then by name. */
export function reportDetections(dataset: Dataset, detections: readonly Detection[], now: Date): VendorReport[] {
  return detections
    .map((d) => reportVendor(dataset, d.vendorId, d.evidence, now))
    .filter((r): r is VendorReport => r !== null)
    .sort(
      (a, b) =>
        compareSeverity(a.summary.severity, b.summary.severity) ||
        b.summary.count - a.summary.count ||
        a.vendor.name.localeCompare(b.vendor.name),
    );
}
