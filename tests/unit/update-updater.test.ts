import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetBundle } from '../../lib/dataset/schema';
import type { ActiveDataset, DatasetSource } from '../../lib/store/dataset-store';
import { EMPTY_STATUS, type UpdateStatus } from '../../lib/update/status';
import { createUpdateChecker, retryDelayMs } from '../../lib/update/updater';
import { bundleOf, signed, testKey, type Signed, type TestKey } from './update-helpers';

const URL_ = 'https://updates.example/vbr/manifest.json';
const NOW = new Date('2026-11-28T12:00:00Z');

let key: TestKey;
beforeAll(async () => {
  key = await testKey();
});

type Route = (req: Request) => Response | Promise<Response>;

/** An in-memory world: routes instead of a server, a variable instead of IndexedDB. */
function world(routes: Record<string, Route>) {
  const state = {
    active: { bundle: bundleOf('2026.1'), source: 'bundled' } as ActiveDataset,
    status: EMPTY_STATUS as UpdateStatus,
    reloads: 0,
    requests: [] as Request[],
    settings: { updateUrl: URL_, updateIntervalHours: 24, trustedKeys: [key.trusted] },
  };
  const checker = createUpdateChecker({
    now: () => NOW,
    settings: async () => state.settings,
    builtInKeys: [],
    active: async () => state.active,
    async install(bundle: DatasetBundle, source: DatasetSource) {
      state.active = { bundle, source };
      return { ok: true };
    },
    async resetToBundled() {
      state.active = { bundle: bundleOf('2026.1'), source: 'bundled' };
      return { ok: true, version: '2026.1' };
    },
    readStatus: async () => state.status,
    writeStatus: async (s) => void (state.status = s),
    onInstalled: () => void state.reloads++,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      state.requests.push(req);
      const route = routes[req.url];
      return route ? route(req) : new Response('not found', { status: 404 });
    }) as typeof fetch,
    timeouts: { manifestMs: 200, bundleMs: 200 },
  });
  return { state, checker };
}

/** Serves a signed update at URL_ (manifest) and next to it (bundle), with an ETag. */
function serve(s: Signed, bundleText = s.text): Record<string, Route> {
  return {
    [URL_]: (req) =>
      req.headers.get('If-None-Match') === '"m1"' ? new Response(null, { status: 304 }) : new Response(s.manifestText, { headers: { ETag: '"m1"' } }),
    [new URL(s.manifest.bundle, URL_).href]: () => new Response(bundleText),
  };
}

describe('update checks', () => {
  let newer: Signed;
  beforeEach(async () => {
    newer = await signed(key, bundleOf('2026.2', true));
  });

  it('installs a valid newer bundle, reloads the background, then costs one 304', async () => {
    const { state, checker } = world(serve(newer));
    const status = await checker.checkNow();
    expect(state.active).toMatchObject({ source: 'updated', bundle: { version: '2026.2' } });
    expect(state.reloads).toBe(1);
    expect(status).toMatchObject({ lastResult: 'updated', failures: 0, etag: '"m1"', lastCheck: NOW.toISOString() });
    expect(status.lastError).toBeUndefined();
    expect(status.nextCheckAt).toBe('2026-11-29T12:00:00.000Z');

    state.requests.length = 0;
    expect(await checker.checkNow()).toMatchObject({ lastResult: 'unchanged', etag: '"m1"' });
    expect(state.requests.map((r) => [r.url, r.headers.get('If-None-Match')])).toEqual([[URL_, '"m1"']]);
    expect(state.reloads).toBe(1);
  });

  it('does nothing without an update URL', async () => {
    const { state, checker } = world({});
    state.settings.updateUrl = '';
    expect(await checker.checkNow()).toMatchObject({ lastResult: 'disabled' });
    expect(state.requests).toEqual([]);
  });

  it('treats the same version as nothing new, not as an error', async () => {
    const same = await signed(key, bundleOf('2026.1'));
    const { state, checker } = world(serve(same));
    expect(await checker.checkNow()).toMatchObject({ lastResult: 'unchanged', failures: 0 });
    expect(state.requests).toHaveLength(1); // the bundle was never downloaded
  });

  const failures: [string, () => Promise<Record<string, Route>>, string][] = [
    ['a 500', async () => ({ [URL_]: () => new Response('x', { status: 500 }) }), 'http-error'],
    ['a 404', async () => ({}), 'http-error'],
    ['a network error', async () => ({ [URL_]: () => Promise.reject(new TypeError('fetch failed')) }), 'network'],
    [
      'a hanging response',
      async () => ({ [URL_]: (req) => new Promise<Response>((_, fail) => req.signal.addEventListener('abort', () => fail(req.signal.reason))) }),
      'timeout',
    ],
    ['bad JSON', async () => ({ [URL_]: () => new Response('{oops') }), 'bad-manifest'],
    ['an older version', async () => serve(await signed(key, bundleOf('2025.1'))), 'not-newer'],
    ['an unknown key', async () => serve(await signed(await testKey(), bundleOf('2026.2'))), 'unknown-key'],
    [
      'a tampered bundle',
      async () => {
        const s = await signed(key, bundleOf('2026.2', true));
        return serve(s, s.text.replace('Test incident', 'Fake incident'));
      },
      'hash-mismatch',
    ],
    [
      'a re-hashed tampered bundle',
      async () => {
        const s = await signed(key, bundleOf('2026.2', true));
        const forged = await signed(await testKey(), s.text.replace('Test incident', 'Fake incident'), bundleOf('2026.2'));
        return serve({ ...s, manifestText: JSON.stringify({ ...forged.manifest, keyId: s.manifest.keyId }) }, forged.text);
      },
      'bad-signature',
    ],
    [
      'a body larger than announced',
      async () => {
        const s = await signed(key, bundleOf('2026.2', true));
        return serve(s, s.text + ' '.repeat(10_000));
      },
      'oversize',
    ],
    ['an invalid dataset', async () => serve(await signed(key, '{"schemaVersion":2}', bundleOf('2026.2'))), 'schema'],
  ];

  it.each(failures)('keeps the active dataset and records the reason after %s', async (_what, routes, reason) => {
    const { state, checker } = world(await routes());
    const before = state.active;
    const status = await checker.checkNow();
    expect(state.active).toBe(before);
    expect(state.reloads).toBe(0);
    expect(status).toMatchObject({ lastResult: 'failed', failures: 1, lastError: { reason, at: NOW.toISOString() } });
    expect(status.lastError?.message.length).toBeGreaterThan(10);
    expect(status.etag).toBeUndefined(); // a failed manifest is fetched whole next time
    expect(status.nextCheckAt).toBe(new Date(NOW.getTime() + 15 * 60_000).toISOString());
  });

  it('backs off after repeated failures and forgets them after a success', async () => {
    const routes: Record<string, Route> = { [URL_]: () => new Response('x', { status: 500 }) };
    const { state, checker } = world(routes);
    await checker.checkNow();
    await checker.checkNow();
    const third = await checker.checkNow();
    expect(third.failures).toBe(3);
    expect(third.nextCheckAt).toBe(new Date(NOW.getTime() + 60 * 60_000).toISOString());
    Object.assign(routes, serve(newer));
    expect(await checker.checkNow()).toMatchObject({ failures: 0, lastResult: 'updated' });
    expect(state.status.lastError).toBeUndefined();
    expect(retryDelayMs(20, 24)).toBe(24 * 3_600_000);
  });

  it('runs one check at a time', async () => {
    const { state, checker } = world(serve(newer));
    await Promise.all([checker.checkNow(), checker.checkNow()]);
    expect(state.requests.filter((r) => r.url === URL_)).toHaveLength(1);
  });
});

describe('manual import and reset', () => {
  it('imports a signed bundle under the same checks', async () => {
    const s = await signed(key, bundleOf('2026.3', true));
    const { state, checker } = world({});
    expect(await checker.importBundle(s.text, s.manifestText)).toEqual({ ok: true, version: '2026.3' });
    expect(state.active).toMatchObject({ source: 'imported', bundle: { version: '2026.3' } });
    expect(state.reloads).toBe(1);
    expect(state.status.lastResult).toBe('imported');
  });

  it('refuses a tampered or old file with the reason, keeping the active dataset', async () => {
    const s = await signed(key, bundleOf('2026.3', true));
    const { state, checker } = world({});
    expect(await checker.importBundle(s.text.replace('Test', 'Best'), s.manifestText)).toMatchObject({ ok: false, reason: 'hash-mismatch' });
    expect(await checker.importBundle(s.text, '{}')).toMatchObject({ ok: false, reason: 'bad-manifest' });
    const old = await signed(key, bundleOf('2025.3'));
    expect(await checker.importBundle(old.text, old.manifestText)).toMatchObject({ ok: false, reason: 'not-newer' });
    expect(state.active.source).toBe('bundled');
    expect(state.reloads).toBe(0);
  });

  it('resets to the bundled dataset and forgets the manifest validators', async () => {
    const s = await signed(key, bundleOf('2026.2'));
    const { state, checker } = world(serve(s));
    await checker.checkNow();
    expect(await checker.reset()).toEqual({ ok: true, version: '2026.1' });
    expect(state.active.source).toBe('bundled');
    expect(state.status).toMatchObject({ lastResult: 'reset' });
    expect(state.status.etag).toBeUndefined();
  });
});
