import { z } from 'zod';
import { DetectionMessage } from '../messages';

/** What the background remembers of a tab; kept in storage.session so it survives a worker restart. */
export const TabState = z.object({
  url: z.string(),
  detections: z.array(DetectionMessage),
  scannedAt: z.string(),
});
export type TabState = z.infer<typeof TabState>;

export const tabKey = (tabId: number) => `tab:${tabId}`;

export function parseTabState(stored: unknown): TabState | null {
  const parsed = TabState.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
