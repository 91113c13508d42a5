/**
 * Performance entries for `npm run bench:browser`, read in the service worker with
 * `performance.getEntriesByType('measure')`: 'vendor-risk:' + name. Only the latest of each name is kept,
 * so a long-lived worker does not collect them. Returns the end time.
 */
export function measure(name: string, start: number): number {
  const end = performance.now();
  try {
    performance.clearMeasures(`vendor-risk:${name}`);
    performance.measure(`vendor-risk:${name}`, { start, end });
  } catch {
    // No User Timing here (an old runtime): nothing to record.
  }
  return end;
}
