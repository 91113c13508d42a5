import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ExportButtons } from '../../components/ExportButtons';
import { categoryText, historyText, numberText } from '../../components/i18n-labels';
import { SearchFilters } from '../../components/SearchFilters';
import { SeverityChip } from '../../components/SeverityChip';
import { VendorProfile } from '../../components/VendorProfile';
import { BADGE_COLOR } from '../../lib/badge';
import { EMPTY_QUERY, runQuery, type DirectoryQuery } from '../../lib/directory/filters';
import { listHash, parseRoute, vendorHash, type Route } from '../../lib/directory/route';
import type { Directory, SearchHit } from '../../lib/directory/search';
import { buildExport } from '../../lib/export/vendors';
import { t, uiLocale } from '../../lib/i18n';
import { loadDirectory } from './data';

/** Rows rendered at a time: the dataset holds thousands of organisations. */
export const PAGE_SIZE = 50;

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; directory: Directory };

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

function ResultRow({ hit, locale }: { hit: SearchHit; locale?: string }) {
  const { vendor, summary } = hit.entry;
  return (
    <li
      class="result"
      data-vendor-id={vendor.id}
      data-severity={summary.severity}
      style={{ '--severity-color': BADGE_COLOR[summary.severity] }}
    >
      <div class="result-head">
        <a class="result-name" href={vendorHash(vendor.id)}>
          {vendor.name}
        </a>
        <SeverityChip severity={summary.severity} />
      </div>
      <p class="result-meta">
        <span>{categoryText(vendor.category)}</span>
        {vendor.domains.length > 0 && <span class="result-domains">{vendor.domains.slice(0, 3).join(', ')}</span>}
      </p>
      <p class="result-summary">{historyText(summary, locale)}</p>
      {(hit.field === 'alias' || hit.field === 'domain') && hit.matched && (
        <p class="result-match">
          {hit.field === 'alias' ? t('directory_matchedAlias', hit.matched) : t('directory_matchedDomain', hit.matched)}
        </p>
      )}
    </li>
  );
}

function ResultList({ hits, locale, resetKey }: { hits: readonly SearchHit[]; locale?: string; resetKey: string }) {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => setLimit(PAGE_SIZE), [resetKey]);
  const shown = hits.slice(0, limit);
  const more = () => {
    const firstNew = limit;
    setLimit(limit + PAGE_SIZE);
    // Keyboard users continue where the new rows start.
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLAnchorElement>('.result-name')[firstNew]?.focus());
  };
  if (hits.length === 0) return <p class="no-results">{t('directory_noResults')}</p>;
  return (
    <>
      <ol class="results" ref={listRef}>
        {shown.map((hit) => (
          <ResultRow key={hit.entry.vendor.id} hit={hit} locale={locale} />
        ))}
      </ol>
      {hits.length > shown.length && (
        <p class="more">
          <button type="button" class="button show-more" onClick={more}>
            {t('directory_showMore', numberText(Math.min(PAGE_SIZE, hits.length - shown.length), locale))}
          </button>
          <span class="more-count">
            {t('directory_shownOf', numberText(shown.length, locale), numberText(hits.length, locale))}
          </span>
        </p>
      )}
    </>
  );
}

function ListView({ directory, query, locale }: { directory: Directory; query: DirectoryQuery; locale?: string }) {
  const [current, setCurrent] = useState(query);
  useEffect(() => setCurrent(query), [listHash(query)]);
  const hits = useMemo(() => runQuery(directory.entries, current), [directory, current]);
  const change = (next: DirectoryQuery) => {
    setCurrent(next);
    // The address follows the search (shareable), without a history entry per keystroke.
    history.replaceState(null, '', listHash(next));
  };
  const count = numberText(hits.length, locale);
  return (
    <>
      <SearchFilters query={current} years={directory.years} onChange={change} />
      <div class="results-bar">
        <p class="results-count" role="status" aria-live="polite" aria-atomic="true">
          {hits.length === 1 ? t('directory_countOne') : t('directory_countMany', count)}
        </p>
        {hits.length > 0 && (
          <ExportButtons
            slug={current.q.trim() ? `search-${current.q}` : 'directory'}
            what={hits.length === 1 ? t('directory_countOne') : t('directory_countMany', count)}
            build={(at) =>
              buildExport(
                current.q.trim() ? t('export_titleSearch', current.q.trim()) : t('export_titleDirectory'),
                hits.map((h) => h.entry),
                { version: directory.datasetVersion, generatedAt: directory.generatedAt },
                at,
              )
            }
          />
        )}
      </div>
      <ResultList hits={hits} locale={locale} resetKey={listHash(current)} />
    </>
  );
}

function SetView({ directory, ids, fromTab, locale }: { directory: Directory; ids: string[]; fromTab: boolean; locale?: string }) {
  const entries = ids.map((id) => directory.byId.get(id)).filter((e) => e !== undefined);
  const hits: SearchHit[] = entries.map((entry) => ({ entry, score: 0, field: null, matched: null }));
  const heading = fromTab ? t('set_headingTab') : t('set_heading');
  return (
    <section aria-labelledby="set-heading">
      <p class="profile-back no-print">
        <a href="#/">{t('directory_all')}</a>
      </p>
      <div class="results-bar">
        <h1 id="set-heading" class="set-heading">
          {heading}
        </h1>
        {entries.length > 0 && (
          <ExportButtons
            slug={fromTab ? 'tab' : 'selection'}
            what={heading}
            build={(at) =>
              buildExport(heading, entries, { version: directory.datasetVersion, generatedAt: directory.generatedAt }, at)
            }
          />
        )}
      </div>
      <ResultList hits={hits} locale={locale} resetKey={ids.join(',')} />
    </section>
  );
}

function Skeleton() {
  return (
    <div class="skeleton" role="status" aria-busy="true">
      <p class="visually-hidden">{t('directory_loading')}</p>
      <div class="skeleton-search" />
      <div class="skeleton-filters" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} class="skeleton-row" />
      ))}
    </div>
  );
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const route = useRoute();
  const locale = uiLocale();
  const now = useMemo(() => new Date(), []);
  const lastList = useRef('#/');
  if (route.view === 'list') lastList.current = location.hash || '#/';

  useEffect(() => {
    loadDirectory(now).then(
      (directory) => setState({ kind: 'ready', directory }),
      (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [now]);

  const directory = state.kind === 'ready' ? state.directory : null;
  const entry = directory && route.view === 'vendor' ? directory.byId.get(route.id) : undefined;
  useEffect(() => {
    document.title = entry ? t('title_vendor', entry.vendor.name) : t('title_directory');
  }, [entry]);

  let body;
  if (state.kind === 'loading') body = <Skeleton />;
  else if (state.kind === 'error')
    body = (
      <p class="load-error" role="alert">
        {t('directory_loadError', state.message)}
      </p>
    );
  else if (route.view === 'vendor')
    body = entry ? (
      <VendorProfile entry={entry} directory={state.directory} now={now} locale={locale} backHref={lastList.current} />
    ) : (
      <div class="not-found">
        <h1>{t('directory_notFound')}</h1>
        <p>
          <a href="#/">{t('directory_all')}</a>
        </p>
      </div>
    );
  else if (route.view === 'set') body = <SetView directory={state.directory} ids={route.ids} fromTab={route.fromTab} locale={locale} />;
  else body = <ListView directory={state.directory} query={route.query ?? EMPTY_QUERY} locale={locale} />;

  return (
    <div class="directory">
      <header class="directory-head">
        <p class="app-name">
          <a href="#/">{t('directory_title')}</a>
        </p>
        <p class="dataset-line">
          {directory &&
            t(
              'directory_datasetLine',
              directory.datasetVersion,
              numberText(directory.entries.length, locale),
              numberText(directory.incidentCount, locale),
            )}
        </p>
      </header>
      <main class="directory-main">
        {route.view === 'list' && <h1 class="visually-hidden">{t('directory_title')}</h1>}
        {body}
      </main>
    </div>
  );
}
