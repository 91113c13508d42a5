import { z } from 'zod';

/**
 * Signing keys. One algorithm, ECDSA P-256 with SHA-256: WebCrypto has it in Node 20 and in every browser
 * the extension supports (Ed25519 came to Chrome and Firefox too late for our minimum versions).
 */
export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

export const PublicJwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url, y: base64url });
export type PublicJwk = z.infer<typeof PublicJwk>;

export const PrivateJwk = PublicJwk.extend({ d: base64url });
export type PrivateJwk = z.infer<typeof PrivateJwk>;

/** A public key the extension trusts: built in (trusted-keys.ts) or added by settings / policy. */
export const TrustedKey = z
  .object({
    keyId: z.string().min(8).max(100).describe('the RFC 7638 thumbprint of the key, as `data keygen` prints it'),
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    publicKey: PublicJwk,
    label: z.string().max(200).optional().describe('who holds the private key, in words'),
  })
  .strip();
export type TrustedKey = z.infer<typeof TrustedKey>;

/** The private key file `data keygen` writes and `data sign` reads. Never commit one. */
export const PrivateKeyFile = z.object({
  keyId: z.string().min(8),
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  privateKey: PrivateJwk,
  publicKey: PublicJwk,
  label: z.string().optional(),
});
export type PrivateKeyFile = z.infer<typeof PrivateKeyFile>;
