import { z } from 'zod';
import { MAX_BUNDLE_BYTES, MAX_MANIFEST_BYTES } from './manifest';
import { FailureReason, UpdateStatus } from './status';

/** The messages the options page sends about the dataset, and their replies, parsed on both ends. */
export const UpdateRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('get-dataset-status') }),
  z.object({ type: z.literal('check-updates-now') }),
  /** The two files of a signed bundle, as text: checked exactly like a downloaded update. */
  z.object({
    type: z.literal('import-bundle'),
    bundle: z.string().max(MAX_BUNDLE_BYTES),
    manifest: z.string().max(MAX_MANIFEST_BYTES),
  }),
  z.object({ type: z.literal('reset-dataset') }),
]);
export type UpdateRequest = z.infer<typeof UpdateRequest>;

export const UPDATE_REQUEST_TYPES: ReadonlySet<string> = new Set(UpdateRequest.options.map((o) => o.shape.type.value));

export const DatasetStatusReply = z.object({
  active: z.object({
    version: z.string(),
    generatedAt: z.string(),
    source: z.enum(['bundled', 'updated', 'imported']),
    storedAt: z.string().optional(),
    vendors: z.number().int(),
    incidents: z.number().int(),
    storageProblem: z.string().optional(),
  }),
  bundledVersion: z.string(),
  updateUrl: z.string(),
  updateIntervalHours: z.number(),
  checking: z.boolean(),
  status: UpdateStatus,
});
export type DatasetStatusReply = z.infer<typeof DatasetStatusReply>;

export const ActionReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), version: z.string() }),
  z.object({ ok: z.literal(false), reason: FailureReason, message: z.string() }),
]);
export type ActionReply = z.infer<typeof ActionReply>;
