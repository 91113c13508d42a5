import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { buildDetectionIndex } from '../../detection/detection-index';
import { detectVendors } from '../../detection/detect';
import { readPage } from '../../detection/read-page';
import { reportDetections } from '../../report';
import { describeHistory } from '../../risk/describe';
import { parseArgs } from '../args';
import { loadBundledDataset } from '../bundled-dataset';
import type { Command } from '../io';

/** Where a saved page came from when --url is not given: the browser's "saved from" note, or its canonical link. */
function savedAddress(html: string, doc: Document): string | null {
  const savedFrom = /<!-- saved from url=\(\d+\)(\S+?) -->/.exec(html)?.[1];
  const declared =
    savedFrom ??
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  if (!declared) return null;
  try {
    const url = new URL(declared);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'detect healthcare vendors in saved HTML pages',
  usage: 'vendor-risk scan [--url URL] [--json] FILE...',
  async run(args, io) {
    const parsed = parseArgs(args, ['url'], ['json']);
    if (typeof parsed === 'string' || parsed.positional.length === 0) {
      io.err(typeof parsed === 'string' ? parsed : 'no file given');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const dataset = await loadBundledDataset();
    const index = buildDetectionIndex(dataset.bundle.version, dataset.bundle.vendors);
    const now = new Date();
    const givenUrl = parsed.flags.get('url');
    let failed = false;
    const results = [];
    for (const file of parsed.positional) {
      let html: string;
      try {
        html = await readFile(file, 'utf8');
      } catch (error) {
        io.err(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        failed = true;
        continue;
      }
      if (html.includes('\u0000')) {
        io.err(`${file}: not an HTML page (binary content)`);
        failed = true;
        continue;
      }
      if (!/<[a-z!]/i.test(html)) io.err(`${file}: no HTML markup found; scanned as plain text`);
      const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`);
      const url = typeof givenUrl === 'string' ? givenUrl : savedAddress(html, document);
      const reports = reportDetections(dataset, detectVendors(readPage(document, url).signals, index), now);
      results.push({
        file,
        url,
        vendors: reports.map((r) => ({
          id: r.vendor.id,
          name: r.vendor.name,
          category: r.vendor.category,
          evidence: r.evidence.map((e) => ({ kind: e.kind, text: e.text })),
          incidents: r.summary.count,
          lastIncident: r.summary.lastDate,
          severity: r.summary.severity,
          summary: describeHistory(r.summary),
        })),
      });
    }
    if (parsed.flags.has('json')) io.out(JSON.stringify(results, null, 2));
    else {
      for (const page of results) {
        io.out(`${page.file}${page.url ? ` (${page.url})` : ''}: ${page.vendors.length ? `${page.vendors.length} vendor(s)` : 'no healthcare vendor found'}`);
        for (const v of page.vendors) {
          io.out(`  ${v.name} [${v.category}] severity ${v.severity}: ${v.summary}`);
          for (const e of v.evidence) io.out(`      ${e.kind}: ${e.text}`);
        }
      }
    }
    return failed ? 1 : 0;
  },
};
