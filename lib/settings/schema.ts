import { z } from 'zod';
import { TrustedKey } from '../update/keys';
import { Acknowledgements } from '../acknowledge';

/** Severities whose vendors get an inline marker (a vendor without incidents never gets one). */
export const MARKER_SEVERITIES = ['high', 'medium', 'low'] as const;
export type MarkerSeverity = (typeof MARKER_SEVERITIES)[number];

export const SCAN_MODES = ['automatic', 'on-click'] as const;
export type ScanMode = (typeof SCAN_MODES)[number];

/**
 * A site where scanning is off: `example.org` (that host only) or `*.example.org` (the host and every
 * subdomain), lower case, no scheme, port or path. IP addresses work as hosts.
 */
export const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/;
export const HostPattern = z.string().max(253).regex(HOST_PATTERN, 'must be a host such as example.org or *.example.org');

/** One of the organisation's own vendors, with the note the popup shows next to it. */
export const OrganisationVendor = z
  .object({
    vendorId: z.string().min(1).max(200).optional().describe('the vendor id in the dataset (as in the directory address), matched first'),
    name: z.string().min(1).max(200).describe('the vendor name; matched (ignoring case) when no vendorId is given'),
    note: z.string().min(1).max(500).describe('the internal note, e.g. "contract active, review due 2026-06"'),
  })
  .strip();
export type OrganisationVendor = z.infer<typeof OrganisationVendor>;

/**
 * Every setting, with its default and description. The one source of truth: the options page, the defaults
 * and public/managed_schema.json (scripts/managed-schema.ts) are derived from it. User values live in
 * storage.sync under `settings`; an administrator's in storage.managed (see lib/settings/resolve.ts).
 * Every field has a default, so an empty or partial store is valid.
 */
export const Settings = z.object({
  inlineMarkers: z.boolean().default(true).describe('show a marker after the first mention of a vendor with incidents'),
  badge: z.boolean().default(true).describe('show the count of vendors with incidents on the toolbar button'),
  markerSeverities: z
    .array(z.enum(MARKER_SEVERITIES))
    .max(MARKER_SEVERITIES.length)
    .default([...MARKER_SEVERITIES])
    .describe('severities that get an inline marker: any of "high", "medium", "low"'),
  scanMode: z
    .enum(SCAN_MODES)
    .default('automatic')
    .describe('"automatic": every page is scanned; "on-click": a page is scanned only when the toolbar button is clicked'),
  excludedSites: z
    .array(HostPattern)
    .max(500)
    .default([])
    .describe('sites never scanned: "example.org" (that host) or "*.example.org" (the host and its subdomains)'),
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
  organisationVendors: z
    .array(OrganisationVendor)
    .max(500)
    .default([])
    .describe("the organisation's own vendors, each with an internal note shown in the popup"),
  acknowledged: Acknowledgements.default({}).describe(
    'vendor id -> {through, count}: inline marker silenced until the vendor has an incident dated after `through` or more than `count` incidents',
  ),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** The built-in default of one setting (a fresh copy). */
export function defaultOf<K extends SettingKey>(key: K): Settings[K] {
  return Settings.shape[key].parse(undefined) as Settings[K];
}

/** Parses one setting's value: the parsed value, or the reason it is invalid. */
export function parseSetting<K extends SettingKey>(key: K, value: unknown): { ok: true; value: Settings[K] } | { ok: false; reason: string } {
  const parsed = Settings.shape[key].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as Settings[K] };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return { ok: false, reason: `${issue?.message ?? 'invalid'}${where}` };
}

/** Reads stored settings field by field: one bad value falls back to its default, the rest are kept. */
export function parseSettings(stored: unknown): Settings {
  const record = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const parsed = parseSetting(key, record[key]);
    result[key] = parsed.ok ? parsed.value : defaultOf(key);
  }
  return result as Settings;
}

/** True when `host` (a page's host name) is covered by one of the excluded-site patterns. */
export function isExcludedHost(patterns: readonly string[], host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) => {
    if (!p.startsWith('*.')) return h === p;
    const base = p.slice(2);
    return h === base || h.endsWith(`.${base}`);
  });
}

/** True when an excluded-site pattern covers the URL's host (false for URLs without a host). */
export function excludedBy(patterns: readonly string[], url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const { hostname } = new URL(url);
    return hostname !== '' && isExcludedHost(patterns, hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** The organisation's note for a vendor: by vendor id first, else by name or alias (ignoring case). */
export function organisationNoteFor(
  list: readonly OrganisationVendor[],
  vendor: { id: string; name: string; aliases?: readonly string[] },
): string | null {
  const byId = list.find((o) => o.vendorId === vendor.id);
  if (byId) return byId.note;
  const names = new Set([vendor.name, ...(vendor.aliases ?? [])].map((n) => n.toLocaleLowerCase()));
  return list.find((o) => !o.vendorId && names.has(o.name.toLocaleLowerCase()))?.note ?? null;
}
