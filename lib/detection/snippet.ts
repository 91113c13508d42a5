import { collapseSpace } from '../matching/fold';

const AROUND = 45;

/** A short, single-line quote of a mention with some words around it. */
export function snippet(text: string, start: number, end: number): string {
  let from = Math.max(0, start - AROUND);
  let to = Math.min(text.length, end + AROUND);
  // Cut at word edges so a snippet never starts or ends mid-word.
  if (from > 0) from = text.indexOf(' ', from) + 1 || start;
  if (to < text.length) to = Math.max(text.lastIndexOf(' ', to), end);
  if (from > start) from = start;
  const line = collapseSpace(text.slice(from, to));
  return `${from > 0 ? '…' : ''}${line}${to < text.length ? '…' : ''}`;
}
