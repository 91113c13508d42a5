import type { Browser, WxtBrowser } from 'wxt/browser';
import type { BundledDataset } from '../store/bundled';
import { parseSettings, type Settings } from '../settings/schema';
import { createSettingsReader } from '../settings/read';
import { installDataset, loadActiveDataset } from '../store/dataset-store';
import { DatasetStatusReply, UPDATE_REQUEST_TYPES, UpdateRequest, type ActionReply } from '../update/messages';
import { parseStatus, STATUS_KEY, type UpdateStatus } from '../update/status';
import { BUILT_IN_KEYS } from '../update/trusted-keys';
import { createUpdateChecker } from '../update/updater';

export const ALARM_NAME = 'dataset-update';

export interface UpdaterWiring {
  browser: WxtBrowser;
  /** The dataset shipped with the extension. */
  bundled: BundledDataset;
  /** The background service: `reload()` makes it serve the newly active dataset. */
  background: { reload(): void };
  now(): Date;
  fetch?: typeof fetch;
}

/**
 * The dataset updater in the background: alarms for the schedule, storage for the status, and a
 * runtime.onMessage listener that answers only the dataset messages (from the extension's own pages).
 */
export function createUpdater({ browser, bundled, background, now, fetch }: UpdaterWiring) {
  // Effective settings: the user's merged with the policy (an administrator may set or lock the update URL).
  const settingsReader = createSettingsReader(browser);
  const settings = async (): Promise<Settings> => (await settingsReader.read()).values;
  const readStatus = async (): Promise<UpdateStatus> => parseStatus((await browser.storage.local.get(STATUS_KEY))[STATUS_KEY]);
  const active = () => loadActiveDataset(bundled, now());

  async function schedule(status: UpdateStatus): Promise<void> {
    const { updateUrl } = await settings();
    if (!updateUrl || !status.nextCheckAt) {
      await browser.alarms.clear(ALARM_NAME);
      return;
    }
    // Chrome runs alarms no sooner than 30 s from now.
    await browser.alarms.create(ALARM_NAME, { when: Math.max(Date.parse(status.nextCheckAt), now().getTime() + 30_000) });
  }

  const checker = createUpdateChecker({
    now,
    fetch,
    settings,
    builtInKeys: BUILT_IN_KEYS,
    active,
    install: (bundle, source, keyId) => installDataset(bundle, source, keyId, { now: now() }),
    async resetToBundled() {
      const bundle = await bundled.load();
      const done = await installDataset(bundle, 'bundled', null, { now: now(), force: true });
      return done.ok ? { ok: true, version: bundle.version } : done;
    },
    readStatus,
    writeStatus: (status) => browser.storage.local.set({ [STATUS_KEY]: status }),
    onInstalled: () => background.reload(),
  });

  async function check(): Promise<UpdateStatus> {
    const status = await checker.checkNow();
    await schedule(status);
    return status;
  }

  async function statusReply(): Promise<DatasetStatusReply> {
    const [current, userSettings, status] = await Promise.all([active(), settings(), readStatus()]);
    await current.save?.(); // a bundled copy not stored yet: the status says whether storing it works
    return DatasetStatusReply.parse({
      active: {
        version: current.bundle.version,
        generatedAt: current.bundle.generatedAt,
        source: current.source,
        storedAt: current.storedAt,
        vendors: current.bundle.vendors.length,
        incidents: current.bundle.incidents.length,
        storageProblem: current.storageProblem,
      },
      bundledVersion: bundled.version,
      updateUrl: userSettings.updateUrl,
      updateIntervalHours: userSettings.updateIntervalHours,
      checking: checker.isChecking(),
      status,
    });
  }

  async function handle(message: UpdateRequest): Promise<DatasetStatusReply | ActionReply> {
    switch (message.type) {
      case 'get-dataset-status':
        return statusReply();
      case 'check-updates-now':
        await check();
        return statusReply();
      case 'import-bundle':
        return checker.importBundle(message.bundle, message.manifest);
      case 'reset-dataset':
        return checker.reset();
    }
  }

  /** Answers only the dataset messages, and only from this extension's own pages (never a content script). */
  function onMessage(raw: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    if (sender.id !== browser.runtime.id) return undefined;
    if (!UPDATE_REQUEST_TYPES.has((raw as { type?: unknown } | null)?.type as string)) return undefined;
    if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    const parsed = UpdateRequest.safeParse(raw);
    if (!parsed.success) return undefined;
    return handle(parsed.data);
  }

  async function onAlarm(alarm: { name: string }): Promise<void> {
    if (alarm.name === ALARM_NAME) await check();
  }

  /** Worker start: check when a check is due (or never ran), otherwise make sure the next one is scheduled. */
  async function start(): Promise<void> {
    const [{ updateUrl }, status] = await Promise.all([settings(), readStatus()]);
    if (!updateUrl) return schedule(status);
    const due = !status.lastCheck || !status.nextCheckAt || Date.parse(status.nextCheckAt) <= now().getTime();
    if (due || status.manifestUrl !== updateUrl) await check();
    else if (!(await browser.alarms.get(ALARM_NAME))) await schedule(status);
  }

  /** Browser start: check, unless a failing server asked us to back off. */
  async function onBrowserStartup(): Promise<void> {
    const status = await readStatus();
    if (status.failures > 0 && status.nextCheckAt && Date.parse(status.nextCheckAt) > now().getTime()) return;
    await check();
  }

  /** A new update URL is checked at once; a new interval reschedules. */
  async function onSettingsChanged(oldValue: unknown, newValue: unknown): Promise<void> {
    const before = parseSettings(oldValue);
    const after = parseSettings(newValue);
    if (before.updateUrl !== after.updateUrl || JSON.stringify(before.trustedKeys) !== JSON.stringify(after.trustedKeys)) {
      await check();
    } else if (before.updateIntervalHours !== after.updateIntervalHours) {
      const status = await readStatus();
      const from = status.lastCheck ? Date.parse(status.lastCheck) : now().getTime();
      const nextCheckAt = new Date(from + after.updateIntervalHours * 3_600_000).toISOString();
      const next = status.failures > 0 ? status : { ...status, nextCheckAt };
      await browser.storage.local.set({ [STATUS_KEY]: next });
      await schedule(next);
    }
  }

  return { onMessage, onAlarm, start, onBrowserStartup, onSettingsChanged, check, settings, invalidatePolicy: () => settingsReader.invalidatePolicy() };
}

/** Registers the updater's listeners (synchronously, as MV3 requires) and runs its start-up check. */
export function wireUpdater(wiring: UpdaterWiring): ReturnType<typeof createUpdater> {
  const { browser } = wiring;
  const updater = createUpdater(wiring);
  const report = (what: string) => (error: unknown) => console.warn(`vendor-risk: ${what} failed`, error);
  browser.runtime.onMessage.addListener(updater.onMessage);
  browser.alarms.onAlarm.addListener((alarm) => void updater.onAlarm(alarm).catch(report('the update check')));
  browser.runtime.onStartup.addListener(() => void updater.onBrowserStartup().catch(report('the update check')));
  // The effective settings change with the user's (storage.sync) or the policy (storage.managed).
  let last: Promise<Settings> = updater.settings();
  browser.storage.onChanged.addListener((changes, area) => {
    if (!((area === 'sync' && changes.settings) || area === 'managed')) return;
    if (area === 'managed') updater.invalidatePolicy();
    const before = last;
    const after = (last = before.catch(() => parseSettings({})).then(() => updater.settings()));
    void Promise.all([before.catch(() => parseSettings({})), after])
      .then(([old, next]) => updater.onSettingsChanged(old, next))
      .catch(report('rescheduling'));
  });
  void updater.start().catch(report('the start-up update check'));
  return updater;
}
