import { compareVersions, parseBundle } from '../dataset/dataset';
import type { DatasetBundle } from '../dataset/schema';
import { keyIdOf, sha256Hex, verifyBytes } from './crypto';
import type { TrustedKey } from './keys';
import { Manifest, MAX_BUNDLE_BYTES, MAX_MANIFEST_BYTES, signedPayload } from './manifest';
import type { FailureReason } from './status';

/** Why an update or import was refused (the verification reasons of FailureReason). Each comes with a message in plain words. */
export type RejectReason = Exclude<FailureReason, 'network' | 'timeout' | 'http-error' | 'bad-url' | 'storage'>;

export type Rejection = { ok: false; reason: RejectReason; message: string };
export type ManifestCheck = { ok: true; manifest: Manifest } | Rejection;
export type BundleCheck = { ok: true; manifest: Manifest; bundle: DatasetBundle } | Rejection;

const reject = (reason: RejectReason, message: string): Rejection => ({ ok: false, reason, message });

/** Parses manifest text (from the network or a file). */
export function parseManifest(text: string): ManifestCheck {
  if (new TextEncoder().encode(text).length > MAX_MANIFEST_BYTES) {
    return reject('oversize', `The update manifest is larger than ${MAX_MANIFEST_BYTES / 1024} KiB.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return reject('bad-manifest', 'The update manifest is not valid JSON.');
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('bad-manifest', `The update manifest is malformed (${issue?.path.join('.') || 'root'}: ${issue?.message}).`);
  }
  return { ok: true, manifest: parsed.data };
}

/** The keys whose id really is their thumbprint: a mislabelled key is ignored, never trusted. */
async function findKey(keyId: string, trustedKeys: readonly TrustedKey[]): Promise<TrustedKey | null> {
  for (const key of trustedKeys) {
    if (key.keyId === keyId && (await keyIdOf(key.publicKey)) === keyId) return key;
  }
  return null;
}

/**
 * Checks a manifest before anything is downloaded: size cap, a trusted key, a valid signature, and a
 * version newer than the active one (no rollback). Cheap: an old or forged manifest costs no bundle download.
 */
export async function verifyManifest(
  manifest: Manifest,
  trustedKeys: readonly TrustedKey[],
  activeVersion: string,
): Promise<ManifestCheck> {
  if (manifest.size > MAX_BUNDLE_BYTES) {
    return reject('oversize', `The update is ${(manifest.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_BUNDLE_BYTES / 1048576} MiB.`);
  }
  const key = await findKey(manifest.keyId, trustedKeys);
  if (!key) return reject('unknown-key', `The update is signed with a key this extension does not trust (key id ${manifest.keyId}).`);
  const { signature, ...unsigned } = manifest;
  if (!(await verifyBytes(key.publicKey, signature, signedPayload(unsigned)))) {
    return reject('bad-signature', 'The update signature is not valid: the manifest was altered or signed with another key.');
  }
  if (compareVersions(manifest.version, activeVersion) <= 0) {
    const older = compareVersions(manifest.version, activeVersion) < 0;
    return reject(
      'not-newer',
      older
        ? `The update offers version ${manifest.version}, older than the active ${activeVersion}; older data is never installed.`
        : `The update offers version ${manifest.version}, which is already active.`,
    );
  }
  return { ok: true, manifest };
}

/** Checks a bundle's bytes against its manifest, exactly as the extension does before installing it. */
export async function verifyBundle(
  bytes: Uint8Array,
  manifest: Manifest,
  trustedKeys: readonly TrustedKey[],
  activeVersion: string,
): Promise<BundleCheck> {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    return reject('oversize', `The dataset file is larger than ${MAX_BUNDLE_BYTES / 1048576} MiB.`);
  }
  const checked = await verifyManifest(manifest, trustedKeys, activeVersion);
  if (!checked.ok) return checked;
  if (bytes.length !== manifest.size || (await sha256Hex(bytes)) !== manifest.sha256) {
    return reject('hash-mismatch', 'The dataset file does not match its signed checksum: it was altered or damaged in transit.');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return reject('bad-json', 'The dataset file is not valid JSON.');
  }
  const parsed = parseBundle(json);
  if (!parsed.ok) return reject('schema', `The dataset file is not a valid dataset: ${parsed.reason.replace(/^invalid dataset: /, '')}`);
  if (parsed.value.version !== manifest.version || parsed.value.generatedAt !== manifest.generatedAt) {
    return reject(
      'version-mismatch',
      `The dataset file says version ${parsed.value.version} but its manifest says ${manifest.version}.`,
    );
  }
  return { ok: true, manifest, bundle: parsed.value };
}
