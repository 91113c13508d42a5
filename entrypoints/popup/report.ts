import { browser } from 'wxt/browser';
import type { TabReport } from '../../lib/background/service';

/**
 * The tab the popup reports on: `?tabId=N` when given (browser tests and screenshots open the popup in a
 * tab of its own), otherwise the active tab of the current window.
 */
export async function targetTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function isTabReport(value: unknown): value is TabReport {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<TabReport>;
  return (
    (r.status === 'scanned' ||
      r.status === 'not-scanned' ||
      r.status === 'unsupported' ||
      r.status === 'excluded' ||
      r.status === 'on-click') &&
    Array.isArray(r.vendors) &&
    typeof r.dataset === 'object' &&
    r.dataset !== null
  );
}

/** Asks the background for the tab's report; throws with a readable message when there is none. */
export async function fetchTabReport(tabId: number): Promise<TabReport> {
  const reply: unknown = await browser.runtime.sendMessage({ type: 'get-tab-report', tabId });
  if (!isTabReport(reply)) throw new Error('The extension did not return a report for this tab.');
  return reply;
}

/**
 * On-click mode: asks the background to scan the tab now (opening the popup is the click, which grants
 * activeTab), then waits for the scan's report. Resolves with the last report seen.
 */
export async function scanTabNow(tabId: number, first: TabReport, timeoutMs = 10_000): Promise<TabReport> {
  const reply = (await browser.runtime.sendMessage({ type: 'scan-tab', tabId })) as { started?: boolean } | undefined;
  if (!reply?.started) return first;
  const deadline = Date.now() + timeoutMs;
  let report = first;
  while (Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 200));
    report = await fetchTabReport(tabId);
    if (report.status !== 'on-click') return report;
  }
  return report;
}
