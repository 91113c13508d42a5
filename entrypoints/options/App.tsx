import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DatasetStatus } from '../../components/DatasetStatus';
import { SettingToggle } from '../../components/SettingToggle';
import { AcknowledgedList } from '../../components/AcknowledgedList';
import { severityText } from '../../components/i18n-labels';
import { t, uiLocale, type MessageKey } from '../../lib/i18n';
import type { ResolvedSettings } from '../../lib/settings/resolve';
import {
  MARKER_SEVERITIES,
  OrganisationVendor,
  parseSetting,
  SCAN_MODES,
  type SettingKey,
  type Settings,
} from '../../lib/settings/schema';
import { FIELD_KINDS, settingText } from './fields';
import { loadResolved, resetSettings, saveSetting, watchResolved } from './settings-storage';

type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'reset' } | { kind: 'error'; message: string };

/** The host permissions automatic scanning needs (granted at install in Chrome; optional in Firefox). */
const ALL_SITES = ['http://*/*', 'https://*/*'];

function useResolved() {
  const [resolved, setResolved] = useState<ResolvedSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadResolved().then(setResolved, (e: unknown) => setLoadError(String(e)));
    return watchResolved(setResolved);
  }, []);
  return { resolved, setResolved, loadError };
}

interface FieldProps<K extends SettingKey> {
  name: K;
  resolved: ResolvedSettings | null;
  onChange(value: Settings[K]): void;
}

/** Why a setting cannot be changed here, or what set its value: shown under the setting. */
function lockedReason(resolved: ResolvedSettings | null, key: SettingKey): string | undefined {
  return resolved?.locked.has(key) ? t('options_lockedReason') : undefined;
}

function PolicyNote({ resolved, name }: { resolved: ResolvedSettings | null; name: SettingKey }) {
  const locked = lockedReason(resolved, name);
  if (locked) {
    return (
      <p class="setting-locked" id={`setting-${name}-locked`} data-locked="true">
        {locked}
      </p>
    );
  }
  if (resolved?.fromPolicy.has(name)) {
    return (
      <p class="setting-policy-default" id={`setting-${name}-locked`}>
        {t('options_policyDefault')}
      </p>
    );
  }
  return null;
}

function describedBy(resolved: ResolvedSettings | null, name: SettingKey, ...more: string[]): string {
  const policy = resolved?.locked.has(name) || resolved?.fromPolicy.has(name) ? [`setting-${name}-locked`] : [];
  return [`setting-${name}-description`, ...policy, ...more].join(' ');
}

function ToggleField({ name, resolved, onChange }: FieldProps<'inlineMarkers' | 'badge'>) {
  const text = settingText(name);
  return (
    <SettingToggle
      id={`setting-${name}`}
      label={text.label}
      description={text.detail}
      checked={resolved?.values[name] ?? false}
      disabled={!resolved}
      lockedReason={lockedReason(resolved, name)}
      onChange={onChange}
    />
  );
}

function ScanModeField({ resolved, onChange }: FieldProps<'scanMode'>) {
  const name = 'scanMode';
  const text = settingText(name);
  const disabled = !resolved || resolved.locked.has(name);
  const labels: Record<Settings['scanMode'], [MessageKey, MessageKey]> = {
    automatic: ['options_scanAutomatic', 'options_scanAutomaticDetail'],
    'on-click': ['options_scanOnClick', 'options_scanOnClickDetail'],
  };
  return (
    <fieldset class="setting setting-group" data-setting={`setting-${name}`} data-disabled={String(disabled)} aria-describedby={describedBy(resolved, name)}>
      <legend>{text.label}</legend>
      <p class="setting-description" id={`setting-${name}-description`}>
        {text.detail}
      </p>
      {SCAN_MODES.map((mode) => (
        <div class="choice" key={mode}>
          <input
            type="radio"
            name={name}
            id={`setting-${name}-${mode}`}
            value={mode}
            checked={resolved?.values.scanMode === mode}
            disabled={disabled}
            aria-describedby={`setting-${name}-${mode}-detail`}
            onChange={() => onChange(mode)}
          />
          <label for={`setting-${name}-${mode}`}>{t(labels[mode][0])}</label>
          <p class="choice-detail" id={`setting-${name}-${mode}-detail`}>
            {t(labels[mode][1])}
          </p>
        </div>
      ))}
      <PolicyNote resolved={resolved} name={name} />
    </fieldset>
  );
}

function SeveritiesField({ resolved, onChange }: FieldProps<'markerSeverities'>) {
  const name = 'markerSeverities';
  const text = settingText(name);
  const disabled = !resolved || resolved.locked.has(name);
  const current = resolved?.values.markerSeverities ?? [];
  return (
    <fieldset class="setting setting-group" data-setting={`setting-${name}`} data-disabled={String(disabled)} aria-describedby={describedBy(resolved, name)}>
      <legend>{text.label}</legend>
      <p class="setting-description" id={`setting-${name}-description`}>
        {text.detail}
      </p>
      <div class="choice-row">
        {MARKER_SEVERITIES.map((severity) => (
          <span class="choice-inline" key={severity}>
            <input
              type="checkbox"
              id={`setting-${name}-${severity}`}
              checked={current.includes(severity)}
              disabled={disabled}
              onChange={(e) =>
                onChange(MARKER_SEVERITIES.filter((s) => (s === severity ? e.currentTarget.checked : current.includes(s))))
              }
            />
            <label for={`setting-${name}-${severity}`}>{severityText(severity)}</label>
          </span>
        ))}
      </div>
      <PolicyNote resolved={resolved} name={name} />
    </fieldset>
  );
}

function ExcludedSitesField({ resolved, onChange }: FieldProps<'excludedSites'>) {
  const name = 'excludedSites';
  const text = settingText(name);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const disabled = !resolved || resolved.locked.has(name);
  const sites = resolved?.values.excludedSites ?? [];
  function add(event: Event) {
    event.preventDefault();
    const site = draft.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '');
    const next = [...new Set([...sites, site])];
    if (!site || !parseSetting(name, next).ok) {
      setError(t('options_excludedInvalid'));
      return;
    }
    setError(null);
    setDraft('');
    onChange(next);
  }
  return (
    <div class="setting setting-block" data-setting={`setting-${name}`} data-disabled={String(disabled)}>
      <h3 id={`setting-${name}-label`}>{text.label}</h3>
      <p class="setting-description" id={`setting-${name}-description`}>
        {text.detail}
      </p>
      {sites.length === 0 ? (
        <p class="list-none">{t('options_excludedNone')}</p>
      ) : (
        <ul class="plain-list excluded-sites" aria-labelledby={`setting-${name}-label`}>
          {sites.map((site) => (
            <li key={site} class="plain-item" data-site={site}>
              <code>{site}</code>
              <button
                type="button"
                class="button"
                disabled={disabled}
                aria-label={t('options_removeFor', site)}
                onClick={() => onChange(sites.filter((s) => s !== site))}
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add}>
        <label for={`setting-${name}-new`}>{t('options_excludedAddLabel')}</label>
        <input
          id={`setting-${name}-new`}
          type="text"
          inputMode="url"
          placeholder="example.org"
          value={draft}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(resolved, name, ...(error ? [`setting-${name}-error`] : []))}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={disabled}>
          {t('options_excludedAdd')}
        </button>
      </form>
      {error && (
        <p class="field-error" id={`setting-${name}-error`} role="alert">
          {error}
        </p>
      )}
      <PolicyNote resolved={resolved} name={name} />
    </div>
  );
}

/** A text, number or JSON setting: edited in a field, saved with a button once zod accepts it. */
function TextField<K extends 'updateUrl' | 'updateIntervalHours' | 'trustedKeys'>({ name, resolved, onChange }: FieldProps<K>) {
  const text = settingText(name);
  const kind = FIELD_KINDS[name];
  const show = (value: unknown) => (kind === 'json' ? JSON.stringify(value, null, 2) : String(value ?? ''));
  const current = resolved ? show(resolved.values[name]) : '';
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const disabled = !resolved || resolved.locked.has(name);
  const id = `setting-${name}`;
  function save(event: Event) {
    event.preventDefault();
    const raw = draft ?? current;
    let value: unknown = raw.trim();
    try {
      if (kind === 'number') value = raw.trim() === '' ? NaN : Number(raw);
      if (kind === 'json') value = raw.trim() === '' ? [] : JSON.parse(raw);
    } catch (e) {
      setError(t('options_invalid', e instanceof Error ? e.message : String(e)));
      return;
    }
    const parsed = parseSetting(name, value);
    if (!parsed.ok) {
      setError(t('options_invalid', parsed.reason));
      return;
    }
    setError(null);
    setDraft(null);
    onChange(parsed.value);
  }
  const common = {
    id,
    disabled,
    value: draft ?? current,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(resolved, name, ...(error ? [`${id}-error`] : [])),
    onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <form class="setting setting-block" data-setting={id} data-disabled={String(disabled)} onSubmit={save}>
      <label for={id} class="setting-label">
        {text.label}
      </label>
      <p class="setting-description" id={`${id}-description`}>
        {text.detail}
      </p>
      <div class="inline-form">
        {kind === 'json' ? (
          <textarea {...common} rows={4} spellcheck={false} />
        ) : kind === 'number' ? (
          <input {...common} type="number" min={1} />
        ) : (
          <input {...common} type="url" />
        )}
        <button type="submit" class="button" disabled={disabled || draft === null}>
          {t('options_save')}
        </button>
      </div>
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <PolicyNote resolved={resolved} name={name} />
    </form>
  );
}

function OrganisationField({ resolved, onChange }: FieldProps<'organisationVendors'>) {
  const name = 'organisationVendors';
  const text = settingText(name);
  const [draft, setDraft] = useState({ name: '', vendorId: '', note: '' });
  const [error, setError] = useState<string | null>(null);
  const disabled = !resolved || resolved.locked.has(name);
  const list = resolved?.values.organisationVendors ?? [];
  function add(event: Event) {
    event.preventDefault();
    const entry = OrganisationVendor.safeParse({
      name: draft.name.trim(),
      note: draft.note.trim(),
      ...(draft.vendorId.trim() ? { vendorId: draft.vendorId.trim() } : {}),
    });
    const next = entry.success ? parseSetting(name, [...list, entry.data]) : null;
    if (!entry.success || !next?.ok) {
      setError(t('options_organisationInvalid'));
      return;
    }
    setError(null);
    setDraft({ name: '', vendorId: '', note: '' });
    onChange(next.value);
  }
  const input = (field: keyof typeof draft, label: MessageKey) => (
    <span class="stacked-field">
      <label for={`organisation-${field}`}>{t(label)}</label>
      <input
        id={`organisation-${field}`}
        type="text"
        value={draft[field]}
        disabled={disabled}
        onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
      />
    </span>
  );
  return (
    <section class="settings-section" aria-labelledby="organisation-heading" data-section="organisation" data-setting={`setting-${name}`}>
      <h2 id="organisation-heading">{text.label}</h2>
      <p class="section-intro" id={`setting-${name}-description`}>
        {text.detail}
      </p>
      {list.length === 0 ? (
        <p class="list-none">{t('options_organisationNone')}</p>
      ) : (
        <ul class="plain-list organisation-vendors">
          {list.map((o, i) => (
            <li key={`${o.vendorId ?? ''}:${o.name}:${i}`} class="plain-item" data-vendor-id={o.vendorId ?? ''}>
              <span class="organisation-entry">
                <strong>{o.name}</strong>
                <span class="organisation-note">{o.note}</span>
              </span>
              <button
                type="button"
                class="button"
                disabled={disabled}
                aria-label={t('options_removeFor', o.name)}
                onClick={() => onChange(list.filter((_, j) => j !== i))}
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form organisation-form" onSubmit={add} aria-label={t('options_organisationAdd')}>
        {input('name', 'options_organisationName')}
        {input('vendorId', 'options_organisationVendorId')}
        {input('note', 'options_organisationNote')}
        <button type="submit" class="button" disabled={disabled}>
          {t('options_organisationAdd')}
        </button>
      </form>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <PolicyNote resolved={resolved} name={name} />
    </section>
  );
}

function PolicySummary({ resolved }: { resolved: ResolvedSettings | null }) {
  if (!resolved) return null;
  const managed = resolved.locked.size > 0 || resolved.fromPolicy.size > 0;
  if (!managed && resolved.policyProblems.length === 0) return null;
  return (
    <section class="settings-section policy-section" aria-labelledby="policy-heading" data-section="policy">
      <h2 id="policy-heading">{t('options_policyHeading')}</h2>
      <p class="section-intro">{t('options_policyIntro')}</p>
      {resolved.policyProblems.length > 0 && (
        <ul class="policy-problems" role="alert">
          {resolved.policyProblems.map((p, i) => (
            <li key={i} data-policy-key={p.key}>
              {t('options_policyProblem', p.key, p.reason)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function App() {
  const { resolved, setResolved, loadError } = useResolved();
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

  /** Automatic scanning reads every page: make sure the browser lets it (Firefox asks the user). */
  function changeScanMode(mode: Settings['scanMode']) {
    if (mode !== 'automatic') return void change('scanMode', mode);
    // Called straight from the click, so the browser may show its permission prompt.
    browser.permissions.request({ origins: ALL_SITES }).then(
      (granted) => (granted ? change('scanMode', mode) : flash({ kind: 'error', message: t('options_permissionDenied') })),
      (e: unknown) => flash({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
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
