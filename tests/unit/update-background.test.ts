import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { WxtBrowser } from 'wxt/browser';
import { ALARM_NAME, createUpdater } from '../../lib/background/updates';
import { DatasetStatusReply } from '../../lib/update/messages';
import { STATUS_KEY } from '../../lib/update/status';
import { bundleOf, signed, testKey, type Signed, type TestKey } from './update-helpers';
import { bundledFrom } from '../../lib/store/bundled';

const browser = fakeBrowser as unknown as WxtBrowser;
const MANIFEST_URL = 'https://updates.example/manifest.json';
const fromOptions = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html'), tab: { id: 3 } as never };
const fromPage = { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 4 } as never };

let key: TestKey;
let update: Signed;
beforeAll(async () => {
  key = await testKey();
  update = await signed(key, bundleOf('2026.2', true));
});

function start() {
  let reloads = 0;
  const fetchStub = (async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === MANIFEST_URL) return new Response(update.manifestText);
    if (url.endsWith(update.manifest.bundle)) return new Response(update.text);
    return new Response('', { status: 404 });
  }) as typeof fetch;
  const updater = createUpdater({
    browser,
    bundled: bundledFrom(bundleOf('2026.1')),
    background: { reload: () => void reloads++ },
    now: () => new Date(),
    fetch: fetchStub,
  });
  return { updater, reloads: () => reloads };
}

const settingsWith = (updateUrl: string) =>
  fakeBrowser.storage.sync.set({ settings: { updateUrl, trustedKeys: [key.trusted] } });

describe('background updater', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    globalThis.indexedDB = new IDBFactory();
  });

  it('answers only its own message types, only from extension pages of this extension', async () => {
    const { updater } = start();
    expect(updater.onMessage({ type: 'get-index' }, fromOptions)).toBeUndefined();
    expect(updater.onMessage({ type: 'get-dataset-status' }, fromPage)).toBeUndefined();
    expect(updater.onMessage({ type: 'get-dataset-status' }, { ...fromOptions, id: 'other-extension' })).toBeUndefined();
    expect(updater.onMessage({ type: 'import-bundle', bundle: 1 }, fromOptions)).toBeUndefined();
    const reply = DatasetStatusReply.parse(await updater.onMessage({ type: 'get-dataset-status' }, fromOptions));
    expect(reply).toMatchObject({ active: { version: '2026.1', source: 'bundled', vendors: bundleOf('1').vendors.length, incidents: 0 }, updateUrl: '' });
  });

  it('checks now on request: installs the update, reloads the background, schedules the next check', async () => {
    await settingsWith(MANIFEST_URL);
    const { updater, reloads } = start();
    const reply = DatasetStatusReply.parse(await updater.onMessage({ type: 'check-updates-now' }, fromOptions));
    expect(reply.active).toMatchObject({ version: '2026.2', source: 'updated', incidents: 1 });
    expect(reply.status).toMatchObject({ lastResult: 'updated', failures: 0 });
    expect(reloads()).toBe(1);
    const alarm = await fakeBrowser.alarms.get(ALARM_NAME);
    expect(alarm?.scheduledTime).toBe(Date.parse(reply.status.nextCheckAt!));
    expect((await fakeBrowser.storage.local.get(STATUS_KEY))[STATUS_KEY]).toMatchObject({ lastResult: 'updated' });
  });

  it('checks on worker start when a check is due, and not again until the next is due', async () => {
    await settingsWith(MANIFEST_URL);
    const { updater, reloads } = start();
    await updater.start();
    expect(reloads()).toBe(1);
    await updater.start();
    expect(reloads()).toBe(1);
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toBeDefined();
  });

  it('imports and resets through messages', async () => {
    await settingsWith('');
    const { updater, reloads } = start();
    expect(await updater.onMessage({ type: 'import-bundle', bundle: update.text, manifest: update.manifestText }, fromOptions)).toEqual({
      ok: true,
      version: '2026.2',
    });
    expect(await updater.onMessage({ type: 'import-bundle', bundle: update.text, manifest: update.manifestText }, fromOptions)).toMatchObject({
      ok: false,
      reason: 'not-newer',
    });
    expect(await updater.onMessage({ type: 'reset-dataset' }, fromOptions)).toEqual({ ok: true, version: '2026.1' });
    expect(reloads()).toBe(2);
    const reply = DatasetStatusReply.parse(await updater.onMessage({ type: 'get-dataset-status' }, fromOptions));
    expect(reply.active).toMatchObject({ version: '2026.1', source: 'bundled' });
  });

  it('checks when an admin sets a new update URL and stops scheduling when it is cleared', async () => {
    const { updater, reloads } = start();
    await settingsWith(MANIFEST_URL);
    await updater.onSettingsChanged({}, { updateUrl: MANIFEST_URL, trustedKeys: [key.trusted] });
    expect(reloads()).toBe(1);
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toBeDefined();
    await fakeBrowser.storage.sync.set({ settings: { updateUrl: '' } });
    await updater.onSettingsChanged({ updateUrl: MANIFEST_URL }, { updateUrl: '' });
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toBeUndefined();
  });
});
