import { describe, expect, it } from 'vitest';
import { markersOf } from '../../lib/content/marker';
import {
  buildDetectionIndex,
  deserializeDetectionIndex,
  indexAsText,
  looksLikeSerializedIndex,
  serializeDetectionIndex,
  unpackDetectionIndex,
  type SerializedDetectionIndex,
} from '../../lib/detection/detection-index';
import { CREDIT_PHRASES } from '../../lib/detection/credits';
import { findMentions, matchText } from '../../lib/detection/mentions';
import { testIndex, testVendors } from './helpers';

/** The content script checks what the background sends by hand (no zod in its bundle): same verdicts. */
describe('content script shape checks', () => {
  it('accepts the index the background sends, and rejects other shapes', () => {
    const sent = JSON.parse(JSON.stringify(indexAsText(serializeDetectionIndex(testIndex())))) as Record<string, unknown>;
    expect(looksLikeSerializedIndex(sent)).toBe(true);
    const patterns = sent.patterns as Record<string, unknown>;
    for (const bad of [
      null,
      'x',
      {},
      { ...sent, datasetVersion: 1 },
      { ...sent, patterns: {} },
      { ...sent, patterns: [] },
      { ...sent, patterns: { ...patterns, entryVendor: [1, 2] } },
      { ...sent, patterns: { ...patterns, exactCase: [1] } },
      { ...sent, vendorIds: ['epic'] },
      { ...sent, automaton: { tokens: 3 } },
    ]) {
      expect(looksLikeSerializedIndex(bad)).toBe(false);
    }
  });

  it('sends patterns as compact arrays and reads back an index that finds the same', () => {
    const index = testIndex();
    const sent = JSON.parse(JSON.stringify(indexAsText(serializeDetectionIndex(index)))) as SerializedDetectionIndex;
    expect(typeof sent.vendorIds).toBe('string');
    const got = deserializeDetectionIndex(sent);
    for (const f of ['entryStart', 'entryVendor', 'entryFlags', 'veto', 'credit'] as const) expect([...got.patterns[f]]).toEqual([...index.patterns[f]]);
    // Every credit phrase ("powered by", ..., "in partnership with") is a pattern of its own.
    expect(got.patterns.credit.reduce((n, c) => n + c, 0)).toBe(CREDIT_PHRASES.length);
    expect([...got.patterns.exactCase]).toEqual([...index.patterns.exactCase]);
    expect(got.patterns.exactCase.size).toBeGreaterThan(0);
    expect(got.patterns.veto.some((v) => v === 1)).toBe(true);
    const texts = [
      'Epic Systems and MyChart, Change Healthcare, OptumRx and Cerner; a hospital EHR on Epic.',
      'Climate change healthcare, national anthem, Oracle Database, Greenway trail, PJ&A and MTBC.',
      'The NextGen patient portal at the clinic; Anthem health plan members; epic views.',
      'Portal powered by Epic. Hosted by athenahealth, in partnership with NextGen.',
    ];
    for (const text of texts) {
      const mentions = findMentions(index, text);
      expect(findMentions(got, text)).toEqual(mentions);
      expect(matchText(got, text).credits).toEqual(matchText(index, text).credits);
      for (const m of mentions) expect(got.vendorIds.at(m.vendor)).toBe(index.vendorIds.at(m.vendor));
    }
    // Only vendors the index can report keep their ids.
    const vendors = testVendors();
    const silent = buildDetectionIndex('1', [...vendors, { ...vendors[0]!, id: 'silent', domains: [], portals: [], match: { ...vendors[0]!.match, textDetection: false } }]);
    const silentSent = deserializeDetectionIndex(JSON.parse(JSON.stringify(indexAsText(serializeDetectionIndex(silent)))) as SerializedDetectionIndex);
    expect(silentSent.vendorIds.at(vendors.length)).toBeUndefined();
    expect(silentSent.vendorIds.at(0)).toBe(vendors[0]!.id);
    // Rows that do not fit the automaton are refused.
    expect(() => deserializeDetectionIndex({ ...sent, patterns: { ...sent.patterns, entryStart: 'u8:AAA=' } })).toThrow(/malformed/);
  });

  it('sends the arrays themselves by structured clone, decoded once in the background, and reads back the same index', () => {
    const index = testIndex();
    const compiled = serializeDetectionIndex(index);
    // The shipped file (base64 in JSON), decoded in the background, is the index compiled there.
    const json = JSON.parse(JSON.stringify(indexAsText(compiled))) as SerializedDetectionIndex;
    expect(unpackDetectionIndex(json)).toEqual(unpackDetectionIndex(compiled));
    const sent = structuredClone(unpackDetectionIndex(json));
    expect(looksLikeSerializedIndex(sent)).toBe(true);
    // No base64 left for a page to decode: only the token and priming texts travel as text.
    const texts = Object.entries(sent.automaton).filter(([, v]) => typeof v === 'string').map(([k]) => k);
    expect(texts.sort()).toEqual(['format', 'prime', 'seed', 'tokens']);
    expect(Object.values(sent.patterns).filter((v) => typeof v === 'string')).toEqual([]);
    const got = deserializeDetectionIndex(sent);
    const fromJson = deserializeDetectionIndex(json);
    const text = 'Epic Systems and MyChart, Change Healthcare; climate change and healthcare; portal powered by Epic.';
    const mentions = findMentions(got, text);
    expect(mentions).toEqual(findMentions(fromJson, text));
    expect(mentions.length).toBeGreaterThan(2);
    // Vendor ids are sliced out of the list where the background says they start.
    expect(ArrayBuffer.isView(sent.vendorIdStarts)).toBe(true);
    for (const m of mentions) expect(got.vendorIds.at(m.vendor)).toBe(index.vendorIds.at(m.vendor));
    expect(got.vendorIds.at(-1)).toBeUndefined();
    expect(got.vendorIds.at(1e6)).toBeUndefined();
    expect(() => deserializeDetectionIndex({ ...sent, vendorIdStarts: new Uint32Array([0, 5]) })).toThrow(/malformed/);
    // Arrays of another kind, or of the wrong length, are refused as the base64 ones are.
    expect(looksLikeSerializedIndex({ ...sent, patterns: { ...sent.patterns, entryVendor: new Float64Array(3) } })).toBe(false);
    expect(() => deserializeDetectionIndex({ ...sent, automaton: { ...sent.automaton, label: new Uint16Array(2) } })).toThrow(/malformed/);
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
