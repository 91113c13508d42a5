import { t, type MessageKey } from '../../lib/i18n';
import type { SettingKey } from '../../lib/settings/schema';

/**
 * How the options page edits each setting of the zod Settings schema. A setting added to the schema fails
 * the type check here until it has a kind, and a unit test asks for its `setting_<key>` texts.
 */
export const FIELD_KINDS = {
  inlineMarkers: 'toggle',
  badge: 'toggle',
  markerSeverities: 'choices',
  scanMode: 'choice',
  excludedSites: 'sites',
  updateUrl: 'text',
  updateIntervalHours: 'number',
  trustedKeys: 'json',
  organisationVendors: 'organisation',
  acknowledged: 'acknowledged',
} as const satisfies Record<SettingKey, string>;

/** The setting's label and description (messages `setting_<key>` and `setting_<key>Detail`). */
export function settingText(key: SettingKey): { label: string; detail: string } {
  return { label: t(`setting_${key}` as MessageKey), detail: t(`setting_${key}Detail` as MessageKey) };
}
