import { beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../lib/update/crypto';
import { MAX_BUNDLE_BYTES, type Manifest } from '../../lib/update/manifest';
import { parseManifest, verifyBundle } from '../../lib/update/verify';
import { bundleOf, encode, signed, testKey, type TestKey } from './update-helpers';

let key: TestKey;
let other: TestKey;
beforeAll(async () => {
  key = await testKey();
  other = await testKey();
});

const ACTIVE = '2026.1';
const verify = (bytes: Uint8Array, manifest: Manifest, keys = [key.trusted]) => verifyBundle(bytes, manifest, keys, ACTIVE);

describe('verifyBundle', () => {
  it('accepts a newer bundle signed with a trusted key', async () => {
    const s = await signed(key, bundleOf('2026.2', true));
    const result = await verify(s.bytes, s.manifest);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bundle.incidents.map((i) => i.id)).toEqual(['epic-2026']);
  });

  it('uses the RFC 7638 thumbprint as key id', async () => {
    expect(await keyIdOf(key.trusted.publicKey)).toBe(key.trusted.keyId);
  });

  it('refuses a manifest that is not JSON or not a manifest (bad-manifest)', () => {
    expect(parseManifest('{not json')).toMatchObject({ ok: false, reason: 'bad-manifest' });
    expect(parseManifest('{"version":"1"}')).toMatchObject({ ok: false, reason: 'bad-manifest' });
    expect(parseManifest('x'.repeat(20_000))).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it('refuses a bundle announced or delivered larger than the cap (oversize)', async () => {
    const s = await signed(key, bundleOf('2026.2'));
    expect(await verify(s.bytes, { ...s.manifest, size: MAX_BUNDLE_BYTES + 1 })).toMatchObject({ ok: false, reason: 'oversize' });
    expect(await verify(new Uint8Array(MAX_BUNDLE_BYTES + 1), s.manifest)).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it('refuses a key it does not trust (unknown-key)', async () => {
    const s = await signed(other, bundleOf('2026.2'));
    const result = await verify(s.bytes, s.manifest);
    expect(result).toMatchObject({ ok: false, reason: 'unknown-key' });
    if (!result.ok) expect(result.message).toMatch(/does not trust/);
  });

  it('refuses a trusted-key entry whose id is not its thumbprint (unknown-key)', async () => {
    const s = await signed(other, bundleOf('2026.2'));
    const forged = { ...key.trusted, keyId: other.trusted.keyId }; // another key's id on our key
    expect(await verify(s.bytes, s.manifest, [forged])).toMatchObject({ ok: false, reason: 'unknown-key' });
  });

  it('refuses an altered manifest or a garbage signature (bad-signature)', async () => {
    const s = await signed(key, bundleOf('2026.2'));
    expect(await verify(s.bytes, { ...s.manifest, version: '2026.3' })).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verify(s.bytes, { ...s.manifest, signature: 'AAAA' })).toMatchObject({ ok: false, reason: 'bad-signature' });
    const wrong = await signed(key, bundleOf('2026.5'));
    expect(await verify(s.bytes, { ...s.manifest, signature: wrong.manifest.signature })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered bundle whose checksum no longer matches (hash-mismatch)', async () => {
    const s = await signed(key, bundleOf('2026.2'));
    const tampered = encode(s.text.replace('Epic Systems', 'Epic Systemz'));
    const result = await verify(tampered, s.manifest);
    expect(result).toMatchObject({ ok: false, reason: 'hash-mismatch' });
    if (!result.ok) expect(result.message).toMatch(/altered or damaged/);
  });

  it('refuses signed bytes that are not JSON (bad-json)', async () => {
    const s = await signed(key, '{"schemaVersion":1,', { version: '2026.2', generatedAt: '2026-11-01T00:00:00Z' });
    expect(await verify(s.bytes, s.manifest)).toMatchObject({ ok: false, reason: 'bad-json' });
  });

  it('refuses signed JSON that is not a valid dataset (schema)', async () => {
    const broken = JSON.stringify({ ...bundleOf('2026.2'), vendors: [{ id: 'Not A Slug' }] });
    const s = await signed(key, broken, { version: '2026.2', generatedAt: '2026-11-01T00:00:00Z' });
    const result = await verify(s.bytes, s.manifest);
    expect(result).toMatchObject({ ok: false, reason: 'schema' });
    if (!result.ok) expect(result.message).toMatch(/vendors\.0/);
  });

  it('refuses a bundle whose version is not the signed one (version-mismatch)', async () => {
    const s = await signed(key, JSON.stringify(bundleOf('2026.2')), { version: '2026.4', generatedAt: '2026-11-01T00:00:00Z' });
    expect(await verify(s.bytes, s.manifest)).toMatchObject({ ok: false, reason: 'version-mismatch' });
  });

  it('refuses an older or the same version: no rollback (not-newer)', async () => {
    const older = await signed(key, bundleOf('2025.12.31'));
    const result = await verify(older.bytes, older.manifest);
    expect(result).toMatchObject({ ok: false, reason: 'not-newer' });
    if (!result.ok) expect(result.message).toMatch(/older than the active 2026\.1/);
    const same = await signed(key, bundleOf(ACTIVE));
    expect(await verify(same.bytes, same.manifest)).toMatchObject({ ok: false, reason: 'not-newer' });
  });
});
