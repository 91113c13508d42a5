import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildBundle, type BundleSources } from '../../dataset/build';
import type { Command } from '../io';

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : String(error)}`);
  }
}

/** Builds data/bundle.json from the curated sources (and the HHS import when present), reproducibly. */
export const dataBuildCommand: Command = {
  name: 'build',
  summary: 'validate the curated sources and write data/bundle.json',
  usage: 'vendor-risk data build [--out FILE]',
  async run(args, io) {
    const outIndex = args.indexOf('--out');
    const out = resolve(io.cwd, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : 'data/bundle.json');
    const dir = resolve(io.cwd, 'data');
    let sources: BundleSources;
    try {
      const importedPath = resolve(dir, 'imported/hhs.json');
      const imported = existsSync(importedPath) ? ((await readJson(importedPath)) as Record<string, unknown>) : null;
      sources = {
        release: await readJson(resolve(dir, 'curated/release.json')),
        vendors: { file: 'data/curated/vendors.json', records: await readJson(resolve(dir, 'curated/vendors.json')) },
        incidents: { file: 'data/curated/incidents.json', records: await readJson(resolve(dir, 'curated/incidents.json')) },
        ...(imported
          ? { imported: { file: 'data/imported/hhs.json', vendors: imported.organisations, incidents: imported.incidents } }
          : {}),
      };
    } catch (error) {
      io.err(String(error instanceof Error ? error.message : error));
      return 1;
    }
    const result = buildBundle(sources);
    if (!result.ok) {
      io.err(`data build failed with ${result.errors.length} problem(s):`);
      for (const e of result.errors.slice(0, 50)) io.err(`  ${e}`);
      return 1;
    }
    const json = JSON.stringify(result.bundle);
    await writeFile(out, `${json}\n`);
    const { vendors, incidents, version } = result.bundle;
    io.out(
      `wrote ${out}: version ${version}, ${vendors.length} vendors and organisations, ${incidents.length} incidents, ${(json.length / 1024).toFixed(0)} KiB`,
    );
    return 0;
  },
};
