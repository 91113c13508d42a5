import { useEffect, useRef, useState } from 'preact/hooks';
import { DatasetStatus } from '../../components/DatasetStatus';
import { SettingToggle } from '../../components/SettingToggle';
import { AcknowledgedList } from '../../components/AcknowledgedList';
import { t, uiLocale, type MessageKey } from '../../lib/i18n';
import type { Settings } from '../../lib/settings/schema';
import { loadSettings, saveSetting, watchSettings } from './settings-storage';

/** The yes/no settings, in the order shown. A new boolean setting is one more entry here. */
type BooleanSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

interface ToggleField {
  key: BooleanSetting;
  label: MessageKey;
  description: MessageKey;
}

const DISPLAY_FIELDS: readonly ToggleField[] = [
  {
    key: 'inlineMarkers',
    label: 'options_inlineMarkers',
    description: 'options_inlineMarkersDetail',
  },
  {
    key: 'badge',
    label: 'options_badge',
    description: 'options_badgeDetail',
  },
];

type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string };

function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadSettings().then(setSettings, (e: unknown) => setLoadError(String(e)));
    return watchSettings(setSettings);
  }, []);
  return { settings, setSettings, loadError };
}

export function App() {
  const { settings, setSettings, loadError } = useSettings();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const savedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  async function change<K extends keyof Settings>(key: K, value: Settings[K]) {
    if (!settings) return;
    const previous = settings;
    setSettings({ ...settings, [key]: value });
    clearTimeout(savedTimer.current);
    try {
      await saveSetting(key, value);
      setStatus({ kind: 'saved' });
      savedTimer.current = setTimeout(() => setStatus({ kind: 'idle' }), 4000);
    } catch (e) {
      setSettings(previous);
      setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

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
      <section class="settings-section" aria-labelledby="display-heading" data-section="display">
        <h2 id="display-heading">{t('options_displayHeading')}</h2>
        {DISPLAY_FIELDS.map((field) => (
          <SettingToggle
            key={field.key}
            id={`setting-${field.key}`}
            label={t(field.label)}
            description={t(field.description)}
            checked={settings?.[field.key] ?? false}
            disabled={!settings}
            onChange={(value) => void change(field.key, value)}
          />
        ))}
      </section>
      <AcknowledgedList
        acknowledged={settings?.acknowledged ?? {}}
        disabled={!settings}
        locale={uiLocale()}
        onChange={(next) => void change('acknowledged', next)}
      />
      <DatasetStatus />
      <p
        class={`save-status save-status-${status.kind}`}
        role="status"
        aria-live="polite"
        data-status={status.kind}
      >
        {status.kind === 'saved' && t('options_saved')}
        {status.kind === 'error' && t('options_saveError', status.message)}
      </p>
    </main>
  );
}
