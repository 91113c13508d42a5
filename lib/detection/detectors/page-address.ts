import { vendorsForUrl } from '../hosts';
import type { Detector } from './detector';

/** The page's own address: a `*.carecloud.com` portal, or a `/MyChart/` path on a hospital's host. */
export const pageAddressDetector: Detector = (signals, index) =>
  signals.url
    ? vendorsForUrl(index, signals.url).map((m) => ({
        vendor: m.vendor,
        evidence: { kind: m.rule === 'domain' ? 'host' : 'portal', text: m.text },
      }))
    : [];
