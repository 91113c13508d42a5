import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabReport } from '../../lib/background/service';
import { pageHost } from '../../components/format';
import { DATASET_SOURCE_LABEL } from '../../components/labels';
import { VendorCard } from '../../components/VendorCard';
import { fetchTabReport, targetTabId } from './report';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; report: TabReport };

function Message({ className, title, detail }: { className: string; title: string; detail?: string }) {
  return (
    <div class={`state ${className}`} role="status">
      <p class="state-title">{title}</p>
      {detail && <p class="state-detail">{detail}</p>}
    </div>
  );
}

function Body({ state }: { state: State }) {
  if (state.kind === 'loading') {
    return (
      <div class="state state-loading" role="status" aria-busy="true">
        <p class="state-title">Checking this page…</p>
      </div>
    );
  }
  if (state.kind === 'error') {
    return <Message className="state-error" title="Could not load the report" detail={state.message} />;
  }
  const { report } = state;
  if (report.status === 'unsupported') {
    return <Message className="state-unsupported" title="This page can't be scanned (browser pages, PDF viewer, local files)" />;
  }
  if (report.status === 'not-scanned') {
    return <Message className="state-not-scanned" title="This page has not been scanned yet. Reload it to scan." />;
  }
  if (report.vendors.length === 0) {
    return (
      <Message
        className="state-empty"
        title="No healthcare vendors found on this page"
        detail="Vendors are recognised by name, web address, portal, and 'Powered by' credits."
      />
    );
  }
  const count = report.vendors.length;
  return (
    <section class="vendors" aria-labelledby="vendors-heading">
      <h2 id="vendors-heading" class="vendors-heading">
        {count === 1 ? '1 healthcare vendor on this page' : `${count} healthcare vendors on this page`}
      </h2>
      {report.vendors.map((vendor, i) => (
        <VendorCard key={vendor.vendor.id} report={vendor} open={i === 0} />
      ))}
    </section>
  );
}

function Footer({ report }: { report: TabReport | null }) {
  const openOptions = (event: Event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  };
  return (
    <footer class="popup-footer">
      <p class="dataset-info">
        {report && (
          <>
            Dataset <span class="dataset-version">{report.dataset.version}</span> (
            <span class="dataset-source">{DATASET_SOURCE_LABEL[report.dataset.source]}</span>)
          </>
        )}
      </p>
      <a class="options-link" href="/options.html" onClick={openOptions}>
        Settings
      </a>
      {report?.dataset.storageProblem && (
        <p class="dataset-problem" role="note">
          Saved data could not be read; using the bundled dataset.
        </p>
      )}
    </footer>
  );
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      const tabId = await targetTabId(location.search);
      if (tabId === null) throw new Error('There is no active tab to report on.');
      return fetchTabReport(tabId);
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
        <h1>Vendor Breach Radar</h1>
        {host && <p class="page-host">{host}</p>}
      </header>
      <main class="popup-body">
        <Body state={state} />
      </main>
      <Footer report={report} />
    </div>
  );
}
