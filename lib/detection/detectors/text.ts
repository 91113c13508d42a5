import { hasHealthcareContext } from '../context';
import { findMentions, matchPageText } from '../mentions';
import { snippet } from '../snippet';
import type { Detector } from './detector';

/** Names in the visible text. A healthcare page title vouches for ambiguous names anywhere on the page. */
export const textDetector: Detector = (signals, index) => {
  const contextGranted = hasHealthcareContext(signals.title);
  return findMentions(index, signals.text, { contextGranted }, matchPageText(signals, index)).map((m) => ({
    vendor: m.vendor,
    evidence: { kind: 'text', text: snippet(signals.text, m.start, m.end) },
    mention: { start: m.start, end: m.end },
  }));
};

export const titleDetector: Detector = (signals, index) =>
  findMentions(index, signals.title).map((m) => ({
    vendor: m.vendor,
    evidence: { kind: 'title', text: snippet(signals.title, m.start, m.end) },
  }));

export const imageAltDetector: Detector = (signals, index) =>
  signals.imageAlts.flatMap((alt) =>
    findMentions(index, alt).map((m) => ({ vendor: m.vendor, evidence: { kind: 'image' as const, text: alt.trim() } })),
  );
