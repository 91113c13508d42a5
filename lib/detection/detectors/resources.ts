import type { EvidenceKind, Finding } from '../signals';
import { vendorsForUrl } from '../hosts';
import type { DetectionIndex } from '../detection-index';
import type { Detector } from './detector';

function fromUrls(index: DetectionIndex, urls: readonly string[], kind: EvidenceKind): Finding[] {
  const findings: Finding[] = [];
  for (const url of new Set(urls)) {
    for (const m of vendorsForUrl(index, url)) findings.push({ vendor: m.vendor, evidence: { kind, text: m.text } });
  }
  return findings;
}

/** Link targets: a page that links to a vendor's site or portal is about, or uses, that vendor. */
export const linkDetector: Detector = (signals, index) => fromUrls(index, signals.links, 'link');

/** Scripts and frames loaded from vendor hosts: an embedded scheduler, chat, payment or portal widget. */
export const scriptDetector: Detector = (signals, index) => fromUrls(index, signals.scripts, 'script');
export const iframeDetector: Detector = (signals, index) => fromUrls(index, signals.iframes, 'iframe');
