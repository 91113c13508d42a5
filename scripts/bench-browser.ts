/**
 * `npm run bench:browser [-- --json]`: the content script's cost in headless Chromium, on generated pages,
 * compared with the same pages without the extension in the same run. Needs `npm run build` first.
 *
 * - page cost: main-thread task time (CDP Performance.getMetrics TaskDuration) from navigation until the
 *   page is settled, without the extension; extension cost: the content script's evaluation (compiling and
 *   running the script as it is injected: EvaluateScript in a Chrome trace) and the delivery of the
 *   background's replies to it (the browser decoding each reply on the page's main thread: 'Receive mojo
 *   message' on extensions.mojom.MessagePort), both from a traced load of its own (see measureTraced), plus
 *   the sum of its own slices (performance.measure "vendor-risk:slice", written on pages opened with #vbr-perf
 *   only), and the difference in task time with and without the extension (noisier);
 * - longest slice: the longest single piece of work the content script did on the main thread (the median
 *   over the runs, and the longest in any run);
 * - set-up: the content script decoding the index it received ('vendor-risk:index-decode', its first slice);
 * - heap: JS heap used in the page after a garbage collection, with minus without the extension;
 * - service worker: the background's own measures (lib/background/service.ts): dataset load and index
 *   build (on the first start after install, the read of the index the build compiled) on the first start
 *   (with, inside the load, reading the shipped gzipped file and validating it; then storing it in
 *   IndexedDB, lib/background/active-dataset.ts, which the pages wait for) and on a restart (worker
 *   stopped through CDP ServiceWorker.stopAllWorkers), and the badge: the content script's result received until the badge is
 *   set, and from the content script's 'vendor-risk:report' mark (both clocks as performance.timeOrigin +
 *   now, so comparable across processes) until the badge is set.
 * Pages are served from memory on 127.0.0.1.
 */
import { createServer } from 'node:http';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { SCANNER_FILE } from '../lib/background/site-access';
import { CHROMIUM_PATH, launchChromium, pollUntil } from '../tests/browser/harness';
import { generateBody, loadBenchDataset, page } from './bench-corpus';

const JSON_OUT = process.argv.includes('--json');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const { vendors } = loadBenchDataset();
const names = vendors.filter((v) => v.match.textDetection).map((v) => v.name);

const APPEND_SCRIPT = `<script>
  // 5,000 nodes over 10 s: a paragraph every 2 ms in bursts, as a feed or chat view grows.
  const words = ${JSON.stringify(generateBody(9, 20_000, names.slice(0, 200), 0.01).replace(/<[^>]+>/g, ' ').split(/\\s+/).slice(0, 3000))};
  let n = 0;
  const feed = document.getElementById('feed');
  const timer = setInterval(() => {
    for (let k = 0; k < 10 && n < 5000; k++, n++) {
      const p = document.createElement('p');
      p.textContent = words.slice((n * 7) % 2900, ((n * 7) % 2900) + 12).join(' ');
      feed.appendChild(p);
    }
    if (n >= 5000) { clearInterval(timer); document.title = 'done'; }
  }, 20);
</script>`;

const PAGES: Record<string, { html: string; settleMs: number; label: string }> = {
  'article.html': { html: page('Article', generateBody(1, 100_000, names, 0.002)), settleMs: 4000, label: 'article 100 KB' },
  // What every page costs before its text counts: the evaluation, the index's delivery, decoding and priming.
  'short.html': { html: page('Notice', generateBody(3, 1_000, names, 0.01)), settleMs: 3000, label: 'page with 1 KB of text' },
  'big.html': { html: page('Records', generateBody(2, 1_500_000, names, 0.002)), settleMs: 4000, label: 'page 1.5 MB' },
  'append.html': {
    html: page('Feed', `<h1>Feed</h1><div id="feed"></div>${APPEND_SCRIPT}`),
    settleMs: 11_500,
    label: 'appends 5,000 nodes over 10 s',
  },
};

async function serve() {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
    const p = PAGES[name];
    if (!p) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(p.html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

interface Measure {
  taskMs: number;
  heapBytes: number;
  slicesMs: number;
  longestSliceMs: number;
  slices: number;
  /** The content script's set-up: decoding the index it received (its first slice), or null. */
  decodeMs: number | null;
  /** performance.timeOrigin + the content script's last 'vendor-risk:report' mark, or null. */
  reportAt: number | null;
}

interface SwMeasure {
  name: string;
  startTime: number;
  duration: number;
  /** performance.timeOrigin + startTime + duration. */
  endAt: number;
}

/** The background's 'vendor-risk:*' measures (only the latest of each is kept there). */
async function swMeasures(sw: Worker): Promise<Record<string, SwMeasure>> {
  const entries = await sw.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('vendor-risk:'))
      .map((e) => ({ name: e.name.slice('vendor-risk:'.length), startTime: e.startTime, duration: e.duration, endAt: performance.timeOrigin + e.startTime + e.duration })),
  );
  return Object.fromEntries(entries.map((e) => [e.name, e]));
}

interface TraceEvent {
  name: string;
  ph?: string;
  ts: number;
  dur?: number;
  tid?: number;
  args?: { data?: { url?: string }; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
}

/** Main-thread work the content script's slices cannot time, from a traced load of its own (see measureTraced). */
interface Traced {
  /** Compiling and running the script as it is injected (EvaluateScript). */
  evaluateMs: number;
  /**
   * Receiving the background's replies: the browser decodes a reply (the detection index, about 0.56 MB) before
   * any of the script's code runs ('Receive mojo message' on extensions.mojom.MessagePort).
   */
  messagesMs: number;
}

/**
 * The content script's evaluation and message deliveries on a load of `url` of its own, from a Chrome trace
 * until the script has reported its first scan and had the answer. Tracing slows the page down, so nothing
 * else is measured on this load.
 */
async function measureTraced(context: BrowserContext, url: string): Promise<Traced> {
  const tab: Page = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,mojom', transferMode: 'ReportEvents' });
  await tab.goto(url);
  await pollUntil('the content script to report', () =>
    tab.evaluate(() => performance.getEntriesByName('vendor-risk:report').length > 0), Boolean);
  // The background's answer to the report (the markers to show) arrives after it.
  await tab.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await traced;
  await tab.close();
  const evaluations = events.filter(
    (e) => e.name === 'EvaluateScript' && /^chrome-extension:\/\/[^/]+(\/.*)$/.exec(e.args?.data?.url ?? '')?.[1] === SCANNER_FILE,
  );
  const thread = evaluations[0]?.tid;
  // Only this extension messages in the page: every delivery on its main thread is one of its replies.
  const deliveries = events.filter(
    (e) =>
      e.tid === thread &&
      e.name === 'Receive mojo message' &&
      e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'extensions.mojom.MessagePort',
  );
  const total = (list: TraceEvent[]) => list.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  return { evaluateMs: total(evaluations), messagesMs: total(deliveries) };
}

async function measure(context: BrowserContext, url: string, settleMs: number): Promise<Measure> {
  const tab: Page = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const before = await cdp.send('Performance.getMetrics');
  await tab.goto(url);
  await tab.waitForTimeout(settleMs);
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await cdp.send('Performance.getMetrics');
  const metric = (m: { metrics: { name: string; value: number }[] }, name: string) =>
    m.metrics.find((x) => x.name === name)?.value ?? 0;
  const slices = await tab.evaluate(() =>
    performance.getEntriesByName('vendor-risk:slice').map((e) => e.duration),
  );
  const decodeMs = await tab.evaluate(() => performance.getEntriesByName('vendor-risk:index-decode')[0]?.duration ?? null);
  const reportAt = await tab.evaluate(() => {
    const marks = performance.getEntriesByName('vendor-risk:report');
    const last = marks[marks.length - 1];
    return last ? performance.timeOrigin + last.startTime : null;
  });
  await tab.close();
  return {
    taskMs: (metric(after, 'TaskDuration') - metric(before, 'TaskDuration')) * 1000,
    heapBytes: metric(after, 'JSHeapUsedSize'),
    slicesMs: slices.reduce((a, b) => a + b, 0),
    longestSliceMs: Math.max(0, ...slices),
    slices: slices.length,
    decodeMs,
    reportAt,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const server = await serve();
  const withExtension = await launchChromium();
  const plain = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  const plainContext = await plain.newContext({ viewport: { width: 1100, height: 800 } });
  // Warm the extension: its service worker has the index ready before the first measured page.
  await pollUntil('the service worker', () => withExtension.sw().then(() => true), Boolean);
  const rows = [];
  const sw: Record<string, number | string>[] = [];
  try {
    // Service worker: the first start after install (the bundled dataset is read and validated, and the
    // shipped compiled index read; storing the dataset comes after, outside these measures).
    const cold = await pollUntil('the first start\'s measures', () => withExtension.sw().then(swMeasures), (m) => 'index-load' in m);
    sw.push(swRow('first start after install', cold));
    // Pages are measured once the bundled dataset is stored: that write follows the first start.
    const stored = await pollUntil('the dataset to be stored', () => withExtension.sw().then(swMeasures), (m) => 'dataset-store' in m);
    sw[0]!.then_stored_ms = round(stored['dataset-store']!.duration);
    for (const [name, p] of Object.entries(PAGES)) {
      const url = `${server.origin}/${name}#vbr-perf`;
      const ext: Measure[] = [];
      const base: Measure[] = [];
      const badgeMs: number[] = [];
      const reportToBadgeMs: number[] = [];
      const traced: Traced[] = [];
      let unscanned = 0;
      await measure(withExtension.context, url, 500); // warm-up
      for (let run = 0; run < RUNS; run++) {
        base.push(await measure(plainContext, url, p.settleMs));
        // A load where the content script recorded no slice would count as 0 ms: measure it again.
        let m = await measure(withExtension.context, url, p.settleMs);
        for (let retry = 0; m.slices === 0 && retry < 3; retry++) {
          unscanned++;
          m = await measure(withExtension.context, url, p.settleMs);
        }
        const badge = (await swMeasures(await withExtension.sw()))['badge'];
        ext.push(m);
        if (badge) {
          badgeMs.push(badge.duration);
          if (m.reportAt !== null) reportToBadgeMs.push(badge.endAt - m.reportAt);
        }
        // The evaluation and the replies' delivery, from a load of its own: tracing would weigh on the slices.
        traced.push(await measureTraced(withExtension.context, url));
      }
      const pageMs = median(base.map((m) => m.taskMs));
      const evaluateMs = median(traced.map((t) => t.evaluateMs));
      const messagesMs = median(traced.map((t) => t.messagesMs));
      const extMs = evaluateMs + messagesMs + median(ext.map((m) => m.slicesMs));
      rows.push({
        page: p.label,
        KB: Math.round(p.html.length / 1024),
        page_ms: round(pageMs),
        extension_ms: round(extMs),
        of_which_evaluate_ms: round(evaluateMs),
        of_which_messages_ms: round(messagesMs),
        extra_task_ms: round(median(ext.map((m) => m.taskMs)) - pageMs),
        ratio: round(extMs / pageMs),
        longest_slice_ms: round(median(ext.map((m) => m.longestSliceMs))),
        // The median hides the loads where a garbage collection fell in a slice: the worst load too.
        longest_slice_max_ms: round(Math.max(...ext.map((m) => m.longestSliceMs))),
        setup_ms: round(median(ext.map((m) => m.decodeMs ?? NaN))),
        slices: median(ext.map((m) => m.slices)),
        heap_extra_mb: round((median(ext.map((m) => m.heapBytes)) - median(base.map((m) => m.heapBytes))) / 1048576),
        badge_ms: badgeMs.length ? round(median(badgeMs)) : null,
        report_to_badge_ms: reportToBadgeMs.length ? round(median(reportToBadgeMs)) : null,
        loads_without_slices: unscanned,
      });
    }
    // Then restarts (the stored dataset is read back), after the pages so they do not disturb them.
    const restarts: Record<string, SwMeasure>[] = [];
    for (let run = 0; run < RUNS; run++) {
      const tab = await withExtension.context.newPage();
      await withExtension.stopServiceWorker(tab);
      // A page load wakes the worker if Chromium did not restart it by itself.
      await tab.goto(`${server.origin}/article.html`).catch(() => undefined);
      restarts.push(await pollUntil('a restart\'s measures', () => withExtension.sw().then(swMeasures), (m) => 'index-load' in m));
      await tab.close();
    }
    sw.push({
      start: `restart (median of ${RUNS})`,
      dataset_load_ms: round(median(restarts.map((m) => m['dataset-load']!.duration))),
      index_load_ms: round(median(restarts.map((m) => m['index-load']!.duration))),
      ready_after_worker_start_ms: round(median(restarts.map((m) => m['index-load']!.startTime + m['index-load']!.duration))),
    });
  } finally {
    await withExtension.close();
    await plain.close();
    await server.close();
  }
  if (JSON_OUT) console.log(JSON.stringify({ pages: rows, serviceWorker: sw, runs: RUNS }, null, 2));
  else {
    console.table(rows);
    console.table(sw);
    console.log(
      `headless Chromium (${CHROMIUM_PATH}); medians of ${RUNS} runs; extension ms = the content script's evaluation + its replies' delivery + its slices; ratio = extension ms / page's own task ms`,
    );
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

function swRow(start: string, m: Record<string, SwMeasure>): Record<string, number | string> {
  return {
    start,
    dataset_load_ms: round(m['dataset-load']?.duration ?? NaN),
    of_which_bundled_read_ms: m['bundled-read'] ? round(m['bundled-read'].duration) : '-',
    of_which_bundled_validate_ms: m['bundled-validate'] ? round(m['bundled-validate'].duration) : '-',
    index_load_ms: round(m['index-load']?.duration ?? NaN),
    ready_after_worker_start_ms: round((m['index-load']?.startTime ?? NaN) + (m['index-load']?.duration ?? NaN)),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
