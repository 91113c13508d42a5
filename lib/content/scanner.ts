import { deserializeDetectionIndex, looksLikeSerializedIndex, type DetectionIndex } from '../detection/detection-index';
import { detectVendors } from '../detection/detect';
import { primeScanner } from '../matching/automaton';
import {
  BLOCK_SELECTOR,
  createTextWalker,
  MARKER_TAG,
  SCRIPT_SELECTOR,
  SKIPPED_SELECTOR,
  textNodeAt,
  type TextChunk,
} from '../detection/read-page';
import type { Detection, Evidence, EvidenceKind, PageSignals } from '../detection/signals';
import type { MarkerInfo } from '../messages';
import { createMarker, markersOf } from './marker';
import type { ContentRuntime } from './runtime';

/**
 * Longest stretch of work before yielding to the page: the budget is 8 ms; this leaves room for a
 * chunk or a garbage collection that runs over (with 5 ms, a 1.5 MB page had slices of 9 ms on a busy
 * machine).
 */
export const SLICE_MS = 4;
/**
 * A cautious first guess, 2 ms for a 4 KB piece of text, learnt from there as pieces are read: the first piece's
 * scan measured 0.6–0.8 ms with one priming round and 0.2–0.3 ms with ten, but a piece's detection is more than
 * its scan, and a garbage collection can fall in it.
 */
const FIRST_MS_PER_CHAR = 0.0005;
/** Smaller pieces are too short to time (performance.now() is coarse in a page). */
const LEARN_CHARS = 1_024;
/** Mutations are gathered this long, then scanned in one batch. */
const BATCH_MS = 250;
/** More changed subtrees than this in one batch: read the whole page again instead. */
const FULL_RESCAN_ROOTS = 200;
const MAX_EVIDENCE = 5;
/**
 * How far outside the viewport a mention's marker is built ahead of the reader: a screen above and below.
 * A long page that names many vendors builds the markers the reader reaches, as they are reached.
 */
const MARKER_AHEAD = '100% 0px';
/** Evidence order of detectVendors (its detectors' order): strongest first. */
const KIND_RANK: Record<EvidenceKind, number> = {
  host: 0, portal: 0, footer: 1, title: 2, text: 3, script: 4, iframe: 5, link: 6, image: 7,
};


type Yielder = () => Promise<void>;

/** Gives the page the main thread: scheduler.yield where there is one, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Performance entries for `npm run bench:browser`, on pages opened with #vbr-perf only. */
function perfProbe(doc: Document) {
  const on = doc.defaultView?.location.hash.includes('vbr-perf') ?? false;
  const probe = {
    slice(start: number, name = 'slice'): void {
      if (on) performance.measure(`vendor-risk:${name}`, { start, end: performance.now() });
    },
    mark(name: string): void {
      if (on) performance.mark(`vendor-risk:${name}`);
    },
    /** `callback`, each of its calls measured as a slice (for observers and timers). */
    timed<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
      return (...args) => {
        const start = performance.now();
        callback(...args);
        probe.slice(start);
      };
    },
  };
  return probe;
}

interface VendorState {
  detection: Detection;
  /** Where the first text mention is, for the marker. */
  node?: Text;
}

function newSeen() {
  return { links: new Set<string>(), scripts: new Set<string>(), iframes: new Set<string>() };
}

/** The addresses not in `seen`, now added to it. */
function unseen(urls: readonly string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const url of urls) {
    if (seen.has(url)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}

/**
 * The compiled index from the background. Only the extension's own pages can answer runtime messages, so
 * the reply is checked for shape, not parsed field by field (a zod parse of thousands of patterns would
 * cost the page more than everything else here). `onParse` gets the time decoding started.
 */
async function fetchIndex(
  runtime: ContentRuntime,
  current: DetectionIndex | null,
  onParse?: (start: number) => void,
): Promise<DetectionIndex> {
  const reply: unknown = await runtime.sendMessage({ type: 'get-index', have: current?.datasetVersion });
  // The background says not to read this page (an excluded site; on-click mode before the click): stop here.
  const skip = (reply as { skip?: unknown } | undefined)?.skip;
  if (skip) throw new Error(`not scanning this page: ${String(skip)}`);
  const start = performance.now();
  const index = (reply as { index?: unknown } | undefined)?.index;
  if (index === null && current) return current;
  if (!looksLikeSerializedIndex(index)) throw new Error('malformed detection index');
  const parsed = deserializeDetectionIndex(index);
  onParse?.(start);
  return parsed;
}

/**
 * The content script's loop. The first scan reads the whole page in slices of at most SLICE_MS, yielding to
 * the page between them; after that one MutationObserver gathers changes for BATCH_MS and only the changed
 * blocks are read again (the whole page when too much changed, or when a mention's text went away). Vendors
 * found go to the background (which sets the badge) when the set changes; markers go in as the reader nears
 * them, one batch per frame.
 * Nothing read on the page leaves the browser: only vendor ids and short evidence snippets go to the
 * extension's own background.
 */
export function startScanner(doc: Document, runtime: ContentRuntime, signal: AbortSignal): { rescan(): void } {
  const perf = perfProbe(doc);
  let index: DetectionIndex | null = null;
  let vendors = new Map<string, VendorState>();
  /**
   * Addresses looked up since `vendors` was last reset, by signal: an address finds the same vendors each
   * time, and merge keeps what it found the first time, so a link in every paragraph is looked up once.
   */
  let seen = newSeen();
  let lastReport = '';
  /** Detection time per character, learnt as pages are read: it starts high, for code V8 has not optimised yet. */
  let msPerChar = FIRST_MS_PER_CHAR;
  const markers = new Map<string, HTMLElement>();
  /** Markers near the viewport that are not in the page yet (see placeMarkers). */
  let markerQueue: MarkerInfo[] = [];
  let markerFrame = 0;
  /** Markers waiting for their place to come near the viewport, by the element they go in. */
  const waiting = new Map<Element, MarkerInfo[]>();
  const nearView = new IntersectionObserver(
    perf.timed((entries: IntersectionObserverEntry[]) => {
      for (const entry of entries) {
        const infos = entry.isIntersecting ? waiting.get(entry.target) : undefined;
        if (!infos) continue;
        waiting.delete(entry.target);
        nearView.unobserve(entry.target);
        markerQueue.push(...infos);
      }
      if (markerQueue.length && !markerFrame && !signal.aborted) markerFrame = requestAnimationFrame(insertMarkers);
    }),
    { rootMargin: MARKER_AHEAD },
  );
  let running: Promise<void> = Promise.resolve();
  let fullPending = false;
  const pendingRoots = new Set<Node>();
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let removals = false;

  /** Runs `work` in slices: `pause()` yields when the slice has run SLICE_MS. */
  function slicer(): { deadline(): number; pause: Yielder; end(): void } {
    let start = performance.now();
    return {
      deadline: () => start + SLICE_MS,
      async pause() {
        perf.slice(start);
        await yieldToPage();
        start = performance.now();
      },
      end: () => perf.slice(start),
    };
  }

  function merge(detections: readonly Detection[], segments: TextChunk['segments'] | null): void {
    for (const d of detections) {
      let state = vendors.get(d.vendorId);
      if (!state) {
        state = { detection: { vendorId: d.vendorId, evidence: [] } };
        vendors.set(d.vendorId, state);
      }
      const evidence = state.detection.evidence;
      for (const e of d.evidence) {
        if (!evidence.some((x) => x.kind === e.kind && x.text === e.text)) evidence.push(e);
      }
      evidence.sort((a: Evidence, b: Evidence) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
      evidence.length = Math.min(evidence.length, MAX_EVIDENCE);
      if (d.mention && segments && !state.node?.isConnected) {
        state.node = textNodeAt(segments, d.mention.end - 1) ?? undefined;
      }
    }
  }

  function detect(signals: PageSignals, segments: TextChunk['segments'] | null): void {
    signals.links = unseen(signals.links, seen.links);
    signals.scripts = unseen(signals.scripts, seen.scripts);
    signals.iframes = unseen(signals.iframes, seen.iframes);
    merge(detectVendors(signals, index!), segments);
  }

  function detectChunk(chunk: TextChunk): void {
    detect({ url: null, title: '', ...chunk }, chunk.segments);
  }

  /** Reads `root` in slices and merges what it finds. */
  async function readRoot(root: Node, slices: ReturnType<typeof slicer>): Promise<void> {
    const walker = createTextWalker(root);
    for (;;) {
      const chunk = walker.next(slices.deadline());
      if (chunk === undefined) {
        await slices.pause();
        continue;
      }
      if (chunk === null) return;
      if (chunk.text || chunk.links.length || chunk.imageAlts.length || chunk.iframes.length || chunk.scripts.length) {
        // A piece that would likely end the slice late waits for the next one.
        if (performance.now() + chunk.text.length * msPerChar > slices.deadline()) await slices.pause();
        const start = performance.now();
        detectChunk(chunk);
        if (chunk.text.length >= LEARN_CHARS) msPerChar = (msPerChar + (performance.now() - start) / chunk.text.length) / 2;
        if (performance.now() > slices.deadline()) await slices.pause();
      }
    }
  }

  async function fullScan(): Promise<void> {
    perf.mark('full-scan-start');
    fullPending = false;
    pendingRoots.clear();
    index = await fetchIndex(runtime, index, (start) => {
      perf.slice(start);
      perf.slice(start, 'index-decode');
    });
    // Decoding the index was a slice of its own: the page gets the thread before the reading starts.
    await yieldToPage();
    // So is priming the scanner: V8 compiles the optimised scanning loop on another thread while the page and
    // then the walk of the first piece of text run.
    const primeStart = performance.now();
    if (primeScanner(index.automaton)) {
      perf.slice(primeStart);
      await yieldToPage();
    }
    const slices = slicer();
    vendors = new Map();
    seen = newSeen();
    const head: PageSignals = {
      url: location.href,
      title: doc.title ?? '',
      text: '',
      links: [],
      scripts: doc.head ? [...doc.head.querySelectorAll(SCRIPT_SELECTOR)].map((s) => (s as HTMLScriptElement).src) : [],
      iframes: [],
      imageAlts: [],
    };
    detect(head, null);
    const body = doc.body ?? doc.documentElement;
    if (body) await readRoot(body, slices);
    slices.end();
    perf.mark('full-scan-end');
    await report();
  }

  async function partialScan(roots: Node[]): Promise<void> {
    if (!index) return;
    const slices = slicer();
    for (const root of roots) if (root.isConnected) await readRoot(root, slices);
    slices.end();
    perf.mark('partial-scan-end');
    await report();
  }

  async function report(): Promise<void> {
    if (signal.aborted || !index) return;
    const detections = [...vendors.values()].map((v) => v.detection);
    const text = JSON.stringify([location.href, index.datasetVersion, detections.map((d) => [d.vendorId, d.evidence])]);
    const changed = text !== lastReport;
    lastReport = text;
    if (!changed && [...markers.values()].every((m) => m.isConnected)) return;
    perf.mark('report');
    const reply: unknown = await runtime.sendMessage({ type: 'page-detections', url: location.href, detections });
    const start = performance.now();
    placeMarkers(markersOf(reply));
    perf.slice(start);
  }

  /**
   * Shows the markers the background asked for (it knows the settings and the vendors' histories). A new one
   * waits until its place is near the viewport (an IntersectionObserver, which reads no layout of its own
   * accord), then goes in at the next animation frame, in batches of at most SLICE_MS each: a page that names
   * hundreds of vendors never gets one long task, nor markers built where nobody reads.
   */
  function placeMarkers(infos: MarkerInfo[]): void {
    const wanted = new Set(infos.map((m) => m.vendorId));
    for (const [vendorId, marker] of markers) {
      if (!wanted.has(vendorId) || !marker.isConnected) {
        marker.remove();
        markers.delete(vendorId);
      }
    }
    // The reply lists every marker the page should have: what waited before waits again, if still wanted.
    nearView.disconnect();
    waiting.clear();
    markerQueue = [];
    for (const info of infos) {
      const place = markers.has(info.vendorId) ? null : vendors.get(info.vendorId)?.node?.parentElement;
      if (!place) continue;
      const there = waiting.get(place);
      if (there) there.push(info);
      else {
        waiting.set(place, [info]);
        nearView.observe(place);
      }
    }
  }

  function insertMarkers(): void {
    markerFrame = 0;
    const start = performance.now();
    let next = 0;
    while (next < markerQueue.length && performance.now() - start < SLICE_MS) {
      const info = markerQueue[next++]!;
      const node = vendors.get(info.vendorId)?.node;
      if (markers.has(info.vendorId) || !node?.isConnected || !node.parentNode) continue;
      const marker = createMarker(doc, info);
      markers.set(info.vendorId, marker);
      node.after(marker);
    }
    markerQueue = markerQueue.slice(next);
    perf.slice(start);
    if (markerQueue.length && !signal.aborted) markerFrame = requestAnimationFrame(insertMarkers);
  }

  /** Queues work so scans never overlap. */
  function enqueue(work: () => Promise<void>): void {
    running = running
      .then(() => (signal.aborted ? undefined : work()))
      .catch((error: unknown) => {
        if (!signal.aborted) console.debug('vendor-risk: scan failed', error);
      });
  }

  function requestFull(): void {
    if (fullPending) return;
    fullPending = true;
    enqueue(fullScan);
  }

  /** The block around a changed node: names split over inline tags are read whole. */
  function rootFor(node: Node): Node | null {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!element || !element.isConnected || element.closest(SKIPPED_SELECTOR)) return null;
    return element.closest(BLOCK_SELECTOR) ?? element;
  }

  function flushBatch(): void {
    batchTimer = undefined;
    removals = false;
    if (fullPending) return;
    // A mention whose text went away: the vendor may be gone from the page; read it all again.
    for (const v of vendors.values()) {
      if (v.node && !v.node.isConnected) {
        pendingRoots.clear();
        requestFull();
        return;
      }
    }
    const roots = new Set<Node>();
    for (const node of pendingRoots) {
      const root = rootFor(node);
      if (root) roots.add(root);
      if (roots.size > FULL_RESCAN_ROOTS) break;
    }
    pendingRoots.clear();
    const changed = (r: Node | null) => r !== null && roots.has(r);
    if (roots.size > FULL_RESCAN_ROOTS || changed(doc.body) || changed(doc.documentElement)) {
      requestFull();
      return;
    }
    // Outermost only: a block inside another changed block is read with it. Found by climbing from each
    // block to the top: a growing feed's 125 blocks a batch had cost 1.5 ms as 15,000 contains() calls.
    const outer = [...roots].filter((r) => {
      for (let up = r.parentNode; up; up = up.parentNode) if (roots.has(up)) return false;
      return true;
    });
    if (outer.length) enqueue(() => partialScan(outer));
  }

  const ours = (n: Node) => n.nodeType === 1 && (n as Element).localName === MARKER_TAG;
  const observer = new MutationObserver(perf.timed((records: MutationRecord[]) => {
    for (const r of records) {
      if (r.type === 'characterData') {
        pendingRoots.add(r.target);
        continue;
      }
      for (const n of r.addedNodes) if (!ours(n)) pendingRoots.add(n);
      // Removals add no text; flushBatch checks whether a mention went with them.
      if (r.removedNodes.length && !ours(r.removedNodes[0]!)) removals = true;
    }
    if (pendingRoots.size > FULL_RESCAN_ROOTS * 4) {
      pendingRoots.clear();
      requestFull();
    }
    if ((pendingRoots.size || removals) && batchTimer === undefined) batchTimer = setTimeout(perf.timed(flushBatch), BATCH_MS);
  }));
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(batchTimer);
    cancelAnimationFrame(markerFrame);
    nearView.disconnect();
    markers.forEach((m) => m.remove());
  });
  requestFull();
  return { rescan: requestFull };
}
