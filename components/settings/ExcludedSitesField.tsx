// The sites where scanning is off: a list of host patterns, each checked before it is added.
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { parseSetting } from '../../lib/settings/schema';
import { settingText } from './fields';
import { describedBy, PolicyNote, type FieldProps } from './policy';

export function ExcludedSitesField({ resolved, onChange }: FieldProps<'excludedSites'>) {
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
