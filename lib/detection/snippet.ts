import { BLOCK_BREAK, collapseSpace } from '../matching/fold';

const AROUND = 45;

/** A short, single-line quote of a mention with some words around it, from the mention's own block. */
export function snippet(text: string, start: number, end: number): string {
  const blockStart = text.lastIndexOf(BLOCK_BREAK, start) + 1;
  const blockEndAt = text.indexOf(BLOCK_BREAK, end);
  const blockEnd = blockEndAt < 0 ? text.length : blockEndAt;
  let from = Math.max(blockStart, start - AROUND);
  let to = Math.min(blockEnd, end + AROUND);
  // Cut at word edges so a snippet never starts or ends mid-word.
  if (from > blockStart) from = Math.min(text.indexOf(' ', from) + 1 || start, start);
  if (to < blockEnd) to = Math.max(text.lastIndexOf(' ', to), end);
  const line = collapseSpace(text.slice(from, to));
  return `${from > blockStart ? '…' : ''}${line}${to < blockEnd ? '…' : ''}`;
}
