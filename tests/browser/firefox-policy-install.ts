/**
 * A private Firefox installation whose distribution folder holds a policies.json, for firefox-policy.test.ts.
 * Imported first there, for its side effect: the harness reads FIREFOX_PATH when it loads, so the variable
 * must point here before the harness is imported. Firefox reads policies.json from the `distribution`
 * folder of its installation (or /etc/firefox/policies, system-wide), neither of which a test may write:
 * this is hard links to the files of /usr/lib/firefox-esr (a copy where the file system cannot link;
 * symbolic links do not do, Firefox finds its folder from the real path of its files).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const ADDON_ID = 'vendor-breach-radar@example.org';
/** The administrator's settings for the add-on: markers off, and locked. */
export const POLICY = { inlineMarkers: false, lockedSettings: ['inlineMarkers'] };

const real = realpathSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr');
const parent = mkdtempSync(join(tmpdir(), 'vbr-firefox-install-'));
const dir = join(parent, 'firefox');
try {
  execFileSync('cp', ['-al', dirname(real), dir]);
} catch {
  rmSync(dir, { recursive: true, force: true });
  execFileSync('cp', ['-a', dirname(real), dir]);
}
// Debian links distribution/ to /usr/share/firefox-esr/distribution: replace the link, not its target.
rmSync(join(dir, 'distribution'), { recursive: true, force: true });
mkdirSync(join(dir, 'distribution'));
writeFileSync(join(dir, 'distribution/policies.json'), JSON.stringify({ policies: { '3rdparty': { Extensions: { [ADDON_ID]: POLICY } } } }, null, 2));
process.env.FIREFOX_PATH = join(dir, basename(real));
process.once('exit', () => rmSync(parent, { recursive: true, force: true }));

export const POLICY_INSTALL = parent;
