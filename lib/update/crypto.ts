import type { PrivateJwk, PrivateKeyFile, PublicJwk, TrustedKey } from './keys';
import { SIGNATURE_ALGORITHM } from './keys';

/** WebCrypto only (`crypto.subtle`): the same code signs in Node 20 and verifies in the browsers. */
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The RFC 7638 thumbprint of a P-256 public key: its key id. */
export async function keyIdOf(jwk: PublicJwk): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  const digest = new Uint8Array(await subtle().digest('SHA-256', new TextEncoder().encode(canonical)));
  return toBase64Url(digest);
}

/** A new key pair, as the private key file (which holds the public half too). */
export async function generateKeyPair(label?: string): Promise<PrivateKeyFile> {
  const pair = (await subtle().generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const priv = await subtle().exportKey('jwk', pair.privateKey);
  const publicKey: PublicJwk = { kty: 'EC', crv: 'P-256', x: priv.x!, y: priv.y! };
  const privateKey: PrivateJwk = { ...publicKey, d: priv.d! };
  return { keyId: await keyIdOf(publicKey), algorithm: SIGNATURE_ALGORITHM, privateKey, publicKey, ...(label ? { label } : {}) };
}

export function publicPart(file: PrivateKeyFile): TrustedKey {
  return { keyId: file.keyId, algorithm: file.algorithm, publicKey: file.publicKey, ...(file.label ? { label: file.label } : {}) };
}

/** Signs `data`; the signature is the raw r||s form WebCrypto uses, in base64url. */
export async function signBytes(privateKey: PrivateJwk, data: Uint8Array): Promise<string> {
  const key = await subtle().importKey('jwk', { ...privateKey, ext: true }, EC, false, ['sign']);
  return toBase64Url(new Uint8Array(await subtle().sign(SIGN, key, data as BufferSource)));
}

/** True only for a valid signature; a malformed key or signature is simply not valid. */
export async function verifyBytes(publicKey: PublicJwk, signature: string, data: Uint8Array): Promise<boolean> {
  const sig = fromBase64Url(signature);
  if (!sig || sig.length !== 64) return false;
  try {
    const key = await subtle().importKey('jwk', { ...publicKey, ext: true }, EC, false, ['verify']);
    return await subtle().verify(SIGN, key, sig as BufferSource, data as BufferSource);
  } catch {
    return false;
  }
}
