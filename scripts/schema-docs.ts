// Regenerates the README's dataset field tables from lib/dataset/schema.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { withFieldTables } from '../lib/dataset/schema-doc';

writeFileSync('README.md', withFieldTables(readFileSync('README.md', 'utf8')));
