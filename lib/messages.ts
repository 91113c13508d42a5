import { z } from 'zod';
import { EVIDENCE_KINDS } from './detection/signals';

/**
 * Every message between the content script, the background and the extension pages, parsed with zod on
 * arrival. A malformed message is dropped: the sender cannot make the background act on it.
 */

const Evidence = z.object({ kind: z.enum(EVIDENCE_KINDS), text: z.string().max(500) });

export const DetectionMessage = z.object({
  vendorId: z.string().max(200),
  evidence: z.array(Evidence).max(20),
  mention: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
});

export const Request = z.discriminatedUnion('type', [
  /** Content script: the compiled detection index, unless it already has dataset version `have`. */
  z.object({ type: z.literal('get-index'), have: z.string().max(100).optional() }),
  /** Content script: what this page shows. The tab comes from the sender, never from the message. */
  z.object({
    type: z.literal('page-detections'),
    url: z.string().max(4096),
    detections: z.array(DetectionMessage).max(2000),
  }),
  /** Popup: the report for a tab. */
  z.object({ type: z.literal('get-tab-report'), tabId: z.number().int().nonnegative() }),
  /** Popup, in on-click mode: scan this tab now (the toolbar button was clicked, granting activeTab). */
  z.object({ type: z.literal('scan-tab'), tabId: z.number().int().nonnegative() }),
]);
export type Request = z.infer<typeof Request>;

/** What the content script needs to draw inline markers. */
export const MarkerInfo = z.object({
  vendorId: z.string(),
  name: z.string(),
  severity: z.enum(['high', 'medium', 'low', 'none']),
  summary: z.string(),
});
export type MarkerInfo = z.infer<typeof MarkerInfo>;

export const PageDetectionsReply = z.object({ markers: z.array(MarkerInfo) });
export type PageDetectionsReply = z.infer<typeof PageDetectionsReply>;

export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;
