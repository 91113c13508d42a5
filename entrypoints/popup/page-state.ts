import type { TabReport } from '../../lib/background/service';

/** What the popup says about the page, beyond a list of vendors. */
export type PageState =
  | 'browser-page'
  | 'pdf'
  | 'local-file'
  | 'excluded'
  | 'on-click'
  | 'not-scanned'
  | 'nothing-found'
  | 'vendors';

/**
 * Reads the background's report into one of the popup's states. Browser pages (chrome://, about:, the
 * extension stores), local files and the PDF viewer cannot be scanned; a PDF served over http(s) looks
 * like a page nobody scanned, so its address decides. `excluded` and `on-click` are reported by the
 * background when the user excluded the site or chose to scan only on click.
 */
export function pageState(report: Pick<TabReport, 'status' | 'url' | 'vendors'>): PageState {
  const status = report.status as string;
  if (status === 'excluded') return 'excluded';
  if (status === 'on-click' || status === 'awaiting-click') return 'on-click';
  let url: URL | null = null;
  try {
    url = report.url ? new URL(report.url) : null;
  } catch {
    url = null;
  }
  const isPdf = url !== null && /\.pdf$/i.test(url.pathname);
  if (status === 'unsupported') {
    if (url?.protocol === 'file:') return isPdf ? 'pdf' : 'local-file';
    if (isPdf) return 'pdf';
    return 'browser-page';
  }
  if (status === 'not-scanned') return isPdf ? 'pdf' : 'not-scanned';
  return report.vendors.length ? 'vendors' : 'nothing-found';
}
