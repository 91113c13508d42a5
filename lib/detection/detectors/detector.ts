import type { DetectionIndex } from '../detection-index';
import type { Finding, PageSignals } from '../signals';

/** One page signal, one detector: each reads `PageSignals` and reports what it found and why. */
export type Detector = (signals: PageSignals, index: DetectionIndex) => Finding[];
