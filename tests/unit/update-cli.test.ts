import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';
import { bundleOf } from './update-helpers';

async function run(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vendor-risk data keygen / sign / verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbr-sign-'));
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundleOf('2099.1', true)));

  it('makes a key pair: a private file only its owner can read, and the public half', async () => {
    const made = await run(dir, 'data', 'keygen', '--out', 'test.private.json', '--label', 'CI');
    expect(made.code).toBe(0);
    expect(statSync(join(dir, 'test.private.json')).mode & 0o077).toBe(0);
    const pub = JSON.parse(readFileSync(join(dir, 'test.public.json'), 'utf8'));
    expect(pub).toMatchObject({ algorithm: 'ECDSA-P256-SHA256', label: 'CI', publicKey: { kty: 'EC', crv: 'P-256' } });
    expect(pub.publicKey.d).toBeUndefined();
    expect((await run(dir, 'data', 'keygen', '--out', 'test.private.json')).code).toBe(1); // never overwrites
  });

  it('signs a bundle and verifies it exactly as the extension would', async () => {
    const signedRun = await run(dir, 'data', 'sign', '--key', 'test.private.json', '--out', 'site', 'bundle.json');
    expect(signedRun.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'site/manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: '2099.1', bundle: 'bundle-2099.1.json', size: expect.any(Number), keyId: expect.any(String) });
    expect(readFileSync(join(dir, 'site/bundle-2099.1.json'), 'utf8')).toBe(readFileSync(join(dir, 'bundle.json'), 'utf8'));

    const ok = await run(dir, 'data', 'verify', '--key', 'test.public.json', 'site/bundle-2099.1.json');
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/^accepted: version 2099\.1/) });
    // Without the test key, the built-in keys alone do not trust it.
    expect(await run(dir, 'data', 'verify', 'site/bundle-2099.1.json')).toMatchObject({ code: 1, err: expect.stringMatching(/^rejected \(unknown-key\)/) });
    // Not newer than the given active version.
    expect(await run(dir, 'data', 'verify', '--key', 'test.public.json', '--active', '2100', 'site/bundle-2099.1.json')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^rejected \(not-newer\)/),
    });
    // Tampered after signing.
    writeFileSync(join(dir, 'tampered.json'), readFileSync(join(dir, 'site/bundle-2099.1.json'), 'utf8').replace('Test incident', 'Nope'));
    expect(await run(dir, 'data', 'verify', '--key', 'test.public.json', '--manifest', 'site/manifest.json', 'tampered.json')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^rejected \(hash-mismatch\)/),
    });
  });

  it('refuses to sign an invalid bundle, and reports bad usage', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion":1}');
    expect(await run(dir, 'data', 'sign', '--key', 'test.private.json', 'bad.json')).toMatchObject({ code: 1, err: expect.stringMatching(/refusing to sign/) });
    expect((await run(dir, 'data', 'sign', 'bundle.json')).code).toBe(2);
    expect(await run(dir, 'data', 'sign', '--key', 'test.public.json', 'bundle.json')).toMatchObject({ code: 1, err: expect.stringMatching(/not a private key/) });
    expect((await run(dir, 'data', 'verify')).code).toBe(2);
  });
});
