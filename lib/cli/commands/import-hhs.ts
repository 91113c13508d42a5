import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { Vendor } from '../../dataset/schema';
import { importHhs, MAX_BAD_SHARE, type HhsFile } from '../../hhs/index';
import { parseArgs } from '../args';
import type { CliIo, Command } from '../io';

const DEFAULT_CURATED = 'data/curated/vendors.json';
const DEFAULT_OUT = 'data/imported/hhs.json';
const MAX_LISTED_PROBLEMS = 50;

/** The curated catalog: a JSON array of vendors (or {vendors: [...]}); missing file → empty list. */
async function loadCurated(path: string, io: CliIo): Promise<Vendor[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`note: ${path} not found; linking to curated vendors skipped`);
      return [];
    }
    io.err(`${path}: cannot read: ${String(error)}`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.err(`${path}: not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const records = Array.isArray(json) ? json : (json as { vendors?: unknown } | null)?.vendors;
  if (!Array.isArray(records)) {
    io.err(`${path}: expected an array of vendors`);
    return undefined;
  }
  const vendors: Vendor[] = [];
  records.forEach((record, index) => {
    const parsed = Vendor.safeParse(record);
    if (parsed.success) vendors.push(parsed.data);
    else io.err(`${path}: vendor #${index + 1} skipped: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  });
  return vendors;
}

/** Reads HHS OCR breach-portal CSV exports and writes data/imported/hhs.json. */
export const importHhsCommand: Command = {
  name: 'import-hhs',
  summary: 'import HHS OCR breach-portal CSV exports into data/imported/hhs.json',
  usage: 'vendor-risk data import-hhs [--out FILE] [--curated FILE] FILE.csv...',
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'curated'], []);
    if (typeof parsed === 'string' || parsed.positional.length === 0) {
      io.err(typeof parsed === 'string' ? parsed : 'no CSV file given');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const outFlag = parsed.flags.get('out');
    const curatedFlag = parsed.flags.get('curated');
    const out = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : DEFAULT_OUT);
    const curatedPath = resolve(io.cwd, typeof curatedFlag === 'string' ? curatedFlag : DEFAULT_CURATED);

    const files: HhsFile[] = [];
    for (const path of parsed.positional) {
      try {
        files.push({ name: basename(path), bytes: new Uint8Array(await readFile(resolve(io.cwd, path))) });
      } catch (error) {
        io.err(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        return 1;
      }
    }
    const curated = await loadCurated(curatedPath, io);
    if (!curated) return 1;

    const { incidents, organisations, problems, stats } = importHhs(files, curated);

    for (const f of stats.files) {
      io.out(`${f.name}: ${f.rows} rows, ${f.encoding}${f.bad ? `, ${f.bad} bad` : ''}${f.repairedQuotes ? `, ${f.repairedQuotes} mangled quotes repaired` : ''}`);
    }
    for (const p of problems.slice(0, MAX_LISTED_PROBLEMS)) io.err(`${p.file}:${p.line}: ${p.reason}; skipped`);
    if (problems.length > MAX_LISTED_PROBLEMS) io.err(`... and ${problems.length - MAX_LISTED_PROBLEMS} more problems`);
    io.out(`reports read: ${stats.reports} of ${stats.rows} rows`);
    io.out(`skipped bad rows: ${stats.badRows} (${(stats.badShare * 100).toFixed(2)}%)`);
    io.out(`merged duplicates: ${stats.duplicatesMerged}`);
    io.out(`incidents: ${stats.incidents} (${stats.businessAssociateIncidents} filed by business associates), ${stats.firstReported ?? '-'} .. ${stats.lastReported ?? '-'}`);
    io.out(`people affected (sum of reports): ${stats.peopleAffected.toLocaleString('en-US')}`);
    io.out(`organisations created: ${stats.organisations} (${organisations.filter((o) => o.match.textDetection).length} join text detection)`);
    io.out(
      `linked to curated vendors: ${stats.linkedToCurated} incidents (${stats.linkedByEntityName} by entity name, ${stats.linkedByDescription} named in a description)`,
    );

    if (stats.failed) {
      io.err(
        `import failed: ${stats.badRows} of ${stats.rows} rows could not be read (limit ${(MAX_BAD_SHARE * 100).toFixed(0)}%)` +
          ' or a file is not an HHS OCR export; nothing written',
      );
      return 1;
    }

    const json = JSON.stringify({ generatedFrom: files.map((f) => f.name).sort(), incidents, organisations }, null, 2);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${json}\n`);
    io.out(`wrote ${relative(io.cwd, out) || out}: ${(json.length / 1024).toFixed(0)} KiB`);
    return 0;
  },
};
