// The organisation's own vendor list, with the internal note shown on the vendor's card in the popup.
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/i18n';
import { OrganisationVendor, parseSetting } from '../../lib/settings/schema';
import { settingText } from './fields';
import { PolicyNote, type FieldProps } from './policy';

export function OrganisationField({ resolved, onChange }: FieldProps<'organisationVendors'>) {
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
