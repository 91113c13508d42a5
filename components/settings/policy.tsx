// What policy did to a setting, shown next to it: locked, or a default the organisation chose.
import { t } from '../../lib/i18n';
import type { ResolvedSettings } from '../../lib/settings/resolve';
import type { SettingKey, Settings } from '../../lib/settings/schema';

export interface FieldProps<K extends SettingKey> {
  name: K;
  resolved: ResolvedSettings | null;
  onChange(value: Settings[K]): void;
}

/** Why a setting cannot be changed here, or what set its value: shown under the setting. */
export function lockedReason(resolved: ResolvedSettings | null, key: SettingKey): string | undefined {
  return resolved?.locked.has(key) ? t('options_lockedReason') : undefined;
}

export function PolicyNote({ resolved, name }: { resolved: ResolvedSettings | null; name: SettingKey }) {
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

export function describedBy(resolved: ResolvedSettings | null, name: SettingKey, ...more: string[]): string {
  const policy = resolved?.locked.has(name) || resolved?.fromPolicy.has(name) ? [`setting-${name}-locked`] : [];
  return [`setting-${name}-description`, ...policy, ...more].join(' ');
}

export function PolicySummary({ resolved }: { resolved: ResolvedSettings | null }) {
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
