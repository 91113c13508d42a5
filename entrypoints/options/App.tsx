import { useEffect, useRef, useState } from 'preact/hooks';
import { SettingToggle } from '../../components/SettingToggle';
import type { Settings } from '../../lib/settings/schema';
import { loadSettings, saveSetting, watchSettings } from './settings-storage';

/** The yes/no settings, in the order shown. A new boolean setting is one more entry here. */
type BooleanSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

interface ToggleField {
  key: BooleanSetting;
  label: string;
  description: string;
}

const DISPLAY_FIELDS: readonly ToggleField[] = [
  {
    key: 'inlineMarkers',
    label: 'Show inline markers next to vendor names',
    description: 'A small marker after the first mention of a vendor with reported breaches, on the page itself.',
  },
  {
    key: 'badge',
    label: 'Show the count on the toolbar button',
    description: 'The number of vendors on the page with reported breaches, coloured by the worst severity.',
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

  async function change(key: BooleanSetting, value: boolean) {
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
      <h1>Vendor Breach Radar settings</h1>
      {loadError && (
        <p class="load-error" role="alert">
          Settings could not be read: {loadError}
        </p>
      )}
      <section class="settings-section" aria-labelledby="display-heading" data-section="display">
        <h2 id="display-heading">On the page and toolbar</h2>
        {DISPLAY_FIELDS.map((field) => (
          <SettingToggle
            key={field.key}
            id={`setting-${field.key}`}
            label={field.label}
            description={field.description}
            checked={settings?.[field.key] ?? false}
            disabled={!settings}
            onChange={(value) => void change(field.key, value)}
          />
        ))}
      </section>
      <p
        class={`save-status save-status-${status.kind}`}
        role="status"
        aria-live="polite"
        data-status={status.kind}
      >
        {status.kind === 'saved' && 'Saved'}
        {status.kind === 'error' && `Could not save: ${status.message}`}
      </p>
    </main>
  );
}
