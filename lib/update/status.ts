import { z } from 'zod';

/**
 * What the updater remembers between service-worker lives (storage.local, key `datasetUpdate`). Parsed
 * with zod on every read: a damaged record is replaced by the empty one, which only means "check again".
 */
export const STATUS_KEY = 'datasetUpdate';

export const FAILURE_REASONS = [
  // Downloads
  'network',
  'timeout',
  'http-error',
  'oversize',
  'bad-url',
  // Verification
  'bad-manifest',
  'unknown-key',
  'bad-signature',
  'hash-mismatch',
  'bad-json',
  'schema',
  'version-mismatch',
  'not-newer',
  // Saving
  'storage',
] as const;
export const FailureReason = z.enum(FAILURE_REASONS);
export type FailureReason = z.infer<typeof FailureReason>;

export const UpdateError = z.object({ reason: FailureReason, message: z.string().max(1000), at: z.iso.datetime() });
export type UpdateError = z.infer<typeof UpdateError>;

export const CHECK_RESULTS = ['updated', 'imported', 'reset', 'unchanged', 'failed', 'disabled'] as const;

export const UpdateStatus = z.object({
  lastCheck: z.iso.datetime().optional(),
  lastResult: z.enum(CHECK_RESULTS).optional(),
  lastSuccess: z.iso.datetime().optional(),
  lastError: UpdateError.optional(),
  /** Consecutive failed automatic checks: the back-off grows with it. */
  failures: z.number().int().nonnegative().default(0),
  nextCheckAt: z.iso.datetime().optional(),
  /** Validators of the last manifest fully handled at `manifestUrl`, for conditional requests. */
  manifestUrl: z.string().optional(),
  etag: z.string().max(500).optional(),
  lastModified: z.string().max(200).optional(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const EMPTY_STATUS: UpdateStatus = { failures: 0 };

export function parseStatus(stored: unknown): UpdateStatus {
  const parsed = UpdateStatus.safeParse(stored);
  return parsed.success ? parsed.data : EMPTY_STATUS;
}
