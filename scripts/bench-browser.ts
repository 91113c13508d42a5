/**
 * `npm run bench:browser [-- --json]`: the content script's cost in headless Chromium, on generated pages,
 * compared with the same pages without the extension in the same run. Needs `npm run build` first.
 *
 * - page cost: main-thread task time (CDP Performance.getMetrics TaskDuration) from navigation until the
 *   page is settled, without the extension; extension cost: the sum of the content script's own slices
 *   (performance.measure "vendor-risk:slice", written on pages opened with #vbr-perf only), and the
 *   difference in task time with and without the extension (noisier: it includes message handling);
 * - longest slice: the longest single piece of work the content script did on the main thread;
 * - heap: JS heap used in the page after a garbage collection, with minus without the extension.
 * Pages are served from memory on 127.0.0.1.
 */
import { createServer } from 'node:http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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
  'article.html': { html: page('Article', generateBody(1, 100_000, names, 0.002)), settleMs: 1500, label: 'article 100 KB' },
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
  await tab.close();
  return {
    taskMs: (metric(after, 'TaskDuration') - metric(before, 'TaskDuration')) * 1000,
    heapBytes: metric(after, 'JSHeapUsedSize'),
    slicesMs: slices.reduce((a, b) => a + b, 0),
    longestSliceMs: Math.max(0, ...slices),
    slices: slices.length,
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
  try {
    for (const [name, p] of Object.entries(PAGES)) {
      const url = `${server.origin}/${name}#vbr-perf`;
      const ext: Measure[] = [];
      const base: Measure[] = [];
      await measure(withExtension.context, url, 500); // warm-up
      for (let run = 0; run < RUNS; run++) {
        base.push(await measure(plainContext, url, p.settleMs));
        ext.push(await measure(withExtension.context, url, p.settleMs));
      }
      const pageMs = median(base.map((m) => m.taskMs));
      const extMs = median(ext.map((m) => m.slicesMs));
      rows.push({
        page: p.label,
        KB: Math.round(p.html.length / 1024),
        page_ms: round(pageMs),
        extension_ms: round(extMs),
        extra_task_ms: round(median(ext.map((m) => m.taskMs)) - pageMs),
        ratio: round(extMs / pageMs),
        longest_slice_ms: round(median(ext.map((m) => m.longestSliceMs))),
        slices: median(ext.map((m) => m.slices)),
        heap_extra_mb: round((median(ext.map((m) => m.heapBytes)) - median(base.map((m) => m.heapBytes))) / 1048576),
      });
    }
  } finally {
    await withExtension.close();
    await plain.close();
    await server.close();
  }
  if (JSON_OUT) console.log(JSON.stringify({ pages: rows, runs: RUNS }, null, 2));
  else {
    console.table(rows);
    console.log(`headless Chromium (${CHROMIUM_PATH}); medians of ${RUNS} runs; ratio = extension ms / page's own task ms`);
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
