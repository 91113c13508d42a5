/**
 * Writes public/managed_schema.json from the zod Settings schema (lib/settings/managed-schema.ts).
 * Runs before every build (wxt.config.ts, hook `build:before`); `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { managedSchemaText } from '../lib/settings/managed-schema';

export const MANAGED_SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '../public/managed_schema.json');

/** Writes the file when its content differs; returns true when it did. */
export function writeManagedSchema(path = MANAGED_SCHEMA_PATH): boolean {
  const text = managedSchemaText();
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // not there yet
  }
  if (current === text) return false;
  writeFileSync(path, text);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    if (readFileSync(MANAGED_SCHEMA_PATH, 'utf8') !== managedSchemaText()) {
      console.error('public/managed_schema.json is stale: run `npm run policy:schema`');
      process.exit(1);
    }
  } else console.log(writeManagedSchema() ? 'wrote public/managed_schema.json' : 'public/managed_schema.json is up to date');
}
