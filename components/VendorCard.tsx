import { BADGE_COLOR } from '../lib/badge';
import type { VendorReport } from '../lib/report';
import { describeHistory } from '../lib/risk/describe';
import { EvidenceList } from './EvidenceList';
import { IncidentList } from './IncidentList';
import { categoryLabel } from './labels';
import { SeverityChip } from './SeverityChip';

interface Props {
  report: VendorReport;
  /** Open the incident list from the start (the first, worst vendor). */
  open?: boolean;
  locale?: string;
}

/** One detected vendor: who, how bad, its history in a line, the incidents, and why it was detected. */
export function VendorCard({ report, open = false, locale }: Props) {
  const { vendor, summary, incidents, evidence } = report;
  const headingId = `vendor-${vendor.id}`;
  return (
    <article
      class="vendor-card"
      data-vendor-id={vendor.id}
      data-severity={summary.severity}
      aria-labelledby={headingId}
      style={{ '--severity-color': BADGE_COLOR[summary.severity] }}
    >
      <header class="vendor-head">
        <div class="vendor-title">
          <h2 class="vendor-name" id={headingId}>
            {vendor.name}
          </h2>
          <p class="vendor-category">{categoryLabel(vendor.category)}</p>
        </div>
        <SeverityChip severity={summary.severity} />
      </header>
      <p class="vendor-summary">{describeHistory(summary, locale)}</p>
      {incidents.length > 0 && (
        <details class="vendor-incidents" open={open}>
          <summary>{incidents.length === 1 ? '1 incident' : `${incidents.length} incidents`}</summary>
          <IncidentList incidents={incidents} locale={locale} />
        </details>
      )}
      <details class="vendor-evidence">
        <summary>Why detected</summary>
        <EvidenceList evidence={evidence} />
      </details>
    </article>
  );
}
