import { BLOCK_BREAK } from '../matching/fold';
import type { PageSignals } from './signals';

/** Elements whose text is not prose a reader sees, or is the user's own typing. */
// By localName: lower case for HTML elements, and one string less to make than tagName.toUpperCase().
const SKIPPED = new Set(['script', 'style', 'noscript', 'textarea', 'input', 'select', 'option', 'template', 'svg', 'canvas', 'iframe', 'object', 'head', 'title']);

/** Elements that break a line: text on either side must not run together ("Change" / "Healthcare" in two cells). */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'button', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Marks the extension's own UI so a rescan never reads it. */
export const MARKER_TAG = 'vendor-risk-marker';

/** The elements isSkipped skips, as a selector. */
export const SKIPPED_SELECTOR = [
  ...SKIPPED,
  MARKER_TAG,
  '[contenteditable]:not([contenteditable="false"])',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

/** The block elements that can hold text (BLOCKS without the empty ones, br and hr), as a selector for closest(). */
export const BLOCK_SELECTOR = [...BLOCKS].filter((tag) => tag !== 'br' && tag !== 'hr').join(',');

/**
 * What a block must not hold for its text to be read whole (with textContent): text the walk leaves out,
 * or a block (its own block breaks).
 */
const NOT_WHOLE_SELECTOR = `${SKIPPED_SELECTOR},${[...BLOCKS].join(',')}`;

/** Links detection reads: all but those to the page itself ("#top"), which say nothing the page's address does not. */
const LINK_SELECTOR = 'a[href]:not([href^="#"]),area[href]:not([href^="#"])';
/** Scripts loaded from an address. */
export const SCRIPT_SELECTOR = 'script[src]';
const FRAME_SELECTOR = 'iframe[src],frame[src]';
const IMAGE_SELECTOR = 'img[alt]:not([alt=""])';
/** Every element whose address or text detection reads (see readResources). */
const RESOURCE_SELECTOR = [LINK_SELECTOR, SCRIPT_SELECTOR, FRAME_SELECTOR, IMAGE_SELECTOR].join(',');

/**
 * Where a piece of the page text sits in `PageSignals.text`, so a mention can be traced back to the page: a
 * text node, or (in the content script's walk) a block whose text was read whole (see textNodeAt).
 */
export interface TextSegment {
  node: Text | Element;
  start: number;
}

export interface PageReading {
  signals: PageSignals;
  segments: TextSegment[];
}

function isSkipped(element: Element, tag = element.localName): boolean {
  if (SKIPPED.has(tag) || tag === MARKER_TAG) return true;
  // Most elements have no attributes at all: one call instead of four.
  if (!element.hasAttributes()) return false;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden');
}

/**
 * Visible text of a subtree in document order, with the node each piece came from. Walks the tree by
 * hand (first child, next sibling) rather than with a filtered TreeWalker: it skips whole subtrees the
 * same way in every browser and in linkedom, which ignores TreeWalker filters.
 */
export function readText(root: Node, offset = 0): { text: string; segments: TextSegment[] } {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = offset;
  const breakBlock = () => {
    if (parts.length && parts[parts.length - 1] !== BLOCK_BREAK) {
      parts.push(BLOCK_BREAK);
      length += 1;
    }
  };
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const value = (node as Text).data;
      if (value) {
        segments.push({ node: node as Text, start: length });
        parts.push(value);
        length += value.length;
      }
    } else if (node.nodeType === 1 && !isSkipped(node as Element)) {
      if (BLOCKS.has((node as Element).localName)) breakBlock();
      descend = node.firstChild !== null;
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Climb until a next sibling exists, closing the blocks we leave.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === 1 && BLOCKS.has((node as Element).localName)) breakBlock();
    }
    if (!node || node === root) break;
    if (node.nodeType === 1 && BLOCKS.has((node as Element).localName)) breakBlock();
    node = node.nextSibling;
  }
  return { text: parts.join(''), segments };
}

/** Where a walk of a page's text stands; resumable, so reading a big page can yield to the page between slices. */
export interface TextChunk {
  /** Text of whole blocks (it ends at a block break or at the end of the walk), and the nodes it came from. */
  text: string;
  segments: TextSegment[];
  links: string[];
  scripts: string[];
  iframes: string[];
  imageAlts: string[];
}

/**
 * The same text as readText, read with a TreeWalker in pieces: `next(deadline)` walks until a chunk of at
 * least `chunkChars` characters ends at a block break (returned), the walk ends (the rest is returned, then
 * null), or performance.now() passes `deadline` (returns undefined: call again later to go on). It shows
 * elements and text only, descends into no skipped element, and never reads layout (no innerText, no
 * geometry). A block that holds only text and inline elements (most paragraphs, list items and cells) is
 * read whole with textContent, one call instead of one per node inside it. The first chunk also holds the
 * link, script, frame and image signals of the root (see readResources). The CLI keeps readText: linkedom's
 * TreeWalker is not complete enough.
 *
 * A returned chunk is the walker's own and is emptied by the next call: read it before calling again. The
 * walk allocates no chunks: making a new one at the end of each cost about 1.3 ms a page in a profile, most
 * likely V8 throwing away the loop it had optimised while the first chunk was read, at code that had not run
 * yet.
 */
export function createTextWalker(root: Node, chunkChars = 4_096) {
  const doc = root.ownerDocument ?? (root as Document);
  // 1 = SHOW_ELEMENT, 4 = SHOW_TEXT
  const walker = doc.createTreeWalker(root, 1 | 4);
  const chunk: TextChunk = { text: '', segments: [], links: [], scripts: [], iframes: [], imageAlts: [] };
  readResources(root, chunk);
  /** Whether `chunk` was returned whole, so the next call starts it afresh. */
  let returned = false;
  /** Whether the chunk's text is empty or ends with a block break: a break is never doubled. */
  let lastBreak = true;
  let done = false;
  /** Whether to descend into `current`: the root, at first. */
  let descend = true;
  /** The walker's current node, kept here: asking the walker for it is one more call into the DOM. */
  let current: Node = root;
  /** Whether `current` is a block element, known from when it was reached. */
  let currentIsBlock = false;

  return {
    next(deadline = Infinity): TextChunk | null | undefined {
      if (done) return null;
      if (returned) {
        returned = false;
        chunk.text = '';
        chunk.segments.length = 0;
        chunk.links.length = 0;
        chunk.scripts.length = 0;
        chunk.iframes.length = 0;
        chunk.imageAlts.length = 0;
      }
      // The walk's state in locals while it runs: a page's first walk runs in V8's interpreter, where each
      // closure variable costs a lookup, and this loop runs once per node of the page.
      const out = chunk;
      const whole = NOT_WHOLE_SELECTOR;
      // Offsets are text.length: a chunk starts at 0, as it is scanned on its own.
      let text = out.text;
      let broken = lastBreak;
      let node = current;
      let down = descend;
      let block = currentIsBlock;
      let steps = 0;
      let paused = false;
      walk: for (;;) {
        // Go down if the last node wants it, else on to a sibling, climbing out of the nodes we leave. As in
        // readText: leaving a block that has a next sibling (of any kind), or climbing out of a block, breaks
        // the text.
        let moved: Node | null = down ? walker.firstChild() : null;
        while (!moved) {
          if (node === root) {
            done = true;
            break walk;
          }
          if (block && !broken && node.nextSibling) {
            text += BLOCK_BREAK;
            broken = true;
          }
          moved = walker.nextSibling();
          if (moved) break;
          const parent = walker.parentNode();
          if (!parent || parent === root) {
            done = true;
            break walk;
          }
          node = parent;
          block = BLOCKS.has((parent as Element).localName);
          if (block && !broken) {
            text += BLOCK_BREAK;
            broken = true;
          }
        }
        node = moved;
        if (moved.nodeType === 3) {
          down = false;
          block = false;
          const value = (moved as Text).data;
          if (value) {
            out.segments.push({ node: moved as Text, start: text.length });
            text += value;
            broken = false;
          }
        } else {
          const element = moved as Element;
          const tag = element.localName;
          // An element without children: walker.firstChild() finds none, which costs less than asking first.
          down = !isSkipped(element, tag);
          block = BLOCKS.has(tag);
          if (down && block) {
            if (!broken) {
              text += BLOCK_BREAK;
              broken = true;
            }
            if (element.querySelector(whole) === null) {
              // Nothing inside is left out or breaks the text: all of it, as the walk would read it.
              down = false;
              const value = element.textContent;
              // Leaving a block breaks the text, as climbing out of it would.
              if (value) {
                out.segments.push({ node: element, start: text.length });
                text += value + BLOCK_BREAK;
              }
            }
          }
        }
        if (broken && text.length >= chunkChars) break;
        if ((++steps & 31) === 0 && performance.now() > deadline) {
          paused = true;
          break;
        }
      }
      out.text = text;
      current = node;
      currentIsBlock = block;
      descend = down;
      if (paused) {
        lastBreak = broken;
        return undefined;
      }
      returned = true;
      lastBreak = true;
      return out;
    },
  };
}

/**
 * The link, script, frame and image signals under the root, found by selector (native work, no element handed
 * to script that carries none): those whose parent the text walk reads (an element's own signal is read even
 * when its content is skipped). Links to the page itself ("#top") are left out, and an address as written is
 * resolved once.
 */
function readResources(root: Node, out: Pick<TextChunk, 'links' | 'scripts' | 'iframes' | 'imageAlts'>): void {
  if (root.nodeType !== 1 && root.nodeType !== 9) return;
  const hrefs = new Set<string>();
  // One selector for all four: a changed block of a growing page usually has none of them, found in one call.
  for (const element of (root as ParentNode).querySelectorAll(RESOURCE_SELECTOR)) {
    if (element.parentElement?.closest(SKIPPED_SELECTOR)) continue;
    const tag = element.localName;
    if (tag === 'a' || tag === 'area') {
      const raw = element.getAttribute('href')!;
      if (hrefs.has(raw)) continue;
      hrefs.add(raw);
      const href = (element as HTMLAnchorElement).href;
      if (href) out.links.push(href);
    } else if (tag === 'img') {
      out.imageAlts.push(element.getAttribute('alt')!);
    } else {
      // Resolved by the browser; empty when the attribute holds no address.
      const src = (element as HTMLScriptElement | HTMLIFrameElement).src;
      if (src) (tag === 'script' ? out.scripts : out.iframes).push(src);
    }
  }
}

function absoluteUrls(doc: Document, selector: string, attribute: string, base: string | null): string[] {
  const urls: string[] = [];
  for (const element of doc.querySelectorAll(selector)) {
    const raw = element.getAttribute(attribute);
    if (!raw) continue;
    try {
      urls.push(base ? new URL(raw, base).href : new URL(raw).href);
    } catch {
      // not an address: ignore
    }
  }
  return urls;
}

/** The address relative links resolve against: a `<base href>` when it is a valid address, else the page's. */
function baseAddress(doc: Document, url: string): string {
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  if (!base) return url;
  try {
    return new URL(base, url).href;
  } catch {
    return url; // a broken <base> must not stop the page from being read
  }
}

/** Reads every signal detection uses from a document: the live page, or a saved one parsed by linkedom. */
export function readPage(doc: Document, url: string | null): PageReading {
  const body = doc.body ?? doc.documentElement;
  const { text, segments } = body ? readText(body) : { text: '', segments: [] };
  const baseUrl = url ? baseAddress(doc, url) : null;
  return {
    signals: {
      url,
      title: doc.title ?? '',
      text,
      links: absoluteUrls(doc, LINK_SELECTOR, 'href', baseUrl),
      scripts: absoluteUrls(doc, SCRIPT_SELECTOR, 'src', baseUrl),
      iframes: absoluteUrls(doc, FRAME_SELECTOR, 'src', baseUrl),
      imageAlts: [...doc.querySelectorAll(IMAGE_SELECTOR)].map((img) => img.getAttribute('alt')!),
    },
    segments,
  };
}

/** The length of a segment's text. */
function segmentLength(node: Text | Element): number {
  return node.nodeType === 3 ? (node as Text).data.length : (node.textContent ?? '').length;
}

/**
 * The text node holding offset `at` of the page text (segments are in ascending order); in a block read
 * whole, found by walking that block's text nodes.
 */
export function textNodeAt(segments: readonly TextSegment[], at: number): Text | null {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.start + segmentLength(s.node)) lo = mid + 1;
    else return s.node.nodeType === 3 ? (s.node as Text) : textNodeIn(s.node as Element, at - s.start);
  }
  return null;
}

/** The text node holding offset `at` of an element's textContent. */
function textNodeIn(element: Element, at: number): Text | null {
  // 4 = SHOW_TEXT
  const walker = (element.ownerDocument ?? document).createTreeWalker(element, 4);
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    offset += (node as Text).data.length;
    if (at < offset) return node as Text;
  }
  return null;
}
