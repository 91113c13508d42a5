/**
 * The real-browser test harness: a loopback fixture server, Chromium with the built extension loaded, and
 * polling helpers that read the toolbar badge and the background's per-tab state through the MV3 service
 * worker. Nothing here talks to the network beyond 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { createConnection, type Socket } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ALL_SITES } from '../../lib/background/site-access';

/** The slice of the extension API the tests call inside the extension (code run there, not here). */
interface ExtensionApi {
  action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(details: { tabId: number }): Promise<number[]>;
    getTitle(details: { tabId: number }): Promise<string>;
  };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}
/** Chromium's service worker. */
declare const chrome: ExtensionApi;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'tests/browser/fixtures');
export const CHROME_BUILD = join(ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The machine is slow (2 cores, two browsers' start-up): every wait is generous, and every wait polls. */
export const WAIT_MS = 30_000;
const POLL_MS = 100;

/* ------------------------------------------------------------------------------------------------ */
/* Polling                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Calls `probe` until `accept` holds for its value, and returns that value. On timeout the error says what
 * was last seen, so a failing test shows the wrong badge rather than just "timed out".
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError !== undefined ? `error: ${String(lastError)}` : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen ${seen}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Fixture server                                                                                   */
/* ------------------------------------------------------------------------------------------------ */

/** What a fixture page said about itself through `/report` (used where the extension cannot be queried). */
export interface PageReport {
  /** Milliseconds since the server started. */
  at: number;
  params: Record<string, string>;
}

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Milliseconds since the server started: the clock of `PageReport.at`. */
  now(): number;
  /** Every `/report?page=...` call received so far, oldest first. */
  reports(page?: string): PageReport[];
  waitForReport(page: string, accept: (r: PageReport) => boolean, timeoutMs?: number): Promise<PageReport>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves tests/browser/fixtures on 127.0.0.1 at a free port:
 * - `/NAME.html` (and `/NAME.html?anything`): the fixture file;
 * - `/spa/...`: every path of the single-page app serves spa.html, as an SPA host would;
 * - `/report?page=...&...`: a fixture page reporting what it sees (Firefox tests); answers 204.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const started = Date.now();
  const received: (PageReport & { page: string })[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Cache-Control', 'no-store');
    if (url.pathname === '/report') {
      const params = Object.fromEntries(url.searchParams);
      received.push({ page: params.page ?? '', at: Date.now() - started, params });
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = url.pathname.startsWith('/spa/') || url.pathname === '/spa' ? 'spa.html' : url.pathname.slice(1);
    if (!/^[a-z0-9-]+\.(?:html|js|css)$/.test(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(join(FIXTURES, file));
      res.writeHead(200, { 'Content-Type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;

  const reports = (page?: string) =>
    received.filter((r) => page === undefined || r.page === page).map(({ at, params }) => ({ at, params }));

  return {
    origin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    now: () => Date.now() - started,
    reports,
    waitForReport: async (page, accept, timeoutMs = WAIT_MS) => {
      const found = await pollUntil(
        `a report from ${page}`,
        async () => reports(page).find(accept) ?? null,
        (r) => r !== null,
        timeoutMs,
      );
      return found!;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Chromium with the extension                                                                      */
/* ------------------------------------------------------------------------------------------------ */

export interface Badge {
  text: string;
  /** `#RRGGBB`, upper case. */
  color: string;
  title: string;
}

export interface TabState {
  url: string;
  detections: { vendorId: string; evidence: { kind: string; text: string }[] }[];
  scannedAt: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The live service worker; after the worker was stopped, waits for the next one to start. */
  sw(): Promise<Worker>;
  /** Runs `fn(arg)` in the service worker, retrying once on a worker that stopped under us. */
  inWorker<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  badgeOf(tabId: number): Promise<Badge>;
  tabIdFor(url: string): Promise<number>;
  /** The background's stored state for a tab (`storage.session`), or null before the first scan. */
  tabState(tabId: number): Promise<TabState | null>;
  /** The host permissions the extension holds and the content scripts it has registered (their ids). */
  hostAccess(): Promise<{ origins: string[]; scripts: string[] }>;
  waitForBadge(tabId: number, expected: Partial<Badge>, timeoutMs?: number): Promise<Badge>;
  /** Waits until the background holds a scan of `url` for the tab, newer than `after` (an ISO time) if given. */
  waitForScan(tabId: number, url: string, after?: string): Promise<TabState>;
  /** Opens `url` in a new tab and returns the page and its tab id. */
  open(url: string): Promise<{ page: Page; tabId: number }>;
  popupUrl(tabId: number): string;
  /**
   * Stops the extension's service worker (CDP `ServiceWorker.stopAllWorkers`, through a session on `page`)
   * and resolves once Chromium reports it stopped. Chromium may start it again right away (an attached
   * debugger, an event): the JS global state is gone either way, which is what a restart test needs.
   */
  stopServiceWorker(page: Page): Promise<void>;
  close(): Promise<void>;
}

function toHex([r, g, b]: number[]): string {
  return `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** Temporary directories of browsers still running: removed at exit even if a test file never closed its browser. */
const liveWorkDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of liveWorkDirs) rmSync(dir, { recursive: true, force: true });
});

async function makeWorkDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  liveWorkDirs.add(dir);
  return dir;
}

async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  liveWorkDirs.delete(dir);
}

/**
 * Waits for a build's manifest.json and copies the build to `to`. `wxt build` empties .output and writes the
 * manifest last, so a build running meanwhile (another terminal, a watcher) delays the tests instead of
 * failing them; the private copy cannot change under a running browser.
 */
async function copyBuild(from: string, to: string): Promise<void> {
  const manifest = join(from, 'manifest.json');
  await pollUntil(`a build at ${from} (run \`npm run build\` first)`, async () => existsSync(manifest), Boolean, 60_000);
  await cp(from, to, { recursive: true });
  if (!existsSync(join(to, 'manifest.json'))) throw new Error(`the build at ${from} changed while it was copied`);
}

export { ALL_SITES };

const chromiumArgs = (extension: string) => [
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Records in a new profile that the user granted the extension `origins`, as Chromium itself records a
 * "Allow" in its permission prompt, which automation cannot click. A stub with the extension's id (same
 * folder, same key) is installed first, so the profile has the extension's entry; its granted and active
 * host permissions are then written into the profile's Preferences, which the real build loads next.
 */
async function grantInProfile(profile: string, extension: string, build: string, origins: string[]): Promise<void> {
  const real = JSON.parse(await readFile(join(build, 'manifest.json'), 'utf8')) as { version: string; key?: string };
  await mkdir(extension, { recursive: true });
  const stub = { manifest_version: 3, name: 'stub', version: real.version, optional_host_permissions: ALL_SITES, key: real.key };
  await writeFile(join(extension, 'manifest.json'), JSON.stringify(stub));
  const installing = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(extension) });
  await installing.close();
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8')) as { extensions?: { settings?: Record<string, Record<string, unknown>> } };
  const entry = Object.values(prefs.extensions?.settings ?? {}).find((e) => e.path === extension);
  if (!entry) throw new Error('Chromium did not record the stub extension in the profile');
  const hosts = (set: unknown) => ({ api: [], manifest_permissions: [], scriptable_host: [], ...(set as object), explicit_host: origins });
  for (const key of ['granted_permissions', 'runtime_granted_permissions', 'active_permissions']) entry[key] = hosts(entry[key]);
  await writeFile(file, JSON.stringify(prefs));
  await rm(extension, { recursive: true, force: true });
}

/**
 * Launches headless Chromium with the built extension in a fresh profile. By default the user has allowed
 * every site (automatic mode works, and the content script is registered before this returns); with
 * `grantedOrigins: []` it is a fresh install that holds no host permission.
 */
export async function launchChromium(
  options: {
    headless?: boolean;
    deviceScaleFactor?: number;
    /** Host names resolved to 127.0.0.1 (screenshots show `news.example.org`, not an IP address). */
    loopbackHosts?: string[];
    /** Host permissions the user granted before this start (default: every site). */
    grantedOrigins?: string[];
  } = {},
): Promise<ExtensionBrowser> {
  // A private copy of the build, so a `wxt build` run meanwhile (it empties .output) cannot pull files from
  // under the running browser; the profile sits next to it, and both go at close().
  const work = await makeWorkDir('vbr-chromium-');
  const extension = join(work, 'extension');
  const profile = join(work, 'profile');
  const granted = options.grantedOrigins ?? ALL_SITES;
  let context: BrowserContext;
  try {
    const build = join(work, 'build');
    await copyBuild(CHROME_BUILD, build);
    if (granted.length) await grantInProfile(profile, extension, build, granted);
    await rename(build, extension);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      viewport: { width: 1100, height: 800 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      colorScheme: 'light',
      args: [
        ...chromiumArgs(extension),
        ...(options.loopbackHosts?.length
          ? [`--host-resolver-rules=${options.loopbackHosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`]
          : []),
      ],
    });
  } catch (error) {
    await removeWorkDir(work);
    throw error;
  }

  const sw = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (live) return live;
    return context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: WAIT_MS,
    });
  };
  const first = await sw();
  const extensionId = new URL(first.url()).host;

  /** Asks Chromium to start the extension's worker (CDP `ServiceWorker.startWorker`), as an event would. */
  async function startWorker(): Promise<void> {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extensionId}/` });
    } finally {
      await cdp.detach();
    }
  }

  async function inWorker<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const worker = await sw();
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Evaluating in a stopped worker waits for it forever: give it a while, then start the worker.
      const stalled = new Promise<'stalled'>((ok) => (timer = setTimeout(() => ok('stalled'), 5_000)));
      try {
        const result = await Promise.race([worker.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown), stalled]);
        if (result !== 'stalled') return result as R;
        if (attempt >= 3) throw new Error('the service worker does not answer');
        await startWorker();
      } catch (error) {
        // The worker can go away between finding it and evaluating: take the next one.
        if (attempt >= 3 || !/closed|destroyed|detached|Execution context/i.test(String(error))) throw error;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  const badgeOf = async (tabId: number): Promise<Badge> => {
    const raw = await inWorker(
      async (id: number) => ({
        text: await chrome.action.getBadgeText({ tabId: id }),
        color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
        title: await chrome.action.getTitle({ tabId: id }),
      }),
      tabId,
    );
    return { text: raw.text, color: toHex(raw.color), title: raw.title };
  };

  const tabState = (tabId: number) =>
    inWorker(async (id: number) => {
      const key = `tab:${id}`;
      const stored = await chrome.storage.session.get(key);
      return (stored[key] ?? null) as TabState | null;
    }, tabId);

  const tabIdFor = async (url: string): Promise<number> => {
    const id = await pollUntil(
      `a tab at ${url}`,
      () =>
        inWorker(async (u: string) => {
          const tabs = await chrome.tabs.query({});
          return tabs.find((t) => t.url === u)?.id ?? null;
        }, url),
      (found) => found !== null,
    );
    return id!;
  };

  const matches = (badge: Badge, expected: Partial<Badge>) =>
    (expected.text === undefined || badge.text === expected.text) &&
    (expected.color === undefined || badge.color === expected.color.toUpperCase()) &&
    (expected.title === undefined || badge.title === expected.title);

  const browser: ExtensionBrowser = {
    context,
    extensionId,
    sw,
    inWorker,
    badgeOf,
    tabIdFor,
    tabState,
    hostAccess: () =>
      inWorker(
        async () => ({
          origins: (await chrome.permissions.getAll()).origins ?? [],
          scripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
        }),
        null,
      ),
    waitForBadge: (tabId, expected, timeoutMs = WAIT_MS) =>
      pollUntil(`the badge of tab ${tabId} to be ${JSON.stringify(expected)}`, () => badgeOf(tabId), (b) => matches(b, expected), timeoutMs),
    waitForScan: async (tabId, url, after) =>
      (await pollUntil(
        `a scan of ${url} in tab ${tabId}${after ? ` after ${after}` : ''}`,
        () => tabState(tabId),
        (s) => s !== null && s.url === url && (after === undefined || s.scannedAt > after),
      ))!,
    open: async (url) => {
      // The new tab is the id that was not there before: works for pages whose address the extension may
      // not read (about:blank has no host permission, so tabs.query gives no url for it).
      const ids = () => inWorker(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1), null);
      const before = new Set(await ids());
      const page = await context.newPage();
      const fresh = await pollUntil('the new tab', ids, (now) => now.some((id) => !before.has(id)));
      const tabId = fresh.find((id) => !before.has(id))!;
      await page.goto(url);
      return { page, tabId };
    },
    popupUrl: (tabId) => `chrome-extension://${extensionId}/popup.html?tabId=${tabId}`,
    stopServiceWorker: async (page) => {
      const cdp = await context.newCDPSession(page);
      const statuses: string[] = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const v of event.versions) {
          if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(v.runningStatus);
        }
      });
      try {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await pollUntil('the service worker to stop', async () => statuses.includes('stopped'), Boolean);
      } finally {
        await cdp.detach();
      }
    },
    close: async () => {
      try {
        await context.close();
      } finally {
        await removeWorkDir(work);
      }
    },
  };
  if (ALL_SITES.every((origin) => granted.includes(origin))) {
    // The worker registers the content script as it starts: pages opened before that would not be scanned.
    await pollUntil('the content script to be registered', browser.hostAccess, (access) => access.scripts.length > 0);
  }
  return browser;
}

/** The inline markers on a page: tag attributes only (the shadow root is closed). */
export function markersOn(page: Page): Promise<{ vendor: string; severity: string; after: string; parent: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('vendor-risk-marker')].map((m) => ({
      vendor: (m as HTMLElement).dataset.vendor ?? '',
      severity: (m as HTMLElement).dataset.severity ?? '',
      after: m.previousSibling?.textContent ?? '',
      parent: m.parentElement?.tagName.toLowerCase() ?? '',
    })),
  );
}

/* ------------------------------------------------------------------------------------------------ */
/* Firefox with the extension (web-ext run), read back through the Remote Debugging Protocol        */
/* ------------------------------------------------------------------------------------------------ */

/** Firefox's background page. */
declare const browser: ExtensionApi;

interface RdpMessage {
  from?: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * A minimal client for Firefox's Remote Debugging Protocol (length-prefixed JSON over TCP), the protocol
 * web-ext itself installs the add-on with. Packets with a `type` are events; the others answer the oldest
 * open request to the actor they come from.
 */
class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, ((m: RdpMessage) => void)[]>();
  readonly events: RdpMessage[] = [];

  private constructor(private readonly socket: Socket) {}

  static connect(port: number): Promise<RdpClient> {
    return new Promise((ok, fail) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      const client = new RdpClient(socket);
      let greeted = false;
      socket.on('data', (data: Buffer) => {
        client.buffer = Buffer.concat([client.buffer, data]);
        for (let m = client.next(); m; m = client.next()) {
          if (!greeted) {
            greeted = true; // the root actor's hello
            ok(client);
          } else client.dispatch(m);
        }
      });
      socket.once('error', fail);
    });
  }

  private next(): RdpMessage | null {
    const colon = this.buffer.indexOf(':');
    if (colon < 0) return null;
    const length = Number(this.buffer.subarray(0, colon).toString());
    if (this.buffer.length < colon + 1 + length) return null;
    const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as RdpMessage;
    this.buffer = this.buffer.subarray(colon + 1 + length);
    return packet;
  }

  private dispatch(m: RdpMessage): void {
    const queue = m.from ? this.waiting.get(m.from) : undefined;
    if (m.type === undefined || m.error !== undefined) {
      const answer = queue?.shift();
      if (answer) return answer(m);
    }
    if (m.type === 'evaluationResult' || m.type === 'target-available-form' || m.type === 'target-destroyed-form') {
      this.events.push(m);
    }
  }

  request(to: string, type: string, params: Record<string, unknown> = {}): Promise<RdpMessage> {
    return new Promise((ok, fail) => {
      const queue = this.waiting.get(to) ?? [];
      queue.push((m) => (m.error ? fail(new Error(`${type}: ${m.error} ${m.message ?? ''}`)) : ok(m)));
      this.waiting.set(to, queue);
      const packet = JSON.stringify({ to, type, ...params });
      this.socket.write(`${Buffer.byteLength(packet)}:${packet}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface FirefoxRun {
  /** web-ext's and Firefox's output (the last part), for failure messages. */
  output(): string;
  /** Runs `fn(arg)` in the add-on's background page through the debugger and returns its (JSON) result. */
  inBackground<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;
  /** The badge of the tab showing `url`, or null when no tab shows it. */
  badgeFor(url: string): Promise<Badge | null>;
  /** The background's stored scan of the tab showing `url`. */
  tabStateFor(url: string): Promise<TabState | null>;
  close(): Promise<void>;
}

const ADDON_ID = 'vendor-breach-radar@example.org';

/**
 * Runs Firefox ESR headless with the built add-on through `web-ext run`, opening `startUrls` in tabs.
 * web-ext runs in its own process group, which close() ends (web-ext, Firefox and its content processes).
 * The add-on's state is read through Firefox's debugger (the port web-ext opened, found in its verbose
 * log): the background page's console evaluates `browser.action.getBadgeText(...)` and friends.
 */
export async function launchFirefox(startUrls: string[], prefs: Record<string, string | number | boolean> = {}): Promise<FirefoxRun> {
  const work = await makeWorkDir('vbr-firefox-');
  const extension = join(work, 'extension');
  const profile = join(work, 'profile');
  await copyBuild(FIREFOX_BUILD, extension).catch(async (error: unknown) => {
    await removeWorkDir(work);
    throw error;
  });
  const args = [
    join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
    'run',
    '--verbose', // logs the debugger port
    '--no-config-discovery',
    `--source-dir=${extension}`,
    `--firefox=${FIREFOX_PATH}`,
    `--firefox-profile=${profile}`,
    '--profile-create-if-missing',
    '--keep-profile-changes',
    '--arg=-headless',
    '--no-input',
    '--no-reload',
    ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${String(v)}`),
    ...startUrls.map((u) => `--start-url=${u}`),
  ];
  const child = spawn(process.execPath, args, {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  let output = '';
  let port: number | null = null;
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    port ??= Number(/Connected to the remote Firefox debugger on port (\d+)/.exec(output)?.[1]) || null;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exitCode: number | null = null;
  const exited = new Promise<void>((ok) =>
    child.once('exit', (code) => {
      exitCode = code ?? -1;
      ok();
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  let rdp: RdpClient | null = null;
  const close = async () => {
    rdp?.close();
    signalGroup('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
    // Firefox's content processes can outlive web-ext: end whatever is left of the group.
    signalGroup('SIGKILL');
    if (timedOut) await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    await removeWorkDir(work);
  };

  let consoleActor: string;
  try {
    await pollUntil(
      'web-ext to install the add-on',
      async () => {
        if (exitCode !== null) throw new Error(`web-ext exited (${exitCode}): ${output.slice(-2_000)}`);
        return port !== null && /Installed .* as a temporary add-on/.test(output);
      },
      Boolean,
      60_000,
    );
    rdp = await RdpClient.connect(port!);
    const { addons } = (await rdp.request('root', 'listAddons')) as { addons?: { id: string; actor: string }[] };
    const addon = addons?.find((a) => a.id === ADDON_ID);
    if (!addon) throw new Error(`the add-on ${ADDON_ID} is not installed`);
    const watcher = (await rdp.request(addon.actor, 'getWatcher', { isServerTargetSwitchingEnabled: true })) as { actor: string };
    await rdp.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
    const client = rdp;
    const found = await pollUntil(
      "the add-on's background page",
      async () => {
        const forms = client.events
          .filter((e) => e.type === 'target-available-form')
          .map((e) => e.target as { url?: string; consoleActor?: string });
        return forms.find((f) => f.url?.endsWith('/_generated_background_page.html'))?.consoleActor ?? null;
      },
      (actor) => actor !== null,
    );
    consoleActor = found!;
  } catch (error) {
    const log = output.slice(-3_000);
    await close();
    throw new Error(`${String(error)}\n--- web-ext output ---\n${log}`);
  }

  let calls = 0;
  async function evaluate(text: string): Promise<unknown> {
    const { resultID } = (await rdp!.request(consoleActor, 'evaluateJSAsync', { text })) as { resultID: string };
    const result = await pollUntil(
      'an evaluation result',
      async () => rdp!.events.find((e) => e.type === 'evaluationResult' && e.resultID === resultID) ?? null,
      (r) => r !== null,
    );
    if (result!.hasException) throw new Error(`evaluation failed: ${JSON.stringify(result!.exceptionMessage)}`);
    return result!.result;
  }

  async function inBackground<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
    // The console gives back plain values only: run the async function, park its JSON in a global, read it.
    const slot = `__vbrTest${++calls}`;
    await evaluate(
      `void (async () => (${fn.toString()})(${JSON.stringify(arg)}))().then(` +
        `(v) => { globalThis.${slot} = JSON.stringify({ ok: v === undefined ? null : v }); },` +
        `(e) => { globalThis.${slot} = JSON.stringify({ error: String(e) }); })`,
    );
    const raw = await pollUntil(
      'the background page to finish',
      () => evaluate(`globalThis.${slot} ?? ''`),
      (r) => typeof r === 'string' && r !== '',
    );
    await evaluate(`delete globalThis.${slot}`);
    const parsed = JSON.parse(raw as string) as { ok?: R; error?: string };
    if (parsed.error !== undefined) throw new Error(`in the background page: ${parsed.error}`);
    return parsed.ok as R;
  }

  return {
    output: () => output,
    inBackground,
    badgeFor: async (url) => {
      const raw = await inBackground(async (u: string) => {
        const tab = (await browser.tabs.query({})).find((t) => t.url === u);
        if (tab?.id === undefined) return null;
        const tabId = tab.id;
        return {
          text: await browser.action.getBadgeText({ tabId }),
          color: await browser.action.getBadgeBackgroundColor({ tabId }),
          title: await browser.action.getTitle({ tabId }),
        };
      }, url);
      return raw && { text: raw.text, color: toHex(raw.color), title: raw.title };
    },
    tabStateFor: (url) =>
      inBackground(async (u: string) => {
        const tab = (await browser.tabs.query({})).find((t) => t.url === u);
        if (tab?.id === undefined) return null;
        const key = `tab:${tab.id}`;
        return ((await browser.storage.session.get(key))[key] ?? null) as TabState | null;
      }, url),
    close,
  };
}
