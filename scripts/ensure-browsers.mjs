#!/usr/bin/env node
// pretest: the browser tests drive Debian's Chromium and Firefox ESR. Find them; install them when running
// as root (CI, a fresh machine); otherwise say in one line how to get them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSERS = [
  { name: 'Chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], pkg: 'chromium' },
  { name: 'Firefox', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], pkg: 'firefox-esr' },
];

const missing = BROWSERS.filter((b) => !b.paths.some((p) => existsSync(p)));
if (missing.length === 0) process.exit(0);

const packages = missing.map((b) => b.pkg);
const names = missing.map((b) => b.name).join(' and ');
if (process.getuid?.() !== 0) {
  console.error(`${names} not found: run \`sudo apt-get install -y ${packages.join(' ')}\` and try again.`);
  process.exit(1);
}
console.log(`${names} not found: installing ${packages.join(' ')} with apt-get...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
