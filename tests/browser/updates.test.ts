/**
 * Dataset updates in real Chromium: a local update server on 127.0.0.1 serves, in turn, a valid newer
 * bundle, a tampered one, an older version, a 500, a hanging response and an oversized file. After the
 * valid one the badge and popup show the new incident without reloading the extension; after each bad
 * one the previous data is still served and the options page says why. Needs `npm run build` first.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetBundle } from '../../lib/dataset/schema';
import { generateKeyPair, publicPart } from '../../lib/update/crypto';
import type { PrivateKeyFile, TrustedKey } from '../../lib/update/keys';
import { createManifest } from '../../lib/update/manifest';
import { vendorWithoutIncidents } from './expectations';
import { launchChromium, pollUntil, ROOT, startFixtureServer, type ExtensionBrowser, type FixtureServer } from './harness';

/** The slice of the `chrome` API run inside the service worker. */
declare const chrome: { storage: { sync: { set(items: object): Promise<void> } } };

const NEW_VERSION = '2099.1.1';
// A vendor with no incident in the shipped dataset: the update gives it its first one.
const QUIET_VENDOR = vendorWithoutIncidents();
const NEW_INCIDENT = `${QUIET_VENDOR.id}-test-update`;

type Scenario = 'valid' | 'tampered' | 'older' | 'error-500' | 'hang' | 'oversize';

interface Published {
  manifest: string;
  bundle: Buffer;
  bundleName: string;
}

async function publish(bundle: DatasetBundle, key: PrivateKeyFile): Promise<Published> {
  const bytes = Buffer.from(JSON.stringify(bundle));
  const bundleName = `bundle-${bundle.version}.json`;
  const manifest = await createManifest(new Uint8Array(bytes), { version: bundle.version, generatedAt: bundle.generatedAt, bundle: bundleName }, key);
  return { manifest: JSON.stringify(manifest), bundle: bytes, bundleName };
}

/** The update server: what it serves depends on the current scenario. */
async function startUpdateServer(files: Record<'valid' | 'tampered' | 'older' | 'oversize', Published>) {
  let scenario: Scenario = 'valid';
  const log: { path: string; status: number }[] = [];
  const hanging = new Set<ServerResponse>();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const answer = (status: number, body?: string | Buffer, headers: Record<string, string> = {}) => {
      log.push({ path, status });
      res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers }).end(body);
    };
    if (scenario === 'error-500') return answer(500, 'internal error');
    if (scenario === 'hang') {
      log.push({ path, status: 0 });
      hanging.add(res);
      return;
    }
    const published = files[scenario];
    if (path === '/vbr/manifest.json') {
      const etag = `"${createHash('sha256').update(published.manifest).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) return answer(304);
      return answer(200, published.manifest, { 'Content-Type': 'application/json', ETag: etag });
    }
    if (path === `/vbr/${published.bundleName}`) {
      if (scenario !== 'oversize') return answer(200, published.bundle, { 'Content-Type': 'application/json' });
      // Far more than the signed size, streamed without a length: the extension must stop reading.
      log.push({ path, status: 200 });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 17 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    }
    answer(404, 'not found');
  }

  const server: Server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    manifestUrl: `${origin}/vbr/manifest.json`,
    log,
    set: (next: Scenario) => {
      scenario = next;
      log.length = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

let fixtures: FixtureServer;
let updates: Awaited<ReturnType<typeof startUpdateServer>>;
let browser: ExtensionBrowser;
let trusted: TrustedKey;
let options: Page;

beforeAll(async () => {
  const key = await generateKeyPair('browser test (throwaway)');
  trusted = publicPart(key);
  const shipped = DatasetBundle.parse(JSON.parse(readFileSync(join(ROOT, 'data/bundle.json'), 'utf8')));
  const incident = DatasetBundle.shape.incidents.element.parse({
    id: NEW_INCIDENT,
    vendorIds: [QUIET_VENDOR.id],
    title: 'Test incident delivered by a dataset update',
    dates: { disclosed: '2099-01-01' },
    type: 'hacking',
    affected: { kind: 'exact', count: 12_345 },
    status: 'confirmed',
    sources: [{ title: 'Browser test' }],
  });
  const at = (version: string, extra = true): DatasetBundle => ({
    ...shipped,
    version,
    incidents: extra ? [...shipped.incidents, incident] : shipped.incidents,
  });
  const tampered = await publish(at('2099.2'), key);
  tampered.bundle = Buffer.from(tampered.bundle.toString('utf8').replace('12345', '99999'));
  updates = await startUpdateServer({
    valid: await publish(at(NEW_VERSION), key),
    tampered,
    older: await publish(at('2099.1'), key),
    oversize: await publish(at('2099.3'), key),
  });
  fixtures = await startFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await updates?.close();
  await fixtures?.close();
});

const statusOf = (page: Page) =>
  page.evaluate(() => ({
    version: document.querySelector('.dataset-status')?.getAttribute('data-version') ?? '',
    source: document.querySelector('.dataset-status')?.getAttribute('data-source') ?? '',
    reason: document.querySelector('.dataset-last-error')?.getAttribute('data-reason') ?? '',
    error: document.querySelector('.dataset-last-error')?.textContent ?? '',
  }));

async function popupIncidents(tabId: number): Promise<string[]> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl(tabId));
  const ids = await pollUntil(
    'the popup to list incidents',
    () => popup.$$eval('li.incident', (items) => items.map((i) => i.getAttribute('data-incident-id') ?? '')),
    (list) => list.length > 0,
  );
  await popup.close();
  return ids;
}

describe('dataset updates', () => {
  let tab: { page: Page; tabId: number };

  it('installs a valid newer bundle: badge and popup show the new incident without reloading the extension', async () => {
    tab = await browser.open(fixtures.url(`no-incidents.html?vendor=${encodeURIComponent(QUIET_VENDOR.name)}`));
    await browser.waitForBadge(tab.tabId, { text: '0' });

    // An admin points the extension at the server: the new address is checked at once.
    updates.set('valid');
    await browser.inWorker(
      (settings) => chrome.storage.sync.set({ settings }),
      { updateUrl: updates.manifestUrl, updateIntervalHours: 24, trustedKeys: [trusted] },
    );
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const status = await pollUntil('the update to be active', () => statusOf(options), (s) => s.version === NEW_VERSION);
    expect(status).toMatchObject({ source: 'updated', reason: '' });

    await tab.page.reload();
    await browser.waitForBadge(tab.tabId, { text: '1' });
    expect(await popupIncidents(tab.tabId)).toContain(NEW_INCIDENT);

    // Checking again costs one conditional request answered 304.
    updates.set('valid'); // clears the request log
    await options.click('button.dataset-check');
    await pollUntil('a 304', async () => updates.log, (log) => log.some((r) => r.status === 304));
    expect(updates.log).toEqual([{ path: '/vbr/manifest.json', status: 304 }]);
  });

  const bad: [Scenario, string, RegExp][] = [
    ['tampered', 'hash-mismatch', /altered or damaged/],
    ['older', 'not-newer', /older than the active 2099\.1\.1/],
    ['error-500', 'http-error', /500/],
    ['hang', 'timeout', /did not answer within 15 seconds/],
    ['oversize', 'oversize', /larger than/],
  ];

  it.each(bad)('after a %s update, keeps serving the previous data and shows the reason (%s)', async (scenario, reason, words) => {
    updates.set(scenario);
    await options.reload();
    await options.waitForSelector('button.dataset-check:not([disabled])');
    await options.click('button.dataset-check');
    const status = await pollUntil(`the ${reason} status`, () => statusOf(options), (s) => s.reason === reason, 45_000);
    expect(status).toMatchObject({ version: NEW_VERSION, source: 'updated' });
    expect(status.error).toMatch(words);
    expect(status.error).toMatch(/previous dataset stays active/);
  }, 60_000);

  it('still serves the installed update on the page and in the popup', async () => {
    const before = new Date().toISOString();
    await tab.page.reload();
    await browser.waitForScan(tab.tabId, tab.page.url(), before);
    await browser.waitForBadge(tab.tabId, { text: '1' });
    expect(await popupIncidents(tab.tabId)).toContain(NEW_INCIDENT);
  });
});
