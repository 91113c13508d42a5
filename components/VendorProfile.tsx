import { useEffect, useRef } from 'preact/hooks';
import { BADGE_COLOR } from '../lib/badge';
import type { Incident, Source } from '../lib/dataset/schema';
import type { Directory, DirectoryEntry } from '../lib/directory/search';
import { buildExport } from '../lib/export/vendors';
import { t } from '../lib/i18n';
import { incidentDate } from '../lib/risk/severity';
import { ExportButtons } from './ExportButtons';
import { formatDate } from './format';
import { affectedText, categoryText, historyText, incidentTypeText, statusText } from './i18n-labels';
import { SeverityChip } from './SeverityChip';
import { Timeline } from './Timeline';

function SourceLinks({ sources }: { sources: readonly Source[] }) {
  return (
    <ul class="source-list">
      {sources.map((s, i) => (
        <li key={i} class="source">
          {s.url ? (
            <a class="source-link" href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
          ) : (
            <span class="source-title">{s.title}</span>
          )}
          {s.publisher && <span class="source-publisher"> ({s.publisher})</span>}
        </li>
      ))}
    </ul>
  );
}

function IncidentTable({ incidents, locale }: { incidents: readonly Incident[]; locale?: string }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={t('table_label')}>
      <table class="incident-table">
        <thead>
          <tr>
            <th scope="col">{t('table_date')}</th>
            <th scope="col">{t('table_incident')}</th>
            <th scope="col">{t('table_type')}</th>
            <th scope="col" class="num">
              {t('table_people')}
            </th>
            <th scope="col">{t('table_status')}</th>
            <th scope="col">{t('table_sources')}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => {
            const date = incidentDate(i);
            return (
              <tr key={i.id} class="incident-row" data-incident-id={i.id} data-verified={String(i.verified)}>
                <td class="nowrap">
                  <time dateTime={date}>{formatDate(date, locale)}</time>
                </td>
                <td>
                  <span class="incident-title">{i.title}</span>
                  {!i.verified && (
                    <span class="tag-unverified" title={t('incident_unverifiedHint')}>
                      {t('incident_unverified')}
                    </span>
                  )}
                  {i.dataTypes.length > 0 && (
                    <span class="incident-data">
                      {t('incident_dataExposed')}: {i.dataTypes.join(', ')}
                    </span>
                  )}
                </td>
                <td>{incidentTypeText(i.type)}</td>
                <td class="num incident-affected">{affectedText(i, locale)}</td>
                <td>{statusText(i.status)}</td>
                <td>
                  <SourceLinks sources={i.sources} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  entry: DirectoryEntry;
  directory: Directory;
  now: Date;
  locale?: string;
  /** Back to the list (keeps the search that led here). */
  backHref: string;
}

/** A vendor's whole story: who, the summary in words, a timeline, every incident with its sources. */
export function VendorProfile({ entry, directory, now, locale, backHref }: Props) {
  const { vendor, summary, incidents } = entry;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [vendor.id]);
  const parent = vendor.parentId ? directory.byId.get(vendor.parentId) : undefined;
  const children = directory.entries.filter((e) => e.vendor.parentId === vendor.id);
  const shareHref = `#/vendor/${encodeURIComponent(vendor.id)}`;
  return (
    <article
      class="profile"
      data-vendor-id={vendor.id}
      data-severity={summary.severity}
      style={{ '--severity-color': BADGE_COLOR[summary.severity] }}
      aria-labelledby="profile-name"
    >
      <p class="profile-back no-print">
        <a href={backHref}>{t('directory_back')}</a>
      </p>
      <header class="profile-head">
        <div>
          <h1 id="profile-name" class="profile-name" tabIndex={-1} ref={heading}>
            {vendor.name}
          </h1>
          <p class="profile-category">{categoryText(vendor.category)}</p>
        </div>
        <SeverityChip severity={summary.severity} />
      </header>
      <p class="profile-summary">{historyText(summary, locale)}</p>
      {vendor.description && <p class="profile-description">{vendor.description}</p>}
      <dl class="profile-facts">
        {vendor.domains.length > 0 && (
          <div>
            <dt>{t('profile_domains')}</dt>
            <dd class="profile-domains">{vendor.domains.join(', ')}</dd>
          </div>
        )}
        {vendor.aliases.length > 0 && (
          <div>
            <dt>{t('profile_aliases')}</dt>
            <dd class="profile-aliases">{vendor.aliases.join(', ')}</dd>
          </div>
        )}
        {vendor.headquarters && (
          <div>
            <dt>{t('profile_headquarters')}</dt>
            <dd>{vendor.headquarters}</dd>
          </div>
        )}
        {parent && (
          <div>
            <dt>{t('profile_parent')}</dt>
            <dd>
              <a href={`#/vendor/${encodeURIComponent(parent.vendor.id)}`}>{parent.vendor.name}</a>
            </dd>
          </div>
        )}
        {children.length > 0 && (
          <div>
            <dt>{t('profile_owns')}</dt>
            <dd>
              {children.map((c, i) => (
                <span key={c.vendor.id}>
                  {i > 0 && ', '}
                  <a href={`#/vendor/${encodeURIComponent(c.vendor.id)}`}>{c.vendor.name}</a>
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('profile_source')}</dt>
          <dd>{vendor.origin === 'hhs-ocr' ? t('profile_originHhs') : t('profile_originCurated')}</dd>
        </div>
      </dl>
      <div class="profile-actions no-print">
        <ExportButtons
          slug={vendor.id}
          what={vendor.name}
          build={(at) => buildExport(t('export_titleVendor', vendor.name), [entry], { version: directory.datasetVersion, generatedAt: directory.generatedAt }, at)}
        />
        <a class="share-link" href={shareHref}>
          {t('profile_shareLink')}
        </a>
      </div>
      {incidents.length > 0 ? (
        <>
          <section class="profile-section" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('profile_timeline')}</h2>
            <Timeline incidents={incidents} now={now} locale={locale} labelledBy="timeline-heading" />
          </section>
          <section class="profile-section" aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">{t('profile_incidents')}</h2>
            <IncidentTable incidents={incidents} locale={locale} />
          </section>
        </>
      ) : (
        <p class="profile-none">{t('profile_noIncidents')}</p>
      )}
      <p class="profile-dataset">{t('profile_datasetNote', directory.datasetVersion)}</p>
    </article>
  );
}
