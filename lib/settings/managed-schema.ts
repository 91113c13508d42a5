import { z } from 'zod';
import { LOCKED_KEY } from './resolve';
import { Settings, SETTING_KEYS } from './schema';

/**
 * public/managed_schema.json, derived from the zod Settings schema: the JSON schema Chrome and Edge check
 * storage.managed (enterprise policy) against. Chrome accepts a subset of JSON Schema (`type` or `$ref` on
 * every schema; `properties`, `additionalProperties` as a schema, `items`, `enum`, `pattern`, `minimum`,
 * `maximum`, `title`, `description`), and the top-level object must not have `additionalProperties`.
 * Everything else zod says (lengths, required fields, URL format) is checked again by zod when the policy
 * is read (lib/settings/resolve.ts), so Firefox, which checks no schema, gets the same validation.
 */
type JsonSchema = Record<string, unknown>;

// No `pattern`: Chrome would drop a whole list for one bad entry, where zod drops just that entry.
const KEEP = new Set(['type', 'description', 'title', 'properties', 'items', 'enum', 'minimum', 'maximum', 'additionalProperties']);
const INT32_MAX = 2 ** 31 - 1;

function toChrome(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) {
    const types = new Set((schema.anyOf as JsonSchema[]).map((s) => s.type));
    if (types.size !== 1) throw new Error(`cannot express a union of ${[...types].join(', ')} for Chrome`);
    return { type: [...types][0], ...(schema.description ? { description: schema.description } : {}) };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'const') out.enum = [value];
    if (!KEEP.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toChrome(v)]));
    } else if (key === 'items') out.items = toChrome(value as JsonSchema);
    else if (key === 'additionalProperties') {
      if (value && typeof value === 'object') out.additionalProperties = toChrome(value as JsonSchema);
    } else if ((key === 'maximum' || key === 'minimum') && Math.abs(value as number) > INT32_MAX) continue;
    else out[key] = value;
  }
  if (typeof out.type !== 'string') throw new Error(`a schema without one type: ${JSON.stringify(schema)}`);
  return out;
}

export function managedSchema(): JsonSchema {
  const generated = z.toJSONSchema(Settings, { io: 'input' }) as JsonSchema;
  const properties = generated.properties as Record<string, JsonSchema>;
  return {
    type: 'object',
    properties: {
      ...Object.fromEntries(
        SETTING_KEYS.map((key) => [
          key,
          { title: key, ...toChrome(properties[key]!), description: `${String(properties[key]!.description)}. A default the user may change, unless listed in ${LOCKED_KEY}.` },
        ]),
      ),
      [LOCKED_KEY]: {
        title: LOCKED_KEY,
        type: 'array',
        description: `settings the user may not change: each takes the policy's value, or the built-in default without one (any of ${SETTING_KEYS.join(', ')})`,
        items: { type: 'string' },
      },
    },
  };
}

/** The file's text, as committed (and as scripts/managed-schema.ts writes it). */
export function managedSchemaText(): string {
  return `${JSON.stringify(managedSchema(), null, 2)}\n`;
}
