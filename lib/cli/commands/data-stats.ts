import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { measureCoverage } from '../../dataset/coverage';
import { parseBundle } from '../../dataset/dataset';
import { BUNDLE_PATH } from '../bundled-dataset';
import type { Command } from '../io';

/** Prints what a bundle covers and how big it is: the figures the README's coverage section quotes. */
export const dataStatsCommand: Command = {
  name: 'stats',
  summary: "print a bundle's coverage and size",
  usage: 'vendor-risk data stats [--json] [BUNDLE]',
  async run(args, io) {
    const json = args.includes('--json');
    const path = args.find((a) => !a.startsWith('--')) ?? BUNDLE_PATH;
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      io.err(`${path}: cannot read: ${error.code ?? String(error)}`);
      return null;
    });
    if (text === null) return 1;
    const parsed = parseBundle(JSON.parse(text));
    if (!parsed.ok) {
      io.err(`${path}: ${parsed.reason}`);
      return 1;
    }
    const stats = { ...measureCoverage(parsed.value), bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text).length };
    if (json) io.out(JSON.stringify(stats, null, 2));
    else for (const [key, value] of Object.entries(stats)) io.out(`${key.padEnd(26)} ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`);
    return 0;
  },
};
