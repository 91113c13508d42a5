/** Shared by the update tests: throwaway keys and signed bundles (nothing here is a real key). */
import { DatasetBundle } from '../../lib/dataset/schema';
import { generateKeyPair, publicPart } from '../../lib/update/crypto';
import type { PrivateKeyFile, TrustedKey } from '../../lib/update/keys';
import { createManifest, type Manifest } from '../../lib/update/manifest';
import { TEST_VENDORS } from './helpers';

export const bundleOf = (version: string, extraIncident = false) =>
  DatasetBundle.parse({
    schemaVersion: 1,
    version,
    generatedAt: '2026-11-01T00:00:00Z',
    vendors: TEST_VENDORS,
    incidents: extraIncident
      ? [
          {
            id: 'epic-2026',
            vendorIds: ['epic'],
            title: 'Test incident',
            dates: { disclosed: '2026-10-01' },
            type: 'hacking',
            affected: { kind: 'unknown' },
            status: 'confirmed',
            sources: [{ title: 'test' }],
          },
        ]
      : [],
  });

export const encode = (text: string) => new TextEncoder().encode(text);

export interface TestKey {
  file: PrivateKeyFile;
  trusted: TrustedKey;
}

export async function testKey(): Promise<TestKey> {
  const file = await generateKeyPair('test');
  return { file, trusted: publicPart(file) };
}

export interface Signed {
  bytes: Uint8Array;
  text: string;
  manifest: Manifest;
  manifestText: string;
}

/** A bundle signed as `data sign` does; `bytes` may be any content (to sign broken data on purpose). */
export async function signed(key: TestKey, bundle: DatasetBundle | string, info?: { version: string; generatedAt: string }): Promise<Signed> {
  const text = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  const bytes = encode(text);
  const meta = info ?? (typeof bundle === 'string' ? { version: '9.9', generatedAt: '2026-11-01T00:00:00Z' } : bundle);
  const manifest = await createManifest(bytes, { version: meta.version, generatedAt: meta.generatedAt, bundle: `bundle-${meta.version}.json` }, key.file);
  return { bytes, text, manifest, manifestText: JSON.stringify(manifest) };
}
