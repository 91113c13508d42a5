/** What a page offers detection: read from a live DOM by the content script, or from saved HTML by the CLI. */
export interface PageSignals {
  /** The address of the page, when known. */
  url: string | null;
  title: string;
  /** Visible text in document order; block boundaries become line breaks. */
  text: string;
  /** Absolute URLs of a[href], script[src] and iframe[src]. */
  links: string[];
  scripts: string[];
  iframes: string[];
  imageAlts: string[];
}

export const EVIDENCE_KINDS = ['host', 'portal', 'title', 'text', 'footer', 'link', 'script', 'iframe', 'image'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Why a vendor was detected: which signal, and a short snippet of it. */
export interface Evidence {
  kind: EvidenceKind;
  text: string;
}

/** One detector's finding; `mention` is set for findings in `PageSignals.text` (where a marker can go). */
export interface Finding {
  vendor: number;
  evidence: Evidence;
  mention?: { start: number; end: number };
}

export interface Detection {
  vendorId: string;
  evidence: Evidence[];
  /** First mention in the page text, for the inline marker. */
  mention?: { start: number; end: number };
}
