import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { withoutAcknowledgement, type Acknowledgement } from '../lib/acknowledge';
import { vendorHash } from '../lib/directory/route';
import { t } from '../lib/i18n';
import { formatDate } from './format';

interface Props {
  acknowledged: Readonly<Record<string, Acknowledgement>>;
  disabled?: boolean;
  locale?: string;
  onChange(next: Record<string, Acknowledgement>): void;
}

/** Options section: the vendors whose inline marker the user silenced, each with "Show marker again". */
export function AcknowledgedList({ acknowledged, disabled = false, locale, onChange }: Props) {
  const ids = Object.keys(acknowledged);
  const [names, setNames] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    if (!ids.length) return;
    browser.runtime.sendMessage({ type: 'get-vendor-names', ids }).then(
      (reply: unknown) => {
        const got = (reply as { names?: unknown } | undefined)?.names;
        if (got && typeof got === 'object') setNames(got as Record<string, string>);
      },
      () => undefined,
    );
  }, [key]);
  return (
    <section class="settings-section" aria-labelledby="acknowledged-heading" data-section="acknowledged">
      <h2 id="acknowledged-heading">{t('options_acknowledgedHeading')}</h2>
      <p class="section-intro">{t('options_acknowledgedIntro')}</p>
      {ids.length === 0 ? (
        <p class="acknowledged-none">{t('options_acknowledgedNone')}</p>
      ) : (
        <ul class="acknowledged-list">
          {ids.map((id) => (
            <li key={id} class="acknowledged-item" data-vendor-id={id}>
              <span class="acknowledged-name">
                <a href={`/vendors.html${vendorHash(id)}`}>{names[id] ?? id}</a>
                <span class="acknowledged-through">
                  {t('options_acknowledgedThrough', formatDate(acknowledged[id]!.through, locale))}
                </span>
              </span>
              <button
                type="button"
                class="button undo-acknowledge"
                disabled={disabled}
                aria-label={t('options_undoAcknowledgeFor', names[id] ?? id)}
                onClick={() => onChange(withoutAcknowledgement(acknowledged, id))}
              >
                {t('options_undoAcknowledge')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
