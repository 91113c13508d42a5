/**
 * What the browser tests expect, computed from the bundled dataset (data/bundle.json, the data the build
 * embeds) with the product's own rules, so the tests follow curation and HHS imports instead of breaking on
 * every new incident. The rules themselves (severity, badge wording) are unit-tested; these tests check that
 * the real browser shows what the rules say. Stable facts (Change Healthcare is red: 190 million people)
 * are still asserted literally in the tests.
 */
import bundleJson from '../../data/bundle.json';
import { badgeFor, type BadgeState } from '../../lib/badge';
import { incidentsOf, indexDataset, parseBundle } from '../../lib/dataset/dataset';
import { reportDetections, type VendorReport } from '../../lib/report';
import { describeHistory } from '../../lib/risk/describe';

const parsed = parseBundle(bundleJson);
if (!parsed.ok) throw new Error(`data/bundle.json is invalid: ${parsed.reason}`);
export const dataset = indexDataset(parsed.value);

/** The popup's and badge's view of these vendors, as the background computes it now. */
export function reportsFor(vendorIds: readonly string[]): VendorReport[] {
  return reportDetections(
    dataset,
    vendorIds.map((vendorId) => ({ vendorId, evidence: [] })),
    new Date(),
  );
}

export function expectedBadge(vendorIds: readonly string[]): BadgeState {
  const badge = badgeFor(reportsFor(vendorIds));
  return { ...badge, color: badge.color.toUpperCase() };
}

export function summaryOf(vendorId: string): string {
  return describeHistory(reportsFor([vendorId])[0]!.summary);
}

/** Incident ids of a vendor in the popup's order. */
export function incidentIdsOf(vendorId: string): string[] {
  return reportsFor([vendorId])[0]!.incidents.map((i) => i.id);
}

/**
 * A vendor without any incident, for the grey "0" page (no-incidents.html?vendor=NAME): the first of a few
 * unambiguous names that still has a clean record in the dataset.
 */
export function vendorWithoutIncidents(): { id: string; name: string } {
  const preferred = ['surescripts', 'covermymeds', 'practice-fusion', 'health-gorilla', 'imprivata', 'phreesia'];
  for (const id of preferred) {
    const vendor = dataset.vendorById.get(id);
    if (vendor && vendor.match.textDetection && vendor.match.needsContext.length === 0 && incidentsOf(dataset, id).length === 0) {
      return { id, name: vendor.name };
    }
  }
  throw new Error(`none of ${preferred.join(', ')} is free of incidents any more: pick another vendor`);
}
