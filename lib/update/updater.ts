import type { DatasetBundle } from '../dataset/schema';
import type { Settings } from '../settings/schema';
import type { ActiveDataset, DatasetSource, InstallResult } from '../store/dataset-store';
import { download } from './fetch';
import type { TrustedKey } from './keys';
import { MAX_MANIFEST_BYTES } from './manifest';
import type { FailureReason, UpdateStatus } from './status';
import { parseManifest, verifyBundle, verifyManifest } from './verify';

export const MANIFEST_TIMEOUT_MS = 15_000;
export const BUNDLE_TIMEOUT_MS = 120_000;
/** The first retry after a failure; each further failure doubles it, up to the normal interval. */
export const RETRY_BASE_MINUTES = 15;

export interface UpdaterDeps {
  now(): Date;
  settings(): Promise<Pick<Settings, 'updateUrl' | 'updateIntervalHours' | 'trustedKeys'>>;
  builtInKeys: readonly TrustedKey[];
  active(): Promise<ActiveDataset>;
  install(bundle: DatasetBundle, source: DatasetSource, keyId: string | null): Promise<InstallResult>;
  /** Makes the bundled dataset active again, whatever the stored version. */
  resetToBundled(): Promise<ImportResult>;
  readStatus(): Promise<UpdateStatus>;
  writeStatus(status: UpdateStatus): Promise<void>;
  /** A new dataset is active: drop cached copies (background.reload). */
  onInstalled(): void;
  fetch?: typeof fetch;
  timeouts?: { manifestMs: number; bundleMs: number };
}

type Outcome =
  | { kind: 'updated' | 'unchanged'; validators?: { etag: string | null; lastModified: string | null } }
  | { kind: 'disabled' }
  | { kind: 'failed'; reason: FailureReason; message: string };

export type ImportResult = { ok: true; version: string } | { ok: false; reason: FailureReason; message: string };

const HOUR = 3_600_000;

/** The status without the manifest validators: the next check downloads the manifest whole. */
function withoutValidators(status: UpdateStatus): UpdateStatus {
  const copy = { ...status };
  delete copy.etag;
  delete copy.lastModified;
  delete copy.manifestUrl;
  return copy;
}

/** Back-off after `failures` consecutive failures: 15 min, 30 min, 1 h, ... never longer than the interval. */
export function retryDelayMs(failures: number, intervalHours: number): number {
  return Math.min(RETRY_BASE_MINUTES * 60_000 * 2 ** Math.max(0, failures - 1), intervalHours * HOUR);
}

/** Checks, verifies and installs dataset updates; keeps the status the options page shows. */
export function createUpdateChecker(deps: UpdaterDeps) {
  const timeouts = deps.timeouts ?? { manifestMs: MANIFEST_TIMEOUT_MS, bundleMs: BUNDLE_TIMEOUT_MS };
  let running: Promise<UpdateStatus> | null = null;

  const trusted = (settings: Pick<Settings, 'trustedKeys'>) => [...deps.builtInKeys, ...settings.trustedKeys];

  async function attempt(url: string, settings: Awaited<ReturnType<UpdaterDeps['settings']>>, status: UpdateStatus): Promise<Outcome> {
    const fail = (reason: FailureReason, message: string): Outcome => ({ kind: 'failed', reason, message });
    const active = await deps.active();
    const sameUrl = status.manifestUrl === url;
    const got = await download(url, {
      etag: sameUrl ? status.etag : null,
      lastModified: sameUrl ? status.lastModified : null,
      timeoutMs: timeouts.manifestMs,
      maxBytes: MAX_MANIFEST_BYTES,
      fetch: deps.fetch,
    });
    if (!got.ok) return fail(got.reason, got.message);
    if (got.notModified) return { kind: 'unchanged' };
    const validators = { etag: got.etag, lastModified: got.lastModified };
    const parsed = parseManifest(new TextDecoder().decode(got.bytes));
    if (!parsed.ok) return fail(parsed.reason, parsed.message);
    const keys = trusted(settings);
    const checked = await verifyManifest(parsed.manifest, keys, active.bundle.version);
    if (!checked.ok) {
      // The same version again is "nothing new", not an error; an older one is refused and reported.
      if (checked.reason === 'not-newer' && parsed.manifest.version === active.bundle.version) return { kind: 'unchanged', validators };
      return fail(checked.reason, checked.message);
    }
    const bundleUrl = new URL(parsed.manifest.bundle, url).href;
    const body = await download(bundleUrl, { timeoutMs: timeouts.bundleMs, maxBytes: parsed.manifest.size, fetch: deps.fetch });
    if (!body.ok) return fail(body.reason, body.message);
    if (body.notModified) return fail('http-error', 'The update server answered 304 for a dataset file never downloaded.');
    const verified = await verifyBundle(body.bytes, parsed.manifest, keys, active.bundle.version);
    if (!verified.ok) return fail(verified.reason, verified.message);
    const installed = await deps.install(verified.bundle, 'updated', verified.manifest.keyId);
    if (!installed.ok) return fail(installed.reason, installed.message);
    deps.onInstalled();
    return { kind: 'updated', validators };
  }

  async function check(): Promise<UpdateStatus> {
    const [settings, status] = await Promise.all([deps.settings(), deps.readStatus()]);
    const now = deps.now();
    const at = now.toISOString();
    const url = settings.updateUrl;
    let outcome: Outcome;
    if (!url) outcome = { kind: 'disabled' };
    else {
      try {
        outcome = await attempt(url, settings, status);
      } catch (error) {
        outcome = { kind: 'failed', reason: 'network', message: `The update check failed: ${String(error)}` };
      }
    }
    let next: UpdateStatus;
    if (outcome.kind === 'disabled') {
      next = { failures: 0, lastCheck: at, lastResult: 'disabled', ...(status.lastSuccess ? { lastSuccess: status.lastSuccess } : {}) };
    } else if (outcome.kind === 'failed') {
      const failures = status.failures + 1;
      next = {
        ...withoutValidators(status),
        lastCheck: at,
        lastResult: 'failed',
        lastError: { reason: outcome.reason, message: outcome.message, at },
        failures,
        nextCheckAt: new Date(now.getTime() + retryDelayMs(failures, settings.updateIntervalHours)).toISOString(),
      };
    } else {
      const keepValidators = !outcome.validators && status.manifestUrl === url;
      const v = outcome.validators;
      next = {
        lastCheck: at,
        lastResult: outcome.kind,
        lastSuccess: at,
        failures: 0,
        nextCheckAt: new Date(now.getTime() + settings.updateIntervalHours * HOUR).toISOString(),
        manifestUrl: url,
        ...(keepValidators ? { etag: status.etag, lastModified: status.lastModified } : {}),
        ...(v?.etag ? { etag: v.etag } : {}),
        ...(v?.lastModified ? { lastModified: v.lastModified } : {}),
      };
    }
    await deps.writeStatus(next);
    return next;
  }

  /** One check at a time: a second request while one runs waits for the same result. */
  function checkNow(): Promise<UpdateStatus> {
    running ??= check().finally(() => (running = null));
    return running;
  }

  /** Installs a signed bundle chosen by the user (offline sites), under the same checks as an update. */
  async function importBundle(bundleText: string, manifestText: string): Promise<ImportResult> {
    const parsed = parseManifest(manifestText);
    if (!parsed.ok) return parsed;
    const [settings, active] = await Promise.all([deps.settings(), deps.active()]);
    const bytes = new TextEncoder().encode(bundleText);
    const verified = await verifyBundle(bytes, parsed.manifest, trusted(settings), active.bundle.version);
    if (!verified.ok) return verified;
    const installed = await deps.install(verified.bundle, 'imported', verified.manifest.keyId);
    if (!installed.ok) return installed;
    deps.onInstalled();
    const status = await deps.readStatus();
    await deps.writeStatus({ ...status, lastResult: 'imported', lastSuccess: deps.now().toISOString() });
    return { ok: true, version: verified.bundle.version };
  }

  /** Back to the dataset shipped with the extension; the next check may install a newer update again. */
  async function reset(): Promise<ImportResult> {
    const done = await deps.resetToBundled();
    if (!done.ok) return done;
    deps.onInstalled();
    await deps.writeStatus({ ...withoutValidators(await deps.readStatus()), lastResult: 'reset' });
    return done;
  }

  return { checkNow, importBundle, reset, isChecking: () => running !== null };
}
