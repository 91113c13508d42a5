import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withFieldTables } from '../../lib/dataset/schema-doc';

describe('README', () => {
  it('documents every dataset field as the schema defines it (run `npm run docs:schema` after a schema change)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withFieldTables(readme));
  });
});
