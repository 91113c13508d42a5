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
    (r.status === 'scanned' || r.status === 'not-scanned' || r.status === 'unsupported') &&
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
