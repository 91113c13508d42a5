import { z } from 'zod';
import { TrustedKey } from '../update/keys';
import { Acknowledgements } from '../acknowledge';

/** User settings (storage.sync). Every field has a default, so an empty or partial store is valid. */
export const Settings = z.object({
  inlineMarkers: z.boolean().default(true).describe('show a marker after the first mention of a vendor with incidents'),
  badge: z.boolean().default(true).describe('show the count of vendors with incidents on the toolbar button'),
  updateUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)])
    .default('')
    .describe('URL of the signed dataset manifest to check for updates; empty (the default): no automatic updates'),
  updateIntervalHours: z.number().int().min(1).max(24 * 30).default(24).describe('hours between update checks'),
  trustedKeys: z
    .array(TrustedKey)
    .max(20)
    .default([])
    .describe('public keys trusted to sign datasets, in addition to the built-in ones'),
  acknowledged: Acknowledgements.default({}).describe(
    'vendor id -> {through, count}: inline marker silenced until the vendor has an incident dated after `through` or more than `count` incidents',
  ),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** Reads stored settings field by field: one bad value falls back to its default, the rest are kept. */
export function parseSettings(stored: unknown): Settings {
  const record = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const parsed = schema.safeParse(record[key]);
    result[key] = parsed.success ? parsed.data : schema.parse(undefined);
  }
  return result as Settings;
}
