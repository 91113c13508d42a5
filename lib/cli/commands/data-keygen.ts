import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateKeyPair, publicPart } from '../../update/crypto';
import { parseArgs } from '../args';
import type { Command } from '../io';

/** The public key file written next to a private one. */
export function publicPathFor(privatePath: string): string {
  return privatePath.endsWith('.private.json') ? privatePath.replace(/\.private\.json$/, '.public.json') : `${privatePath}.public.json`;
}

/** Makes a dataset signing key pair (ECDSA P-256): a private key file and its public half. */
export const dataKeygenCommand: Command = {
  name: 'keygen',
  summary: 'make a dataset signing key pair (keep the private file out of the repository)',
  usage: 'vendor-risk data keygen --out KEY.private.json [--label TEXT] [--force]',
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'label'], ['force']);
    const out = typeof parsed === 'string' ? undefined : parsed.flags.get('out');
    if (typeof parsed === 'string' || typeof out !== 'string' || parsed.positional.length) {
      io.err(typeof parsed === 'string' ? parsed : '--out FILE is required');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const label = parsed.flags.get('label');
    const privatePath = resolve(io.cwd, out);
    const publicPath = publicPathFor(privatePath);
    const key = await generateKeyPair(typeof label === 'string' ? label : undefined);
    const flag = parsed.flags.has('force') ? 'w' : 'wx';
    try {
      await writeFile(privatePath, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag });
      await writeFile(publicPath, `${JSON.stringify(publicPart(key), null, 2)}\n`, { flag });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.err(code === 'EEXIST' ? `${privatePath} or its public file already exists (use --force to replace)` : String(error));
      return 1;
    }
    io.out(`wrote ${privatePath} (private: keep it secret, never commit it)`);
    io.out(`wrote ${publicPath} (public: add it to lib/update/trusted-keys.ts or to the trustedKeys setting)`);
    io.out(`key id ${key.keyId}`);
    return 0;
  },
};
