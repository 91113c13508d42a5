import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BUILT_IN_KEYS } from '../../update/trusted-keys';
import type { TrustedKey } from '../../update/keys';
import { parseManifest, verifyBundle } from '../../update/verify';
import { parseArgs } from '../args';
import { loadBundledDataset } from '../bundled-dataset';
import type { Command } from '../io';
import { readPublicKey } from '../key-file';

/** Checks a bundle exactly as the extension would before installing it: exit 0 only if it would be accepted. */
export const dataVerifyCommand: Command = {
  name: 'verify',
  summary: 'check a signed bundle as the extension would (exit 0 only if accepted)',
  usage: 'vendor-risk data verify [--manifest FILE] [--key PUBLIC.json] [--active VERSION] BUNDLE',
  async run(args, io) {
    const parsed = parseArgs(args, ['manifest', 'key', 'active'], []);
    if (typeof parsed === 'string' || parsed.positional.length !== 1) {
      io.err(typeof parsed === 'string' ? parsed : 'one BUNDLE file is required');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const bundlePath = resolve(io.cwd, parsed.positional[0]!);
    const manifestFlag = parsed.flags.get('manifest');
    const manifestPath = typeof manifestFlag === 'string' ? resolve(io.cwd, manifestFlag) : resolve(dirname(bundlePath), 'manifest.json');
    const keyFlag = parsed.flags.get('key');
    const activeFlag = parsed.flags.get('active');
    let bytes: Uint8Array;
    let manifestText: string;
    const keys: TrustedKey[] = [...BUILT_IN_KEYS];
    try {
      bytes = new Uint8Array(await readFile(bundlePath));
      manifestText = await readFile(manifestPath, 'utf8');
      if (typeof keyFlag === 'string') keys.push(await readPublicKey(resolve(io.cwd, keyFlag)));
    } catch (error) {
      io.err(error instanceof Error ? error.message : `cannot read: ${String(error)}`);
      return 1;
    }
    // By default, compare with the dataset this build ships: what a fresh install has active.
    const active = typeof activeFlag === 'string' ? activeFlag : (await loadBundledDataset()).bundle.version;
    const manifest = parseManifest(manifestText);
    const result = manifest.ok ? await verifyBundle(bytes, manifest.manifest, keys, active) : manifest;
    if (!result.ok) {
      io.err(`rejected (${result.reason}): ${result.message}`);
      return 1;
    }
    const { bundle } = result;
    io.out(
      `accepted: version ${bundle.version} (newer than ${active}), ${bundle.vendors.length} vendors, ${bundle.incidents.length} incidents, signed with key ${result.manifest.keyId}`,
    );
    return 0;
  },
};
