import type { Incident, Source } from '../lib/dataset/schema';
import { t } from '../lib/i18n';
import { incidentDate } from '../lib/risk/severity';
import { formatDate } from './format';
import { affectedText, incidentTypeText, statusText } from './i18n-labels';

function SourceItem({ source }: { source: Source }) {
  return (
    <li class="source">
      {source.url ? (
        <a class="source-link" href={source.url} target="_blank" rel="noopener noreferrer">
          {source.title}
        </a>
      ) : (
        <span class="source-title">{source.title}</span>
      )}
      {source.publisher && <span class="source-publisher"> ({source.publisher})</span>}
    </li>
  );
}

function IncidentItem({ incident, locale }: { incident: Incident; locale?: string }) {
  const date = incidentDate(incident);
  return (
    <li class="incident" data-incident-id={incident.id} data-verified={String(incident.verified)}>
      <p class="incident-head">
        <time class="incident-date" dateTime={date}>
          {formatDate(date, locale)}
        </time>
        <span class="incident-type">{incidentTypeText(incident.type)}</span>
        {!incident.verified && (
          <span class="tag-unverified" title={t('incident_unverifiedHint')}>
            {t('incident_unverified')}
          </span>
        )}
      </p>
      <p class="incident-title">{incident.title}</p>
      <dl class="incident-facts">
        <div>
          <dt>{t('incident_peopleAffected')}</dt>
          <dd class="incident-affected">{affectedText(incident, locale)}</dd>
        </div>
        <div>
          <dt>{t('incident_dataExposed')}</dt>
          <dd class="incident-data">{incident.dataTypes.length ? incident.dataTypes.join(', ') : t('incident_dataNotDetermined')}</dd>
        </div>
        <div>
          <dt>{t('incident_status')}</dt>
          <dd class="incident-status">{statusText(incident.status)}</dd>
        </div>
      </dl>
      <div class="incident-sources">
        <span class="sources-label">{incident.sources.length === 1 ? t('incident_source') : t('incident_sources')}</span>
        <ul class="source-list">
          {incident.sources.map((s, i) => (
            <SourceItem key={i} source={s} />
          ))}
        </ul>
      </div>
    </li>
  );
}

/** A vendor's incidents, newest first (the order the report gives). */
export function IncidentList({ incidents, locale }: { incidents: readonly Incident[]; locale?: string }) {
  return (
    <ol class="incident-list">
      {incidents.map((incident) => (
        <IncidentItem key={incident.id} incident={incident} locale={locale} />
      ))}
    </ol>
  );
}
