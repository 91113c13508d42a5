import { describe, expect, it } from 'vitest';
import { markersOf } from '../../lib/content/marker';
import { looksLikeSerializedIndex, serializeDetectionIndex } from '../../lib/detection/detection-index';
import { testIndex } from './helpers';

/** The content script checks what the background sends by hand (no zod in its bundle): same verdicts. */
describe('content script shape checks', () => {
  it('accepts the index the background sends, and rejects other shapes', () => {
    const sent = JSON.parse(JSON.stringify(serializeDetectionIndex(testIndex()))) as Record<string, unknown>;
    expect(looksLikeSerializedIndex(sent)).toBe(true);
    for (const bad of [null, 'x', {}, { ...sent, datasetVersion: 1 }, { ...sent, patterns: {} }, { ...sent, automaton: { tokens: 3 } }]) {
      expect(looksLikeSerializedIndex(bad)).toBe(false);
    }
  });

  it('reads markers from a page-detections reply, and throws on a malformed one', () => {
    const marker = { vendorId: 'epic', name: 'Epic', severity: 'high', summary: '2 incidents' };
    expect(markersOf({ markers: [marker] })).toEqual([marker]);
    expect(markersOf({ markers: [] })).toEqual([]);
    for (const bad of [undefined, null, {}, { markers: [null] }, { markers: [{ ...marker, severity: 'severe' }] }, { markers: [{ ...marker, name: 1 }] }]) {
      expect(() => markersOf(bad)).toThrow(/malformed/);
    }
  });
});
