// Access to every site, which automatic scanning needs: its state, the request, and the notice that offers it.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ALL_SITES, type SiteAccess } from '../lib/background/site-access';
import { t } from '../lib/i18n';

/** Whether the extension may read every site, kept current as the user grants or revokes it anywhere. */
export function useAllSitesGranted(): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    const check = () => void browser.permissions.contains({ origins: ALL_SITES }).then(setGranted, () => setGranted(false));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  return granted;
}

/** Asks the browser for every site; must run straight from a click, so the browser may show its prompt. */
export function requestAllSites(): Promise<boolean> {
  return browser.permissions.request({ origins: ALL_SITES });
}

const TEXT = {
  'all-sites': 'siteAccess_allSites',
  'needs-permission': 'siteAccess_needsPermission',
  'on-click': 'siteAccess_onClick',
} as const;

/** What the extension may read now, with the button that allows every site when automatic mode waits for it. */
export function SiteAccessNotice({ access, onAllow }: { access: SiteAccess; onAllow(): void }) {
  return (
    <div class={`site-access site-access-${access}`} id="site-access" data-access={access} role="status">
      <p class="site-access-text">{t(TEXT[access])}</p>
      {access === 'needs-permission' && (
        <button type="button" class="button site-access-allow" onClick={onAllow}>
          {t('siteAccess_allow')}
        </button>
      )}
    </div>
  );
}
