import type { PageSignals } from '../signals';
import type { Detector } from './detector';
import { footerDetector } from './footer';
import { pageAddressDetector } from './page-address';
import { iframeDetector, linkDetector, scriptDetector } from './resources';
import { imageAltDetector, textDetector, titleDetector } from './text';

/**
 * Every page signal's detector with the signal it reads, in the order their evidence is shown (strongest
 * first). A detector whose signal is empty is not run: most of the content script's pieces of a page are
 * text alone.
 */
export const DETECTORS: readonly (readonly [Detector, keyof PageSignals])[] = [
  [pageAddressDetector, 'url'],
  [footerDetector, 'text'],
  [titleDetector, 'title'],
  [textDetector, 'text'],
  [scriptDetector, 'scripts'],
  [iframeDetector, 'iframes'],
  [linkDetector, 'links'],
  [imageAltDetector, 'imageAlts'],
];
