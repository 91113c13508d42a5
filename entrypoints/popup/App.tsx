import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabReport } from '../../lib/background/service';
import { pageHost } from '../../components/format';
import { requestAllSites, SiteAccessNotice } from '../../components/SiteAccess';
import { VendorCard } from '../../components/VendorCard';
import {
  acknowledgementFor,
  isAcknowledged,
  withAcknowledgement,
  withoutAcknowledgement,
  type Acknowledgement,
} from '../../lib/acknowledge';
import { setHash, vendorHash } from '../../lib/directory/route';
import { t, uiLocale, type MessageKey } from '../../lib/i18n';
import { organisationNoteFor, type OrganisationVendor } from '../../lib/settings/schema';
import type { VendorReport } from '../../lib/report';
import { loadSettings, saveSetting, watchSettings } from '../options/settings-storage';
import { pageState, type PageState } from './page-state';
import { fetchTabReport, scanTabNow, targetTabId } from './report';

type State = { kind: 'loading' } | { kind: 'scanning' } | { kind: 'error'; message: string } | { kind: 'ready'; report: TabReport };
type Acks = Record<string, Acknowledgement>;

const STATE_TEXT: Record<Exclude<PageState, 'vendors'>, { title: MessageKey; detail?: MessageKey }> = {
  'browser-page': { title: 'popup_stateBrowserPage', detail: 'popup_stateBrowserPageDetail' },
  pdf: { title: 'popup_statePdf', detail: 'popup_statePdfDetail' },
  'local-file': { title: 'popup_stateLocalFile', detail: 'popup_stateLocalFileDetail' },
  excluded: { title: 'popup_stateExcluded', detail: 'popup_stateExcludedDetail' },
  'on-click': { title: 'popup_stateOnClick', detail: 'popup_stateOnClickDetail' },
  'not-scanned': { title: 'popup_stateNotScanned', detail: 'popup_stateNotScannedDetail' },
  'nothing-found': { title: 'popup_stateEmpty', detail: 'popup_stateEmptyDetail' },
};

/** Opens a page of the extension in a new tab and closes the popup. */
function openExtensionPage(path: '/vendors.html' | '/options.html', hash = '') {
  void browser.tabs.create({ url: browser.runtime.getURL(path) + hash }).then(() => window.close());
}

/** Class names by group (state-empty, state-unsupported, ...) and by exact state, for styles and tests. */
const STATE_GROUP: Partial<Record<string, string>> = {
  'nothing-found': 'empty',
  'browser-page': 'unsupported',
  pdf: 'unsupported',
  'local-file': 'unsupported',
};

function Message({ state, title, detail }: { state: string; title: string; detail?: string }) {
  const group = STATE_GROUP[state];
  return (
    <div class={`state state-${state}${group ? ` state-${group}` : ''}`} role="status" data-state={state}>
      <p class="state-title">{title}</p>
      {detail && <p class="state-detail">{detail}</p>}
    </div>
  );
}

function useAcknowledgements() {
  const [acks, setAcks] = useState<Acks>({});
  const [organisation, setOrganisation] = useState<OrganisationVendor[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const apply = (s: { acknowledged: Acks; organisationVendors: OrganisationVendor[] }) => {
      setAcks(s.acknowledged);
      setOrganisation(s.organisationVendors);
    };
    loadSettings().then(apply, () => undefined);
    return watchSettings(apply);
  }, []);
  const save = async (next: Acks) => {
    const previous = acks;
    setAcks(next);
    try {
      await saveSetting('acknowledged', next);
      setError(null);
    } catch (e) {
      setAcks(previous);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return { acks, organisation, error, save };
}

function Card({
  report,
  acks,
  organisation,
  onSave,
  locale,
}: {
  report: VendorReport;
  acks: Acks;
  organisation: readonly OrganisationVendor[];
  onSave(next: Acks): void;
  locale?: string;
}) {
  const id = report.vendor.id;
  const acknowledged = isAcknowledged(acks, id, report.incidents);
  const ack = acknowledgementFor(report.incidents);
  return (
    <VendorCard
      report={report}
      locale={locale}
      acknowledged={acknowledged}
      organisationNote={organisationNoteFor(organisation, report.vendor)}
      actions={
        <>
          <button
            type="button"
            class="button open-directory"
            aria-label={t('popup_openInDirectoryFor', report.vendor.name)}
            onClick={() => openExtensionPage('/vendors.html', vendorHash(id))}
          >
            {t('popup_openInDirectory')}
          </button>
          {ack &&
            (acknowledged ? (
              <button
                type="button"
                class="button link-button unacknowledge"
                aria-label={t('popup_undoAcknowledgeFor', report.vendor.name)}
                onClick={() => onSave(withoutAcknowledgement(acks, id))}
              >
                {t('popup_undoAcknowledge')}
              </button>
            ) : (
              <button
                type="button"
                class="button acknowledge"
                aria-label={t('popup_acknowledgeFor', report.vendor.name)}
                title={t('popup_acknowledgeHint')}
                onClick={() => onSave(withAcknowledgement(acks, id, ack))}
              >
                {t('popup_acknowledge')}
              </button>
            ))}
        </>
      }
    />
  );
}

function Body({ state, locale }: { state: State; locale?: string }) {
  const { acks, organisation, error, save } = useAcknowledgements();
  if (state.kind === 'loading' || state.kind === 'scanning') {
    return (
      <div class="state state-loading" role="status" aria-busy="true" data-state={state.kind}>
        <p class="state-title">{t(state.kind === 'loading' ? 'popup_loading' : 'popup_scanning')}</p>
      </div>
    );
  }
  if (state.kind === 'error') return <Message state="error" title={t('popup_error')} detail={state.message} />;
  const { report } = state;
  const kind = pageState(report);
  if (kind !== 'vendors') {
    const text = STATE_TEXT[kind];
    return <Message state={kind} title={t(text.title)} detail={text.detail && t(text.detail)} />;
  }
  const count = report.vendors.length;
  return (
    <section class="vendors" aria-labelledby="vendors-heading" data-state="vendors">
      <h2 id="vendors-heading" class="vendors-heading">
        {count === 1 ? t('popup_vendorsOne') : t('popup_vendorsMany', String(count))}
      </h2>
      {error && (
        <p class="ack-error" role="alert">
          {t('popup_saveError', error)}
        </p>
      )}
      {report.vendors.map((vendor) => (
        <Card key={vendor.vendor.id} report={vendor} acks={acks} organisation={organisation} onSave={(next) => void save(next)} locale={locale} />
      ))}
    </section>
  );
}

function Footer({ report }: { report: TabReport | null }) {
  const go = (event: Event, path: '/vendors.html' | '/options.html', hash = '') => {
    event.preventDefault();
    if (path === '/options.html') void browser.runtime.openOptionsPage().then(() => window.close());
    else openExtensionPage(path, hash);
  };
  const ids = report?.status === 'scanned' ? report.vendors.map((v) => v.vendor.id) : [];
  return (
    <footer class="popup-footer">
      <p class="dataset-info">
        {report && t('popup_dataset', report.dataset.version, t(`source_${report.dataset.source}` as MessageKey))}
      </p>
      <nav class="popup-links" aria-label={t('popup_linksLabel')}>
        {ids.length > 0 && (
          <a class="export-link" href={`/vendors.html${setHash(ids, true)}`} onClick={(e) => go(e, '/vendors.html', setHash(ids, true))}>
            {t('popup_export')}
          </a>
        )}
        <a class="directory-link" href="/vendors.html" onClick={(e) => go(e, '/vendors.html', '#/')}>
          {t('popup_directory')}
        </a>
        <a class="options-link" href="/options.html" onClick={(e) => go(e, '/options.html')}>
          {t('popup_settings')}
        </a>
      </nav>
      {report?.dataset.storageProblem && (
        <p class="dataset-problem" role="note">
          {t('popup_storageProblem')}
        </p>
      )}
    </footer>
  );
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const locale = uiLocale();

  useEffect(() => {
    let live = true;
    (async () => {
      const tabId = await targetTabId(location.search);
      if (tabId === null) throw new Error(t('popup_noTab'));
      const report = await fetchTabReport(tabId);
      if (report.status !== 'on-click') return report;
      // On-click mode: opening the popup is the click that asks for a scan of this tab.
      if (live) setState({ kind: 'scanning' });
      return scanTabNow(tabId, report);
    })().then(
      (report) => live && setState({ kind: 'ready', report }),
      (error: unknown) =>
        live && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const report = state.kind === 'ready' ? state.report : null;
  const host = report?.status === 'unsupported' ? null : pageHost(report?.url ?? null);
  return (
    <div class="popup">
      <header class="popup-head">
        <h1>{t('appName')}</h1>
        {host && <p class="page-host">{host}</p>}
      </header>
      <main class="popup-body">
        {report?.siteAccess === 'needs-permission' && (
          // The browser closes the popup for its prompt; the background picks the grant up (permissions.onAdded).
          <SiteAccessNotice access="needs-permission" onAllow={() => void requestAllSites().catch(() => false)} />
        )}
        <Body state={state} locale={locale} />
      </main>
      <Footer report={report} />
    </div>
  );
}
