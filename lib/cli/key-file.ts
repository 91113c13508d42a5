import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PrivateKeyFile, TrustedKey } from '../update/keys';

/** Reads and validates a key file; the error names the file and the problem. */
async function readKey<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read ${what}: ${error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: not ${what} (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

export const readPrivateKey = (path: string) => readKey(path, PrivateKeyFile, 'a private key written by `vendor-risk data keygen`');
export const readPublicKey = (path: string) => readKey(path, TrustedKey, 'a public key written by `vendor-risk data keygen`');
