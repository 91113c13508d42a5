import type { Detector } from './detector';
import { footerDetector } from './footer';
import { pageAddressDetector } from './page-address';
import { iframeDetector, linkDetector, scriptDetector } from './resources';
import { imageAltDetector, textDetector, titleDetector } from './text';

/** Every page signal's detector, in the order their evidence is shown (strongest first). */
export const DETECTORS: readonly Detector[] = [
  pageAddressDetector,
  footerDetector,
  titleDetector,
  textDetector,
  scriptDetector,
  iframeDetector,
  linkDetector,
  imageAltDetector,
];
