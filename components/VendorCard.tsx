import type { ComponentChildren } from 'preact';
import { BADGE_COLOR } from '../lib/badge';
import { t } from '../lib/i18n';
import type { VendorReport } from '../lib/report';
import { EvidenceList } from './EvidenceList';
import { categoryText, historyText } from './i18n-labels';
import { IncidentList } from './IncidentList';
import { SeverityChip } from './SeverityChip';

interface Props {
  report: VendorReport;
  /** Open the incident list from the start. */
  open?: boolean;
  locale?: string;
  /** The user acknowledged this vendor: its inline marker is silenced until a newer incident arrives. */
  acknowledged?: boolean;
  /** The organisation's own note on this vendor (settings / policy: organisationVendors). */
  organisationNote?: string | null;
  /** Buttons under the summary ("Open in directory", "Acknowledge"). */
  actions?: ComponentChildren;
}

/**
 * One detected vendor, compact: who, how bad, its history in one line, then (folded) the incidents and
 * why it was detected.
 */
export function VendorCard({ report, open = false, locale, acknowledged = false, organisationNote, actions }: Props) {
  const { vendor, summary, incidents, evidence } = report;
  const headingId = `vendor-${vendor.id}`;
  return (
    <article
      class="vendor-card"
      data-vendor-id={vendor.id}
      data-severity={summary.severity}
      data-acknowledged={String(acknowledged)}
      aria-labelledby={headingId}
      style={{ '--severity-color': BADGE_COLOR[summary.severity] }}
    >
      <header class="vendor-head">
        <div class="vendor-title">
          <h2 class="vendor-name" id={headingId}>
            {vendor.name}
          </h2>
          <p class="vendor-category">{categoryText(vendor.category)}</p>
        </div>
        <SeverityChip severity={summary.severity} />
      </header>
      <p class="vendor-summary">{historyText(summary, locale)}</p>
      {organisationNote && (
        <p class="vendor-organisation-note" data-organisation-note="true">
          {t('card_organisationNote', organisationNote)}
        </p>
      )}
      {acknowledged && <p class="vendor-acknowledged">{t('popup_acknowledgedNote')}</p>}
      {actions && <div class="vendor-actions">{actions}</div>}
      {incidents.length > 0 && (
        <details class="vendor-incidents" open={open}>
          <summary>
            {incidents.length === 1 ? t('card_incidentsOne') : t('card_incidentsMany', String(incidents.length))}
          </summary>
          <IncidentList incidents={incidents} locale={locale} />
        </details>
      )}
      <details class="vendor-evidence">
        <summary>{t('card_whyDetected')}</summary>
        <EvidenceList evidence={evidence} />
      </details>
    </article>
  );
}
