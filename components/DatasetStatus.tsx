import { useEffect, useState } from 'preact/hooks';
import {
  checkForUpdatesNow,
  fetchDatasetStatus,
  importBundleFiles,
  resetDataset,
  watchUpdateStatus,
} from '../lib/update/client';
import type { ActionReply, DatasetStatusReply } from '../lib/update/messages';
import { STATUS_KEY } from '../lib/update/status';

const SOURCE_LABEL = { bundled: 'shipped with the extension', updated: 'downloaded update', imported: 'imported file' } as const;

const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** Options section: the active dataset, the update checks, manual import and reset. */
export function DatasetStatus() {
  const [status, setStatus] = useState<DatasetStatusReply | null>(null);
  const [busy, setBusy] = useState<null | 'check' | 'import' | 'reset'>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = () => fetchDatasetStatus().then(setStatus, (e: unknown) => setNotice({ kind: 'error', text: String(e) }));
  useEffect(() => {
    void refresh();
    return watchUpdateStatus(() => void refresh(), STATUS_KEY);
  }, []);

  async function run(kind: 'check' | 'import' | 'reset', action: () => Promise<ActionReply | DatasetStatusReply>) {
    setBusy(kind);
    setNotice(null);
    try {
      const reply = await action();
      if ('ok' in reply) {
        setNotice(reply.ok ? { kind: 'ok', text: `Dataset ${reply.version} is now active.` } : { kind: 'error', text: reply.message });
        await refresh();
      } else {
        setStatus(reply);
        const error = reply.status.lastResult === 'failed' ? reply.status.lastError : undefined;
        setNotice(error ? { kind: 'error', text: error.message } : { kind: 'ok', text: checkSummary(reply) });
      }
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  }

  const active = status?.active;
  const update = status?.status;
  const lastError = update?.lastResult === 'failed' ? update.lastError : undefined;
  return (
    <section class="settings-section dataset-section" aria-labelledby="dataset-heading" data-section="dataset">
      <h2 id="dataset-heading">Breach dataset</h2>
      {active?.storageProblem && (
        <p class="dataset-storage-problem" role="alert">
          {active.storageProblem} Detection uses the dataset shipped with the extension.
        </p>
      )}
      <dl class="dataset-status" data-version={active?.version ?? ''} data-source={active?.source ?? ''}>
        <dt>Version</dt>
        <dd class="dataset-version">{active?.version ?? '…'}</dd>
        <dt>Built</dt>
        <dd>{active ? when(active.generatedAt) : '…'}</dd>
        <dt>Source</dt>
        <dd class="dataset-source">{active ? SOURCE_LABEL[active.source] : '…'}</dd>
        <dt>Records</dt>
        <dd>{active ? `${active.vendors} vendors and organisations, ${active.incidents} incidents` : '…'}</dd>
        <dt>Automatic updates</dt>
        <dd>
          {status?.updateUrl
            ? `from ${status.updateUrl}, every ${status.updateIntervalHours} hour(s)`
            : 'off: no update address is set (an administrator can set one)'}
        </dd>
        <dt>Last check</dt>
        <dd class="dataset-last-check" data-result={update?.lastResult ?? ''}>
          {when(update?.lastCheck)}
          {update?.nextCheckAt && status?.updateUrl ? `; next ${when(update.nextCheckAt)}` : ''}
        </dd>
        <dt>Last error</dt>
        <dd class="dataset-last-error" data-reason={lastError?.reason ?? ''}>
          {lastError ? `${lastError.message} (${when(lastError.at)}; the previous dataset stays active)` : 'none'}
        </dd>
      </dl>
      <div class="dataset-actions">
        <button type="button" class="dataset-check" disabled={busy !== null || !status?.updateUrl} onClick={() => void run('check', checkForUpdatesNow)}>
          {busy === 'check' ? 'Checking…' : 'Check now'}
        </button>
        <label class="dataset-import">
          Import signed update files (dataset and manifest.json)
          <input
            type="file"
            accept=".json,application/json"
            multiple
            disabled={busy !== null}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length) void run('import', () => importBundleFiles(files));
            }}
          />
        </label>
        <button
          type="button"
          class="dataset-reset"
          disabled={busy !== null || active?.source === 'bundled'}
          onClick={() => void run('reset', resetDataset)}
        >
          Reset to bundled dataset
        </button>
      </div>
      <p class={`dataset-notice dataset-notice-${notice?.kind ?? 'none'}`} role="status" aria-live="polite">
        {notice?.text ?? ''}
      </p>
    </section>
  );
}

function checkSummary(reply: DatasetStatusReply): string {
  switch (reply.status.lastResult) {
    case 'updated':
      return `Updated to dataset ${reply.active.version}.`;
    case 'disabled':
      return 'No update address is set.';
    default:
      return `Dataset ${reply.active.version} is up to date.`;
  }
}
