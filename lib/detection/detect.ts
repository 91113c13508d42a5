import type { DetectionIndex } from './detection-index';
import { DETECTORS } from './detectors';
import type { Detection, PageSignals } from './signals';

/** Enough evidence to explain a detection without burying the popup. */
const MAX_EVIDENCE = 5;

/** Runs every detector over a page and merges their findings per vendor, strongest evidence first. */
export function detectVendors(signals: PageSignals, index: DetectionIndex): Detection[] {
  const byVendor = new Map<number, Detection>();
  for (const [detector, reads] of DETECTORS) {
    // '' , null and [] alike: nothing to read.
    if (!signals[reads]?.length) continue;
    for (const finding of detector(signals, index)) {
      let detection = byVendor.get(finding.vendor);
      if (!detection) {
        detection = { vendorId: index.vendorIds.at(finding.vendor)!, evidence: [] };
        byVendor.set(finding.vendor, detection);
      }
      const { evidence } = finding;
      const seen = detection.evidence.some((e) => e.kind === evidence.kind && e.text === evidence.text);
      if (!seen && detection.evidence.length < MAX_EVIDENCE) detection.evidence.push(evidence);
      if (finding.mention && (!detection.mention || finding.mention.start < detection.mention.start)) {
        detection.mention = finding.mention;
      }
    }
  }
  return [...byVendor.values()];
}
