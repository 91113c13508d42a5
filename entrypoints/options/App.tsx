import { useEffect, useRef, useState } from 'preact/hooks';
import { DatasetStatus } from '../../components/DatasetStatus';
import { AcknowledgedList } from '../../components/AcknowledgedList';
import { ToggleField, ScanModeField, SeveritiesField } from '../../components/settings/ChoiceFields';
import { ExcludedSitesField } from '../../components/settings/ExcludedSitesField';
import { OrganisationField } from '../../components/settings/OrganisationField';
import { PolicySummary } from '../../components/settings/policy';
import { requestAllSites, SiteAccessNotice, useAllSitesGranted } from '../../components/SiteAccess';
import { siteAccessFor } from '../../lib/background/site-access';
import { TextField } from '../../components/settings/TextField';
import { t, uiLocale } from '../../lib/i18n';
import type { ResolvedSettings } from '../../lib/settings/resolve';
import type { SettingKey, Settings } from '../../lib/settings/schema';
import { loadResolved, resetSettings, saveSetting, watchResolved } from './settings-storage';

type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'reset' } | { kind: 'error'; message: string };

function useResolved() {
  const [resolved, setResolved] = useState<ResolvedSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadResolved().then(setResolved, (e: unknown) => setLoadError(String(e)));
    return watchResolved(setResolved);
  }, []);
  return { resolved, setResolved, loadError };
}

export function App() {
  const { resolved, setResolved, loadError } = useResolved();
  const granted = useAllSitesGranted();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const savedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  function flash(next: SaveStatus) {
    clearTimeout(savedTimer.current);
    setStatus(next);
    if (next.kind !== 'error') savedTimer.current = setTimeout(() => setStatus({ kind: 'idle' }), 4000);
  }

  async function change<K extends SettingKey>(key: K, value: Settings[K]) {
    if (!resolved || resolved.locked.has(key)) return;
    const previous = resolved;
    const fromPolicy = new Set(resolved.fromPolicy);
    fromPolicy.delete(key);
    setResolved({ ...resolved, values: { ...resolved.values, [key]: value }, fromPolicy });
    try {
      await saveSetting(key, value);
      flash({ kind: 'saved' });
    } catch (e) {
      setResolved(previous);
      flash({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Automatic scanning reads every page: ask the browser for that first (called straight from the click). */
  function allowAllSites(then?: () => void) {
    requestAllSites().then(
      (granted) => (granted ? then?.() : flash({ kind: 'error', message: t('options_permissionDenied') })),
      (e: unknown) => flash({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }

  function changeScanMode(mode: Settings['scanMode']) {
    if (mode !== 'automatic') return void change('scanMode', mode);
    allowAllSites(() => void change('scanMode', mode));
  }

  async function reset() {
    try {
      await resetSettings();
      setResolved(await loadResolved());
      flash({ kind: 'reset' });
    } catch (e) {
      flash({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  const field = { resolved };
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <p class="directory-link">
        <a href="/vendors.html#/">{t('options_openDirectory')}</a>
      </p>
      {loadError && (
        <p class="load-error" role="alert">
          {t('options_loadError', loadError)}
        </p>
      )}
      <PolicySummary resolved={resolved} />
      <section class="settings-section" aria-labelledby="scanning-heading" data-section="scanning">
        <h2 id="scanning-heading">{t('options_scanningHeading')}</h2>
        <ScanModeField name="scanMode" {...field} onChange={changeScanMode} />
        {resolved && granted !== null && (
          <SiteAccessNotice access={siteAccessFor(resolved.values.scanMode, granted)} onAllow={() => allowAllSites()} />
        )}
        <ExcludedSitesField name="excludedSites" {...field} onChange={(v) => void change('excludedSites', v)} />
      </section>
      <section class="settings-section" aria-labelledby="display-heading" data-section="display">
        <h2 id="display-heading">{t('options_displayHeading')}</h2>
        <ToggleField name="inlineMarkers" {...field} onChange={(v) => void change('inlineMarkers', v)} />
        <SeveritiesField name="markerSeverities" {...field} onChange={(v) => void change('markerSeverities', v)} />
        <ToggleField name="badge" {...field} onChange={(v) => void change('badge', v)} />
      </section>
      <OrganisationField name="organisationVendors" {...field} onChange={(v) => void change('organisationVendors', v)} />
      <AcknowledgedList
        acknowledged={resolved?.values.acknowledged ?? {}}
        disabled={!resolved || resolved.locked.has('acknowledged')}
        locale={uiLocale()}
        onChange={(next) => void change('acknowledged', next)}
      />
      <section class="settings-section" aria-labelledby="updates-heading" data-section="updates">
        <h2 id="updates-heading">{t('options_updatesHeading')}</h2>
        <TextField name="updateUrl" {...field} onChange={(v) => void change('updateUrl', v)} />
        <TextField name="updateIntervalHours" {...field} onChange={(v) => void change('updateIntervalHours', v)} />
        <TextField name="trustedKeys" {...field} onChange={(v) => void change('trustedKeys', v)} />
      </section>
      <DatasetStatus />
      <section class="settings-section" aria-labelledby="reset-heading" data-section="reset">
        <h2 id="reset-heading">{t('options_resetHeading')}</h2>
        <p class="section-intro" id="reset-description">
          {t('options_resetDetail')}
        </p>
        <p>
          <button type="button" class="button reset-settings" disabled={!resolved} aria-describedby="reset-description" onClick={() => void reset()}>
            {t('options_reset')}
          </button>
        </p>
      </section>
      <p class={`save-status save-status-${status.kind}`} role="status" aria-live="polite" data-status={status.kind}>
        {status.kind === 'saved' && t('options_saved')}
        {status.kind === 'reset' && t('options_resetDone')}
        {status.kind === 'error' && t('options_saveError', status.message)}
      </p>
    </main>
  );
}
