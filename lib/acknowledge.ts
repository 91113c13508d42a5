import { z } from 'zod';
import type { Incident } from './dataset/schema';

/**
 * "Acknowledge" silences a vendor's inline marker until the dataset holds an incident the user has not
 * seen, as browsers do with breach alerts. An acknowledgement records what the vendor's history was when
 * it was given: the latest date known of any incident, and how many incidents there were. It is void as
 * soon as an incident carries a later date or the count grows (an old breach newly added to the dataset is
 * news too). Compact on purpose: settings live in storage.sync, 8 KB per item.
 */
export const Acknowledgement = z
  .object({
    /** The latest date (occurred, discovered, disclosed or reported) of any incident, YYYY-MM-DD. */
    through: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** How many incidents the vendor had. */
    count: z.number().int().nonnegative(),
  })
  .strict();
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const Acknowledgements = z.record(z.string().max(200), Acknowledgement);
export type Acknowledgements = z.infer<typeof Acknowledgements>;

/** storage.sync allows 8 KB per item: beyond this many, the oldest acknowledgements would not fit. */
export const MAX_ACKNOWLEDGEMENTS = 80;

function latestKnownDate(incident: Incident): string {
  return Object.values(incident.dates).filter((d): d is string => Boolean(d)).sort().at(-1) ?? '';
}

/** What to store when the user acknowledges a vendor with these incidents (null: nothing to acknowledge). */
export function acknowledgementFor(incidents: readonly Incident[]): Acknowledgement | null {
  if (incidents.length === 0) return null;
  const through = incidents.map(latestKnownDate).sort().at(-1)!;
  return { through, count: incidents.length };
}

/** True while the acknowledgement still covers every incident of the vendor. */
export function isAcknowledged(
  acknowledged: Readonly<Record<string, Acknowledgement>> | undefined,
  vendorId: string,
  incidents: readonly Incident[],
): boolean {
  const ack = acknowledged && Object.hasOwn(acknowledged, vendorId) ? acknowledged[vendorId] : undefined;
  if (!ack) return false;
  if (incidents.length > ack.count) return false;
  return incidents.every((i) => latestKnownDate(i) <= ack.through);
}

/** Adds (or refreshes) an acknowledgement, dropping the ones given longest ago beyond the limit. */
export function withAcknowledgement(
  acknowledged: Readonly<Record<string, Acknowledgement>>,
  vendorId: string,
  ack: Acknowledgement,
): Record<string, Acknowledgement> {
  const entries = Object.entries(acknowledged).filter(([id]) => id !== vendorId);
  entries.push([vendorId, ack]);
  return Object.fromEntries(entries.slice(-MAX_ACKNOWLEDGEMENTS));
}

export function withoutAcknowledgement(
  acknowledged: Readonly<Record<string, Acknowledgement>>,
  vendorId: string,
): Record<string, Acknowledgement> {
  return Object.fromEntries(Object.entries(acknowledged).filter(([id]) => id !== vendorId));
}
