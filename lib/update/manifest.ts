import { z } from 'zod';
import { SIGNATURE_ALGORITHM, type PrivateKeyFile } from './keys';
import { sha256Hex, signBytes } from './crypto';

/** The largest bundle the extension downloads or imports. The built bundle is well under 1 MiB today. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
/** The largest manifest the extension reads. */
export const MAX_MANIFEST_BYTES = 16 * 1024;

export const MANIFEST_FORMAT = 'vendor-risk-dataset-manifest/1';

/**
 * The small signed file next to a bundle. The signature covers every field but itself (see
 * `signedPayload`), and the SHA-256 ties it to the bundle's exact bytes.
 */
export const Manifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.string().regex(/^\d+(?:\.\d+){0,3}$/, 'must be a dotted number such as "2026.11.28"'),
    generatedAt: z.iso.datetime(),
    bundle: z
      .string()
      .regex(/^[A-Za-z0-9._-]+\.json$/, 'must be a plain file name next to the manifest, such as "bundle-2026.11.28.json"'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    size: z.number().int().positive(),
    keyId: z.string().min(8).max(100),
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    signature: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** The exact bytes signed: one field per line, in a fixed order, so JSON formatting cannot matter. */
export function signedPayload(m: Omit<Manifest, 'signature'>): Uint8Array {
  const lines = [m.format, m.version, m.generatedAt, m.bundle, m.sha256, String(m.size), m.keyId, m.algorithm];
  return new TextEncoder().encode(lines.join('\n'));
}

/** Signs a bundle's bytes: the manifest to publish next to it. */
export async function createManifest(
  bytes: Uint8Array,
  info: { version: string; generatedAt: string; bundle: string },
  key: PrivateKeyFile,
): Promise<Manifest> {
  const unsigned = {
    format: MANIFEST_FORMAT,
    version: info.version,
    generatedAt: info.generatedAt,
    bundle: info.bundle,
    sha256: await sha256Hex(bytes),
    size: bytes.length,
    keyId: key.keyId,
    algorithm: key.algorithm,
  } as const;
  return { ...unsigned, signature: await signBytes(key.privateKey, signedPayload(unsigned)) };
}
