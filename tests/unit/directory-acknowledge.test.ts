import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import {
  acknowledgementFor,
  isAcknowledged,
  MAX_ACKNOWLEDGEMENTS,
  withAcknowledgement,
  withoutAcknowledgement,
} from '../../lib/acknowledge';
import { createDirectoryListener } from '../../lib/background/directory';
import { createBackground } from '../../lib/background/service';
import { DatasetBundle, Incident, type IncidentInput } from '../../lib/dataset/schema';
import { parseSettings } from '../../lib/settings/schema';
import { TEST_VENDORS } from './helpers';

const make = (id: string, dates: IncidentInput['dates']): Incident =>
  Incident.parse({
    id,
    vendorIds: ['change-healthcare'],
    title: `${id} breach`,
    dates,
    type: 'ransomware',
    affected: { kind: 'exact', count: 100 },
    status: 'confirmed',
    sources: [{ title: 'HHS' }],
  });

const old = make('old', { occurred: '2019-01-01', reported: '2019-03-01' });
const recent = make('recent', { occurred: '2024-02-12', disclosed: '2024-02-22' });

describe('acknowledgements', () => {
  it('record the latest date known of any incident and the count', () => {
    expect(acknowledgementFor([old, recent])).toEqual({ through: '2024-02-22', count: 2 });
    expect(acknowledgementFor([])).toBeNull();
  });

  it('hold until an incident with a later date, or one more incident, arrives', () => {
    const acks = { 'change-healthcare': acknowledgementFor([old, recent])! };
    expect(isAcknowledged(acks, 'change-healthcare', [recent, old])).toBe(true);
    expect(isAcknowledged(acks, 'change-healthcare', [recent])).toBe(true); // one withdrawn: still nothing new
    expect(isAcknowledged(acks, 'change-healthcare', [recent, old, make('newer', { disclosed: '2025-01-05' })])).toBe(false);
    // A late-reported old breach is news too.
    expect(isAcknowledged(acks, 'change-healthcare', [recent, old, make('late', { occurred: '2018-01-01' })])).toBe(false);
    // A later report on a known incident also counts as news.
    expect(isAcknowledged(acks, 'change-healthcare', [make('recent', { occurred: '2024-02-12', reported: '2024-07-19' }), old])).toBe(false);
    expect(isAcknowledged(acks, 'epic', [])).toBe(false);
    expect(isAcknowledged(undefined, 'change-healthcare', [old])).toBe(false);
    expect(isAcknowledged(acks, 'constructor', [])).toBe(false);
  });

  it('are added, refreshed, removed, and capped to fit storage.sync', () => {
    let acks = {};
    for (let i = 0; i < MAX_ACKNOWLEDGEMENTS + 5; i++) acks = withAcknowledgement(acks, `v${i}`, { through: '2024-01-01', count: 1 });
    expect(Object.keys(acks)).toHaveLength(MAX_ACKNOWLEDGEMENTS);
    expect(Object.keys(acks)[0]).toBe('v5');
    acks = withAcknowledgement(acks, 'v5', { through: '2025-01-01', count: 2 });
    expect(Object.keys(acks).at(-1)).toBe('v5');
    expect(withoutAcknowledgement(acks, 'v5')).not.toHaveProperty('v5');
    // The whole settings object stays under storage.sync's 8 KB per item.
    const bytes = JSON.stringify({ settings: { ...parseSettings({}), acknowledged: acks } }).length;
    expect(bytes).toBeLessThan(8192);
  });

  it('are read from settings, a damaged value falling back to none', () => {
    expect(parseSettings({}).acknowledged).toEqual({});
    expect(parseSettings({ acknowledged: { x: { through: '2024-01-01', count: 1 } } }).acknowledged).toEqual({
      x: { through: '2024-01-01', count: 1 },
    });
    expect(parseSettings({ acknowledged: { x: { through: 'soon' } }, badge: false })).toMatchObject({ acknowledged: {}, badge: false });
  });
});

const bundle = DatasetBundle.parse({
  schemaVersion: 1,
  version: '2026.11.1',
  generatedAt: '2026-11-01T00:00:00Z',
  vendors: TEST_VENDORS,
  incidents: [make('change-2024', { discovered: '2024-02-21' })],
});
const browser = fakeBrowser as unknown as WxtBrowser;
const detections = [{ vendorId: 'change-healthcare', evidence: [{ kind: 'text' as const, text: 'Change Healthcare' }] }];
const fromTab = { id: fakeBrowser.runtime.id, tab: { id: 4 } as never, frameId: 0 };

describe('background with acknowledgements', () => {
  beforeEach(() => fakeBrowser.reset());

  it('draws no marker for an acknowledged vendor, and again once the dataset has a newer incident', async () => {
    const ack = acknowledgementFor(bundle.incidents)!;
    await fakeBrowser.storage.sync.set({ settings: { acknowledged: { 'change-healthcare': ack } } });
    const start = (b: DatasetBundle) =>
      createBackground({ browser, now: () => new Date('2026-11-28T00:00:00Z'), loadDataset: async () => ({ bundle: b, source: 'bundled' }) });
    const message = { type: 'page-detections', url: 'https://a.example/', detections };
    expect(await start(bundle).onMessage(message, fromTab)).toEqual({ markers: [] });
    // The badge still counts it: acknowledging silences the marker only.
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('1');

    const newer = { ...bundle, version: '2026.11.2', incidents: [...bundle.incidents, make('change-2026', { disclosed: '2026-10-01' })] };
    const reply = (await start(newer).onMessage(message, fromTab)) as { markers: { vendorId: string }[] };
    expect(reply.markers.map((m) => m.vendorId)).toEqual(['change-healthcare']);
  });
});

describe('directory listener', () => {
  const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/vendors.html') };
  const listener = () => createDirectoryListener({ browser, loadDataset: async () => ({ bundle, source: 'updated' }) });

  it('gives extension pages the active dataset and vendor names', async () => {
    expect(await listener().onMessage({ type: 'get-dataset' }, page)).toEqual({ bundle, source: 'updated' });
    expect(await listener().onMessage({ type: 'get-vendor-names', ids: ['optum', 'nope'] }, page)).toEqual({ names: { optum: 'Optum' } });
  });

  it('refuses content scripts and other extensions, and leaves other messages alone', () => {
    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 1 } as never, frameId: 0 };
    expect(listener().onMessage({ type: 'get-dataset' }, contentScript)).toBeUndefined();
    expect(listener().onMessage({ type: 'get-dataset' }, { ...page, id: 'other-extension' })).toBeUndefined();
    expect(listener().onMessage({ type: 'get-index' }, page)).toBeUndefined();
    expect(listener().onMessage({ type: 'get-vendor-names', ids: 'optum' }, page)).toBeUndefined();
  });
});
