/**
 * Hostile and broken pages in real Chromium (needs `npm run build`: uses .output/chrome-mv3). Each page
 * must end with the page responsive (a round trip and an animation frame within a few seconds), the
 * extension alive (its service worker answers and the background holds the right scan), the right badge,
 * and no uncaught error (page errors, console errors of the page and of the service worker, CSP
 * violations). The pages live in tests/browser/fixtures/hostile and are served by a small server here,
 * which can also send response headers (a strict CSP) and a PDF.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { CDPSession, ConsoleMessage, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedBadge } from './expectations';
import { FIXTURES, launchChromium, markersOn, pollUntil, type ExtensionBrowser } from './harness';

/** The slice of the `chrome` API run inside the service worker. */
declare const chrome: { runtime: { id: string; getManifest(): { name: string } } };

const HOSTILE = join(FIXTURES, 'hostile');
const APP = 'Vendor Breach Radar';

/** A strict policy sent as a header on csp.html (the page repeats it in a <meta>). */
const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

/** A one-page PDF whose text names Change Healthcare (a PDF is not a web page: nothing may be detected). */
function makePdf(): Buffer {
  const stream = 'BT /F1 18 Tf 40 100 Td (Notice: the Change Healthcare breach) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Serves the hostile fixtures; `frame.html?depth=N` is a same-origin frame holding frame depth N-1. */
async function startHostileServer(): Promise<{ url(path: string): string; close(): Promise<void> }> {
  const pdf = makePdf();
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.slice(1);
    res.setHeader('Cache-Control', 'no-store');
    if (name === 'favicon.ico') return void res.writeHead(204).end();
    if (name === 'notice.pdf') return void res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(pdf);
    if (name === 'frame.html') {
      const depth = Math.max(0, Math.min(64, Number(url.searchParams.get('depth')) || 0));
      const inner = depth > 0 ? `<iframe src="frame.html?depth=${depth - 1}" title="level ${depth - 1}"></iframe>` : '';
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frame ${depth}</title></head><body><p>frame level ${depth}</p>${inner}</body></html>`;
      return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    }
    if (!/^[a-z0-9-]+\.(?:html|js)$/.test(name)) return void res.writeHead(404).end('not found');
    try {
      const body = await readFile(join(HOSTILE, name));
      const headers: Record<string, string> = {
        'Content-Type': name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
      };
      if (name === 'csp.html') headers['Content-Security-Policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  }
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url: (path) => `${origin}/${path}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

let server: Awaited<ReturnType<typeof startHostileServer>>;
let browser: ExtensionBrowser;
/** Console errors of every service worker of the extension since the test began. */
const workerErrors: string[] = [];
const watchedWorkers = new WeakSet<Worker>();

function watchWorker(worker: Worker): void {
  if (watchedWorkers.has(worker) || !worker.url().startsWith('chrome-extension://')) return;
  watchedWorkers.add(worker);
  worker.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') workerErrors.push(m.text());
  });
}

beforeAll(async () => {
  server = await startHostileServer();
  browser = await launchChromium();
  browser.context.serviceWorkers().forEach(watchWorker);
  browser.context.on('serviceworker', watchWorker);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => {
  workerErrors.length = 0;
});

interface Opened {
  page: Page;
  tabId: number;
  /** Uncaught page errors and console errors of the page (which shows the content script's too). */
  errors: string[];
}

async function openHostile(url: string): Promise<Opened> {
  const errors: string[] = [];
  // Listen before the page loads: open a blank tab, attach, then navigate.
  const { page, tabId } = await browser.open('about:blank');
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('crash', () => errors.push('the page crashed'));
  await page.goto(url, { timeout: 60_000 });
  return { page, tabId, errors };
}

const sessions = new WeakMap<Page, CDPSession>();

/**
 * Evaluates `expression` in the page's main world through CDP (Runtime.evaluate), awaiting a promise and
 * returning the value as JSON. Unlike page.evaluate it runs no helper script of Playwright's in the page,
 * so it works on a page that poisoned Array.prototype (Playwright's own helper calls Array.prototype.slice).
 */
async function inPage<T>(page: Page, expression: string): Promise<T> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await browser.context.newCDPSession(page);
    sessions.set(page, cdp);
  }
  const reply = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
  return reply.result.value as T;
}

/** The markers in the page, read without Array.prototype methods (see inPage). */
function markerVendors(page: Page): Promise<string[]> {
  return inPage<string[]>(
    page,
    `(() => { const out = []; let i = 0; for (const m of document.querySelectorAll('vendor-risk-marker')) out[i++] = m.dataset.vendor; return out; })()`,
  );
}

/** A round trip into the page and an animation frame, both within `withinMs`. */
async function assertResponsive(page: Page, withinMs = 5_000): Promise<void> {
  const started = Date.now();
  // The overrides page poisons requestAnimationFrame in its world: common.js kept the original.
  const frame = inPage<number>(page, 'new Promise((ok) => (window.__raf || window.requestAnimationFrame.bind(window))((t) => ok(t)))');
  const timeout = new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), withinMs));
  const result = await Promise.race([frame, timeout]);
  expect(result, `the page did not paint a frame within ${withinMs} ms`).not.toBe('timeout');
  expect(Date.now() - started).toBeLessThan(withinMs);
}

/** The extension's worker answers, with its own identity. */
async function assertAlive(): Promise<void> {
  const answer = await browser.inWorker(() => ({ id: chrome.runtime.id, name: chrome.runtime.getManifest().name }), null);
  expect(answer).toEqual({ id: browser.extensionId, name: APP });
}

/** Everything a hostile page must end with. `vendors` is what the background must have detected. */
async function assertHealthy(opened: Opened, vendors: string[] | null): Promise<void> {
  const { page, tabId } = opened;
  await assertResponsive(page);
  await assertAlive();
  if (vendors === null) {
    // Not a web page the extension may read: no scan and no count, only the default title.
    expect((await browser.badgeOf(tabId)).text).toBe('');
    expect(await browser.tabState(tabId)).toBeNull();
  } else {
    const state = await browser.waitForScan(tabId, page.url());
    expect(state.detections.map((d) => d.vendorId).sort()).toEqual([...vendors].sort());
    const badge = vendors.length ? expectedBadge(vendors) : { text: '', title: `${APP}: no healthcare vendor on this page` };
    expect(await browser.waitForBadge(tabId, badge)).toMatchObject(badge);
  }
  await assertResponsive(page);
  expect(opened.errors).toEqual([]);
  expect(workerErrors).toEqual([]);
  const log = await inPage<{ errors: number; violations: string[] } | null>(page, 'window.__hostile || null').catch(() => null);
  if (log) {
    expect(log.errors, 'uncaught errors counted by the page').toBe(0);
    expect(log.violations, 'CSP violations').toEqual([]);
  }
}

/** Waits until the vendor's marker is in the page (it is drawn after the background answered). */
function waitForMarker(page: Page, count = 1) {
  return pollUntil('the inline marker', () => markerVendors(page), (m) => m.length >= count);
}

describe('hostile pages (Chromium)', () => {
  it('a page of 200,000 elements', async () => {
    const opened = await openHostile(server.url('many-elements.html'));
    expect(Number(await opened.page.getAttribute('body', 'data-elements'))).toBeGreaterThanOrEqual(200_000);
    await assertHealthy(opened, ['change-healthcare']);
    expect(await waitForMarker(opened.page)).toEqual(['change-healthcare']);
    await opened.page.close();
  });

  it('a 10 MB text node', async () => {
    const opened = await openHostile(server.url('big-text.html'));
    expect(Number(await opened.page.getAttribute('body', 'data-text-length'))).toBe(10 * 1024 * 1024);
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    await opened.page.close();
  });

  it('30 nested shadow roots and 30 nested same-origin frames', async () => {
    const opened = await openHostile(server.url('nested.html'));
    expect(await opened.page.getAttribute('body', 'data-shadow-depth')).toBe('30');
    // The top document and 30 frames, each inside the previous one.
    await pollUntil('30 nested frames', async () => opened.page.frames().length, (n) => n === 31);
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    await opened.page.close();
  });

  it('a page that mutates 1,000 times a second for 10 s', { timeout: 120_000 }, async () => {
    const opened = await openHostile(server.url('mutating.html'));
    // Responsive while it mutates, not only afterwards.
    for (let i = 0; i < 4; i++) {
      await assertResponsive(opened.page);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await opened.page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    expect(Number(await opened.page.getAttribute('#status', 'data-count'))).toBeGreaterThanOrEqual(5_000);
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    await opened.page.close();
  });

  it('a page that removes the marker (no fight: the extension does not redraw it in a loop)', async () => {
    const opened = await openHostile(server.url('marker-remove.html'));
    await assertHealthy(opened, ['change-healthcare']);
    await pollUntil('the page to remove the marker', () => opened.page.evaluate(() => (window as unknown as { __removed: number }).__removed), (n) => n >= 1);
    await new Promise((r) => setTimeout(r, 3_000));
    const removed = await opened.page.evaluate(() => (window as unknown as { __removed: number }).__removed);
    expect(removed).toBeLessThanOrEqual(3);
    await assertHealthy(opened, ['change-healthcare']);
    await opened.page.close();
  });

  it('a page that clones and moves the marker (clones are empty: the shadow root is closed and not clonable)', async () => {
    const opened = await openHostile(server.url('marker-clone.html'));
    await assertHealthy(opened, ['change-healthcare']);
    await pollUntil('the page to clone the marker', () => opened.page.evaluate(() => (window as unknown as { __cloned: number }).__cloned), (n) => n >= 2);
    await new Promise((r) => setTimeout(r, 3_000));
    const seen = await opened.page.evaluate(() => ({
      cloned: (window as unknown as { __cloned: number }).__cloned,
      shadow: (window as unknown as { __shadowOfClone: string }).__shadowOfClone,
      text: [...document.querySelectorAll('vendor-risk-marker')].map((m) => m.textContent ?? ''),
    }));
    expect(seen.cloned).toBe(2); // once: no loop
    expect(seen.shadow).toBe('null'); // a closed root is not exposed, not even on a clone
    expect(seen.text.every((t) => t === '')).toBe(true); // nothing of ours leaks into the light DOM
    await assertHealthy(opened, ['change-healthcare']);
    await opened.page.close();
  });

  it('a page that restyles everything: the marker keeps its own look, stays inline and in focus order', async () => {
    const opened = await openHostile(server.url('restyle.html'));
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    // Focus order: the marker is one tab stop in document order, between what comes before and after it.
    await opened.page.focus('#start');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await opened.page.keyboard.press('Tab');
      order.push(await opened.page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase() || ''));
    }
    expect(order).toEqual(['vendor-risk-marker', 'before', 'after']);
    const layout = await opened.page.evaluate(() => {
      const marker = document.querySelector('vendor-risk-marker')!;
      const mention = document.getElementById('mention')!;
      const box = marker.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(mention.firstChild!);
      const rects = range.getClientRects();
      const lastLine = rects[rects.length - 1]!;
      return {
        display: getComputedStyle(marker).display,
        width: box.width,
        height: box.height,
        // On the line of the mention, right after it (not pushed onto a line of its own).
        sameLine: box.top < lastLine.bottom && box.bottom > lastLine.top,
        after: box.left >= lastLine.right - 1,
      };
    });
    expect(layout).toMatchObject({ display: 'inline-block', sameLine: true, after: true });
    expect(layout.width).toBeGreaterThan(10);
    expect(layout.height).toBeGreaterThan(5);
    await opened.page.close();
  });

  it('a page that overrides MutationObserver, Node.prototype methods and Array.prototype', async () => {
    const opened = await openHostile(server.url('overrides.html'));
    const overridden = await inPage<number>(opened.page, 'window.__overridden.length');
    expect(overridden).toBeGreaterThan(20);
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    await opened.page.close();
  });

  it('a page with a strict CSP and Trusted Types', async () => {
    const opened = await openHostile(server.url('csp.html'));
    // The policy is in force: the page's own innerHTML is refused.
    expect(await opened.page.getAttribute('html', 'data-trusted-types')).toBe('enforced');
    // The refusal above is the page's own, expected violation: forget it; anything after it is ours.
    opened.errors.length = 0;
    await inPage(opened.page, 'window.__hostile.violations = []');
    await assertHealthy(opened, ['change-healthcare']);
    await waitForMarker(opened.page);
    await assertHealthy(opened, ['change-healthcare']); // drawing the marker broke no policy either
    await opened.page.close();
  });

  it('a PDF document', async () => {
    const opened = await openHostile('about:blank');
    await opened.page.goto(server.url('notice.pdf')).catch(() => undefined); // some builds download PDFs
    await new Promise((r) => setTimeout(r, 3_000));
    await assertAlive();
    expect((await browser.badgeOf(opened.tabId)).text).toBe('');
    expect(opened.errors).toEqual([]);
    expect(workerErrors).toEqual([]);
    await opened.page.close();
  });

  it('a page with an embedded PDF', async () => {
    const opened = await openHostile(server.url('embed-pdf.html'));
    await assertHealthy(opened, ['change-healthcare']);
    await opened.page.close();
  });

  it('a view-source: page', async () => {
    const opened = await openHostile('about:blank');
    await opened.page.goto(`view-source:${server.url('restyle.html')}`);
    await new Promise((r) => setTimeout(r, 3_000));
    await assertResponsive(opened.page);
    await assertAlive();
    // The source names Change Healthcare, but view-source: is not a page the extension may read.
    expect((await browser.badgeOf(opened.tabId)).text).toBe('');
    expect(await markersOn(opened.page)).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(workerErrors).toEqual([]);
    await opened.page.close();
  });
});
