import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseBundle } from '../../dataset/dataset';
import { createManifest } from '../../update/manifest';
import { parseArgs } from '../args';
import type { Command } from '../io';
import { readPrivateKey } from '../key-file';

/** Signs a built bundle: writes the bundle (byte for byte) and its manifest into a folder to publish. */
export const dataSignCommand: Command = {
  name: 'sign',
  summary: 'sign a built bundle: writes BUNDLE and manifest.json to publish on any static host',
  usage: 'vendor-risk data sign --key KEY.private.json [--out DIR] [BUNDLE]',
  async run(args, io) {
    const parsed = parseArgs(args, ['key', 'out'], []);
    const keyPath = typeof parsed === 'string' ? undefined : parsed.flags.get('key');
    if (typeof parsed === 'string' || typeof keyPath !== 'string' || parsed.positional.length > 1) {
      io.err(typeof parsed === 'string' ? parsed : '--key FILE is required');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const bundlePath = resolve(io.cwd, parsed.positional[0] ?? 'data/bundle.json');
    const outFlag = parsed.flags.get('out');
    const outDir = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : 'dist/dataset');
    let bytes: Uint8Array;
    let key;
    try {
      key = await readPrivateKey(resolve(io.cwd, keyPath));
      bytes = new Uint8Array(await readFile(bundlePath));
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      return 1;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      io.err(`${bundlePath}: not valid JSON`);
      return 1;
    }
    const bundle = parseBundle(json);
    if (!bundle.ok) {
      io.err(`${bundlePath}: refusing to sign: ${bundle.reason}`);
      return 1;
    }
    const { version, generatedAt } = bundle.value;
    const name = `bundle-${version}.json`;
    const manifest = await createManifest(bytes, { version, generatedAt, bundle: name }, key);
    await mkdir(outDir, { recursive: true });
    await writeFile(resolve(outDir, name), bytes);
    await writeFile(resolve(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    io.out(`wrote ${resolve(outDir, name)} (${bytes.length} bytes, sha256 ${manifest.sha256})`);
    io.out(`wrote ${resolve(outDir, 'manifest.json')}: version ${version}, signed with key ${manifest.keyId}`);
    io.out('publish both files in one folder; the update URL is the address of manifest.json');
    return 0;
  },
};
