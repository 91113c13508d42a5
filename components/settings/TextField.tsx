// Settings typed as text (update address, interval, trusted keys), validated by the schema on the way in.
import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { parseSetting } from '../../lib/settings/schema';
import { FIELD_KINDS, settingText } from './fields';
import { describedBy, PolicyNote, type FieldProps } from './policy';

export function TextField<K extends 'updateUrl' | 'updateIntervalHours' | 'trustedKeys'>({ name, resolved, onChange }: FieldProps<K>) {
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
