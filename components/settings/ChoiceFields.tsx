// Settings chosen from a fixed set: on/off toggles, the scan mode, which severities get a marker.
import { SettingToggle } from '../SettingToggle';
import { severityText } from '../i18n-labels';
import { t, type MessageKey } from '../../lib/i18n';
import type { ComponentChildren } from 'preact';
import type { ResolvedSettings } from '../../lib/settings/resolve';
import { MARKER_SEVERITIES, SCAN_MODES, type SettingKey, type Settings } from '../../lib/settings/schema';
import { settingText } from './fields';
import { describedBy, lockedReason, PolicyNote, type FieldProps } from './policy';

export function ToggleField({ name, resolved, onChange }: FieldProps<'inlineMarkers' | 'badge'>) {
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

/** A setting made of several inputs: its label and description, the inputs, and what policy did to it. */
function SettingGroup({ name, resolved, disabled, children }: { name: SettingKey; resolved: ResolvedSettings | null; disabled: boolean; children: ComponentChildren }) {
  const text = settingText(name);
  return (
    <fieldset class="setting setting-group" data-setting={`setting-${name}`} data-disabled={String(disabled)} aria-describedby={describedBy(resolved, name)}>
      <legend>{text.label}</legend>
      <p class="setting-description" id={`setting-${name}-description`}>
        {text.detail}
      </p>
      {children}
      <PolicyNote resolved={resolved} name={name} />
    </fieldset>
  );
}

export function ScanModeField({ resolved, onChange }: FieldProps<'scanMode'>) {
  const name = 'scanMode';
  const disabled = !resolved || resolved.locked.has(name);
  const labels: Record<Settings['scanMode'], [MessageKey, MessageKey]> = {
    automatic: ['options_scanAutomatic', 'options_scanAutomaticDetail'],
    'on-click': ['options_scanOnClick', 'options_scanOnClickDetail'],
  };
  return (
    <SettingGroup name={name} resolved={resolved} disabled={disabled}>
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
    </SettingGroup>
  );
}

export function SeveritiesField({ resolved, onChange }: FieldProps<'markerSeverities'>) {
  const name = 'markerSeverities';
  const disabled = !resolved || resolved.locked.has(name);
  const current = resolved?.values.markerSeverities ?? [];
  return (
    <SettingGroup name={name} resolved={resolved} disabled={disabled}>
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
    </SettingGroup>
  );
}
