/**
 * Names a build of the detection index compiler: a hash of its sources. The build puts it in the background
 * (wxt.config.ts), which reads a stored index back only if the same compiler made it (lib/store/index-cache.ts):
 * an extension update that changes the index's form never reads an old one. A hash, not a build time, so the
 * same sources build the same package (stores that rebuild the submitted source, as Mozilla's review does, get
 * the same files).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders the compiler lives in. */
export const INDEX_COMPILER_DIRS = ['lib/matching', 'lib/detection'];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function indexCompilerId(root = ROOT): string {
  const hash = createHash('sha256');
  for (const dir of INDEX_COMPILER_DIRS) {
    // Paths and line endings as Git stores them: a checkout on Windows builds the same package.
    const files = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => file.replaceAll('\\', '/'));
    for (const file of files.filter((f) => f.endsWith('.ts')).sort()) {
      hash.update(`${dir}/${file}\0`).update(readFileSync(join(root, dir, file), 'utf8').replace(/\r\n/g, '\n'));
    }
  }
  return hash.digest('hex').slice(0, 16);
}
