#!/usr/bin/env node
/**
 * Mozilla's linter (`web-ext lint`, the checks addons.mozilla.org runs on upload) on the Firefox build
 * (.output/firefox-mv3; run `npm run build:firefox` first). Fails on any error, and on any warning that is
 * not explained below: a new warning needs either a fix or an entry here (and in SECURITY.md).
 *
 * Usage: node scripts/lint-firefox.mjs [source dir]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(process.argv[2] ?? join(ROOT, '.output/firefox-mv3'));

/** Warnings that are understood, with the reason; matched on code and file. */
const EXPLAINED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/[\w-]+\.js$/,
    why:
      "Preact's renderer assigns innerHTML only for `dangerouslySetInnerHTML`, which no component of the " +
      'extension uses (eslint forbids it); vendor and incident strings are rendered as text nodes. See SECURITY.md.',
  },
];

if (!existsSync(join(SOURCE, 'manifest.json'))) {
  console.error(`lint:firefox: no build at ${SOURCE} (run \`npm run build:firefox\` first)`);
  process.exit(1);
}

const run = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--no-config-discovery', `--source-dir=${SOURCE}`, '--output=json'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let report;
try {
  report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
} catch {
  console.error(`lint:firefox: web-ext lint gave no JSON report (exit ${run.status})\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

const show = (m) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''}: ${m.message}`;
const errors = report.errors ?? [];
const warnings = report.warnings ?? [];
const explained = warnings.filter((w) => EXPLAINED.some((e) => e.code === w.code && e.file.test(w.file ?? '')));
const unexplained = warnings.filter((w) => !explained.includes(w));

console.log(`lint:firefox: ${errors.length} error(s), ${warnings.length} warning(s), ${(report.notices ?? []).length} notice(s)`);
for (const w of explained) {
  console.log(`explained warning:\n${show(w)}\n    ${EXPLAINED.find((e) => e.code === w.code).why}`);
}
if (errors.length) console.error(`errors:\n${errors.map(show).join('\n')}`);
if (unexplained.length) console.error(`unexplained warnings (fix them or explain them in scripts/lint-firefox.mjs):\n${unexplained.map(show).join('\n')}`);
process.exit(errors.length || unexplained.length ? 1 : 0);
