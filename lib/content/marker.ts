import type { MarkerInfo } from '../messages';
import { BADGE_COLOR } from '../badge';
import { MARKER_TAG } from '../detection/read-page';

// The host element sits in the page: `!important` so that page rules such as `* { all: unset !important }`
// cannot restyle it (the shadow root's own elements are out of their reach anyway).
const STYLE = `
:host { all: initial !important; display: inline-block !important; position: relative !important;
  vertical-align: baseline !important; margin: 0 0 0 .25em !important; }
.pill { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: .25em; cursor: help;
  font: 600 11px/1.4 system-ui, sans-serif; color: #fff; border-radius: 8px; padding: 0 .5em; white-space: nowrap; }
.pill:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
${(Object.keys(BADGE_COLOR) as (keyof typeof BADGE_COLOR)[]).map((s) => `.pill.${s} { background: ${BADGE_COLOR[s]}; }`).join('\n')}
.card { display: none; position: absolute; z-index: 2147483647; left: 0; top: calc(100% + 4px); width: 280px;
  box-sizing: border-box; padding: 10px 12px; border-radius: 8px; background: #fff; color: #202124;
  border: 1px solid #dadce0; box-shadow: 0 4px 16px rgba(0,0,0,.2); font: 13px/1.45 system-ui, sans-serif;
  text-align: left; white-space: normal; }
:host(:hover) .card, .pill:focus + .card { display: block; }
.name { font-weight: 600; margin: 0 0 4px; }
.hint { margin: 6px 0 0; color: #5f6368; font-size: 12px; }
@media (prefers-color-scheme: dark) {
  .card { background: #202124; color: #e8eaed; border-color: #5f6368; }
  .hint { color: #bdc1c6; }
}`;

const SEVERITY_WORD = { high: 'High', medium: 'Medium', low: 'Low', none: 'No' } as const;

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string) {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One parsed style sheet per document, shared by every marker's shadow root: parsing CSS per marker costs the page. */
const sheets = new WeakMap<Document, CSSStyleSheet>();

function applyStyle(doc: Document, root: ShadowRoot): void {
  try {
    let sheet = sheets.get(doc);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      sheets.set(doc, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Constructable style sheets are missing in some content-script worlds: fall back to a <style>.
    root.append(element(doc, 'style', '', STYLE));
  }
}

/**
 * A marker after a vendor's first mention: a small pill in a closed shadow root (page CSS cannot reach in,
 * ours cannot leak out) with a card of the vendor's history on hover or keyboard focus. All strings are
 * set as text, never parsed as HTML.
 */
export function createMarker(doc: Document, info: MarkerInfo): HTMLElement {
  // Attributes and classes rather than `dataset` and `style`: each of those is one more object per marker.
  const host = doc.createElement(MARKER_TAG);
  host.setAttribute('data-vendor', info.vendorId);
  host.setAttribute('data-severity', info.severity);
  const root = host.attachShadow({ mode: 'closed' });
  applyStyle(doc, root);
  const pill = element(doc, 'span', `pill ${info.severity}`, `⚠ breach history`);
  pill.tabIndex = 0;
  pill.setAttribute('role', 'note');
  pill.setAttribute('aria-label', `${info.name}: ${SEVERITY_WORD[info.severity]} breach severity. ${info.summary}`);
  root.append(pill);
  // The card is built when first wanted (a pointer over the marker, or keyboard focus on it): a page with
  // many vendors pays for the pills only.
  const showCard = () => {
    host.removeEventListener('pointerenter', showCard);
    host.removeEventListener('focusin', showCard);
    const card = element(doc, 'span', 'card');
    card.setAttribute('aria-hidden', 'true');
    card.append(
      element(doc, 'p', 'name', info.name),
      element(doc, 'span', '', info.summary),
      element(doc, 'p', 'hint', `${SEVERITY_WORD[info.severity]} severity. Open the Vendor Breach Radar button for details.`),
    );
    root.append(card);
  };
  host.addEventListener('pointerenter', showCard);
  host.addEventListener('focusin', showCard);
  return host;
}

const SEVERITIES: readonly string[] = ['high', 'medium', 'low', 'none'];

/**
 * The markers in the background's reply to 'page-detections' (PageDetectionsReply in lib/messages.ts),
 * checked by hand so zod stays out of the content script; throws on a malformed reply.
 */
export function markersOf(reply: unknown): MarkerInfo[] {
  const markers = (reply as { markers?: unknown } | null | undefined)?.markers;
  if (!Array.isArray(markers)) throw new Error('malformed reply');
  for (const m of markers as Partial<Record<keyof MarkerInfo, unknown>>[]) {
    if (
      !m || typeof m !== 'object' || typeof m.vendorId !== 'string' || typeof m.name !== 'string' ||
      typeof m.summary !== 'string' || typeof m.severity !== 'string' || !SEVERITIES.includes(m.severity)
    ) {
      throw new Error('malformed reply');
    }
  }
  return markers as MarkerInfo[];
}
