#!/usr/bin/env node
/**
 * Store uploads, reproducibly: builds the extension for Chrome, Edge and Firefox and writes
 *
 *   .output/store/vendor-breach-radar-<version>-chrome.zip    Chrome Web Store
 *   .output/store/vendor-breach-radar-<version>-edge.zip      Microsoft Edge Add-ons
 *   .output/store/vendor-breach-radar-<version>-firefox.zip   addons.mozilla.org (AMO)
 *   .output/store/vendor-breach-radar-<version>-sources.zip   the sources AMO asks for: `git ls-files`
 *   .output/store/SHA256SUMS
 *
 * Same sources, same bytes: entries in byte order of their paths, every entry with the same timestamp
 * (SOURCE_DATE_EPOCH if set, else the time of the last commit), fixed permissions (0644, or 0755 for files
 * git tracks as executable), no directory entries, DEFLATE level 9. Run it twice and compare SHA256SUMS.
 *
 * Usage: node scripts/zip.mjs [--no-build]   (--no-build zips the builds already in .output)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.output/store');
const NAME = 'vendor-breach-radar';
const TARGETS = [
  { browser: 'chrome', dir: 'chrome-mv3' },
  { browser: 'edge', dir: 'edge-mv3' },
  { browser: 'firefox', dir: 'firefox-mv3' },
];

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The fixed time of every entry: SOURCE_DATE_EPOCH, else the last commit; never before 1980 (DOS time). */
function entryDate() {
  let seconds = Number(process.env.SOURCE_DATE_EPOCH ?? '');
  if (!Number.isInteger(seconds) || seconds <= 0) {
    try {
      seconds = Number(git('log', '-1', '--format=%ct').trim());
    } catch {
      seconds = 0;
    }
  }
  // DOS times have a 2-second resolution and start in 1980.
  seconds = Math.max(seconds, 315_532_800);
  return new Date(Math.floor(seconds / 2) * 2 * 1000);
}

function build(browser) {
  const wxt = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
  console.log(`zip: building for ${browser}`);
  execFileSync(process.execPath, [wxt, 'build', '-b', browser], { cwd: ROOT, stdio: 'inherit' });
}

/** Every file under `dir`, as `/`-separated paths relative to it, in byte order. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort(compareBytes);
}

function compareBytes(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A zip of `files` ([path, bytes, executable]) with fixed order, times and permissions. */
async function writeZip(target, files, date) {
  const zip = new JSZip();
  for (const [path, bytes, executable] of [...files].sort((x, y) => compareBytes(x[0], y[0]))) {
    zip.file(path, bytes, { date, createFolders: false, unixPermissions: executable ? 0o100755 : 0o100644 });
  }
  const data = await zip.generateAsync({
    type: 'nodebuffer',
    platform: 'UNIX',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  await writeFile(target, data);
  return createHash('sha256').update(data).digest('hex');
}

async function main() {
  const skipBuild = process.argv.includes('--no-build');
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const date = entryDate();

  if (!skipBuild) for (const { browser } of TARGETS) build(browser);

  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const sums = [];

  for (const { browser, dir } of TARGETS) {
    const from = join(ROOT, '.output', dir);
    if (!existsSync(join(from, 'manifest.json'))) throw new Error(`no build at ${from}: run without --no-build`);
    const files = await Promise.all((await listFiles(from)).map(async (p) => [p, await readFile(join(from, p)), false]));
    const name = `${NAME}-${version}-${browser}.zip`;
    sums.push([await writeZip(join(OUT, name), files, date), name]);
  }

  // Sources: the files git tracks (as they are in the working tree, which is what was just built).
  const dirty = git('status', '--porcelain', '--untracked-files=no').trim();
  if (dirty) console.warn(`zip: warning: tracked files have uncommitted changes; the sources zip holds them as they are:\n${dirty}`);
  const tracked = git('ls-files', '-s', '-z')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      return { mode: meta.split(' ')[0], path };
    })
    .filter(({ mode, path }) => mode !== '160000' && existsSync(join(ROOT, path))); // no submodules, no deleted files
  const sources = await Promise.all(
    tracked.map(async ({ mode, path }) => [path, await readFile(join(ROOT, path)), mode === '100755']),
  );
  const sourcesName = `${NAME}-${version}-sources.zip`;
  sums.push([await writeZip(join(OUT, sourcesName), sources, date), sourcesName]);

  const text = sums.map(([hash, name]) => `${hash}  ${name}\n`).join('');
  await writeFile(join(OUT, 'SHA256SUMS'), text);
  process.stdout.write(`zip: entries dated ${date.toISOString()}; wrote ${relative(ROOT, OUT)}/\n${text}`);
}

main().catch((error) => {
  console.error(`zip: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
