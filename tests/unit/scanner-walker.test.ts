import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createTextWalker, readText, textNodeAt, type TextSegment } from '../../lib/detection/read-page';
import { prng } from './helpers';

/**
 * linkedom's TreeWalker has no firstChild / nextSibling / parentNode: a stand-in with the DOM's semantics
 * for whatToShow = SHOW_ELEMENT | SHOW_TEXT or SHOW_TEXT (other nodes are passed over), enough to check
 * that the content script's walker reads exactly the text readText (the CLI's) reads.
 */
class Walker {
  currentNode: Node;
  constructor(
    readonly root: Node,
    readonly whatToShow: number,
  ) {
    this.currentNode = root;
  }
  private shown(n: Node): boolean {
    return (n.nodeType === 1 && (this.whatToShow & 1) !== 0) || n.nodeType === 3;
  }
  /** The next shown node in document order (pre-order, within root). */
  nextNode(): Node | null {
    let n: Node | null = this.currentNode;
    for (;;) {
      if (n.firstChild) n = n.firstChild;
      else {
        while (n && n !== this.root && !n.nextSibling) n = n.parentNode;
        if (!n || n === this.root) return null;
        n = n.nextSibling!;
      }
      if (this.shown(n)) return (this.currentNode = n);
    }
  }
  firstChild(): Node | null {
    for (let c = this.currentNode.firstChild; c; c = c.nextSibling) if (this.shown(c)) return (this.currentNode = c);
    return null;
  }
  nextSibling(): Node | null {
    if (this.currentNode === this.root) return null;
    for (let c = this.currentNode.nextSibling; c; c = c.nextSibling) if (this.shown(c)) return (this.currentNode = c);
    return null;
  }
  parentNode(): Node | null {
    if (this.currentNode === this.root) return null;
    const p = this.currentNode.parentNode;
    if (p) this.currentNode = p;
    return p;
  }
}

function parse(html: string): Document {
  const { document } = parseHTML(html);
  (document as unknown as { createTreeWalker: (root: Node, show: number) => Walker }).createTreeWalker = (root: Node, show: number) =>
    new Walker(root, show);
  return document as unknown as Document;
}

/** Everything the walker reads, chunk by chunk; `deadline` 0 makes it pause as often as it can. */
function walk(
  root: Node,
  chunkChars: number,
  deadline: number,
): { text: string; segments: TextSegment[]; links: string[]; alts: string[]; scripts: string[]; frames: string[] } {
  const walker = createTextWalker(root, chunkChars);
  let text = '';
  const segments: TextSegment[] = [];
  const links: string[] = [];
  const alts: string[] = [];
  const scripts: string[] = [];
  const frames: string[] = [];
  for (;;) {
    const chunk = walker.next(deadline);
    if (chunk === undefined) continue;
    if (chunk === null) break;
    for (const s of chunk.segments) segments.push({ node: s.node, start: text.length + s.start });
    links.push(...chunk.links);
    alts.push(...chunk.imageAlts);
    scripts.push(...chunk.scripts);
    frames.push(...chunk.iframes);
    text += chunk.text;
    // A chunk ends at a block break or at the end: pieces never split a block. (The walker empties its chunk
    // on the next call, so this is read first.)
    expect(chunk.text === '' || chunk.text.endsWith('\u2029') || walker.next() !== undefined).toBe(true);
  }
  return { text, segments, links, alts, scripts, frames };
}

/** Every character of every text node readText read traces back to that node through the walker's segments. */
function expectSameNodes(got: readonly TextSegment[], expected: readonly TextSegment[], label: string): void {
  for (const { node, start } of expected) {
    const length = (node as Text).data.length;
    for (const at of new Set([start, start + (length >> 1), start + length - 1])) expect(textNodeAt(got, at), `${label} at ${at}`).toBe(node);
  }
}


const TAGS = ['p', 'div', 'span', 'b', 'li', 'td', 'br', 'script', 'textarea', 'section', 'a', 'em'];
function randomHtml(rand: () => number, depth: number): string {
  let out = '';
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.35 || depth > 4) out += ['Change', ' Healthcare ', 'Optum', ' and ', 'x'][Math.floor(rand() * 5)];
    else if (r < 0.4) out += '<!-- note -->';
    else if (r < 0.45) out += '<div hidden>hidden text <a href="/in-hidden">h</a><img alt="in hidden"><script src="/in-hidden.js"></script></div>';
    else if (r < 0.5) out += '<p contenteditable="true">typed</p>';
    else if (r < 0.55) out += `<a href="/l${Math.floor(r * 200)}">link</a><img alt="a${Math.floor(r * 1000)}"><img alt=""><a href="#top">top</a><script src="/s${Math.floor(r * 50)}.js"></script><iframe src="/f${Math.floor(r * 50)}"></iframe>`;
    else {
      const tag = TAGS[Math.floor(rand() * TAGS.length)]!;
      out += tag === 'br' ? '<br>' : `<${tag}>${randomHtml(rand, depth + 1)}</${tag}>`;
    }
  }
  return out;
}

describe('content script text walker', () => {
  const pages = ['tests/fixtures/pages', 'tests/browser/fixtures'].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  );

  it('reads the saved pages exactly as readText does, in one piece or many', () => {
    for (const html of pages) {
      const doc = parse(html);
      const expected = readText(doc.body);
      for (const [size, deadline] of [[1 << 20, Infinity], [8, Infinity], [8, 0]] as const) {
        const got = walk(doc.body, size, deadline);
        expect(got.text).toBe(expected.text);
        expectSameNodes(got.segments, expected.segments, `chunks of ${size}`);
      }
    }
  });

  it('reads random documents exactly as readText does (seeded)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const doc = parse(`<!doctype html><html><body>${randomHtml(prng(seed), 0)}</body></html>`);
      const expected = readText(doc.body);
      const got = walk(doc.body, 1 + (seed % 40), seed % 2 ? Infinity : 0);
      expect(got.text, `seed ${seed}`).toBe(expected.text);
      expectSameNodes(got.segments, expected.segments, `seed ${seed}`);
      // Links and image texts: those whose ancestors are read (an element's own signal is read before it is skipped).
      const read = (e: Element) => !e.parentElement?.closest('script,textarea,[hidden],[contenteditable]:not([contenteditable="false"])');
      // Each address as written is read once per walk (its first link); links to the page itself ("#top") are not.
      const firsts = new Set<string>();
      const firstOfItsHref = (a: Element) => !firsts.has(a.getAttribute('href')!) && Boolean(firsts.add(a.getAttribute('href')!));
      const links = [...doc.body.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href')!.startsWith('#')).filter(read).filter(firstOfItsHref);
      expect(got.links, `seed ${seed}`).toEqual(links.map((a) => (a as HTMLAnchorElement).href));
      expect(got.alts, `seed ${seed}`).toEqual([...doc.body.querySelectorAll('img[alt]')].filter(read).map((i) => i.getAttribute('alt')).filter(Boolean));
      expect(got.scripts, `seed ${seed}`).toEqual([...doc.body.querySelectorAll('script[src]')].filter(read).map((e) => (e as HTMLScriptElement).src));
      expect(got.frames, `seed ${seed}`).toEqual([...doc.body.querySelectorAll('iframe[src]')].filter(read).map((e) => (e as HTMLIFrameElement).src));
    }
  });
});
