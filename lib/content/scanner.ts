import { browser } from 'wxt/browser';
import {
  deserializeDetectionIndex,
  SerializedIndexSchema,
  type DetectionIndex,
} from '../detection/detection-index';
import { detectVendors } from '../detection/detect';
import { MARKER_TAG, readPage, segmentAt, type TextSegment } from '../detection/read-page';
import type { Detection } from '../detection/signals';
import { PageDetectionsReply, type MarkerInfo } from '../messages';
import { createMarker } from './marker';

/** Waits this long after the last page change before rescanning: busy pages settle first. */
const RESCAN_DELAY_MS = 800;

async function fetchIndex(current: DetectionIndex | null): Promise<DetectionIndex> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'get-index', have: current?.datasetVersion });
  const index = (reply as { index?: unknown } | undefined)?.index;
  if (index === null && current) return current;
  return deserializeDetectionIndex(SerializedIndexSchema.parse(index));
}

/**
 * The content script's loop: read the page, detect vendors locally, tell the background (which sets the
 * badge), and draw markers. Nothing read on the page leaves the browser: only vendor ids and short evidence
 * snippets go to the extension's own background.
 */
export function startScanner(doc: Document, signal: AbortSignal): { rescan(): void } {
  let index: DetectionIndex | null = null;
  let lastReport = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const markers = new Map<string, HTMLElement>();

  function placeMarkers(infos: MarkerInfo[], detections: Detection[], segments: TextSegment[]): void {
    const wanted = new Set(infos.map((m) => m.vendorId));
    for (const [vendorId, marker] of markers) {
      if (!wanted.has(vendorId) || !marker.isConnected) {
        marker.remove();
        markers.delete(vendorId);
      }
    }
    const pending: [Text, HTMLElement][] = [];
    for (const info of infos) {
      if (markers.has(info.vendorId)) continue;
      const mention = detections.find((d) => d.vendorId === info.vendorId)?.mention;
      const segment = mention ? segmentAt(segments, mention.end - 1) : null;
      if (!segment?.node.isConnected || !segment.node.parentNode) continue;
      const marker = createMarker(doc, info);
      markers.set(info.vendorId, marker);
      pending.push([segment.node, marker]);
    }
    if (pending.length) requestAnimationFrame(() => pending.forEach(([node, marker]) => node.after(marker)));
  }

  async function scan(): Promise<void> {
    if (signal.aborted) return;
    index = await fetchIndex(index);
    const reading = readPage(doc, location.href);
    const detections = detectVendors(reading.signals, index);
    const report = JSON.stringify([location.href, index.datasetVersion, detections.map((d) => [d.vendorId, d.evidence])]);
    const changed = report !== lastReport;
    lastReport = report;
    if (!changed && [...markers.values()].every((m) => m.isConnected)) return;
    const reply = PageDetectionsReply.parse(
      await browser.runtime.sendMessage({ type: 'page-detections', url: location.href, detections }),
    );
    placeMarkers(reply.markers, detections, reading.segments);
  }

  const run = () => {
    clearTimeout(timer);
    scan().catch((error: unknown) => {
      if (!signal.aborted) console.debug('vendor-risk: scan failed', error);
    });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, RESCAN_DELAY_MS);
  };

  const observer = new MutationObserver((records) => {
    const ours = (n: Node) => n.nodeName.toLowerCase() === MARKER_TAG;
    if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every(ours) && r.type === 'childList')) return;
    schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    markers.forEach((m) => m.remove());
  });
  run();
  return { rescan: run };
}
