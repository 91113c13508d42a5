import { t } from '../lib/i18n';
import { exportFileName, toCsvExport, toJson, type ExportDocument } from '../lib/export/vendors';

/** Saves text as a file through a temporary object URL (no download permission needed). */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface Props {
  /** Built when a button is pressed, so exports carry the moment they were made. */
  build(now: Date): ExportDocument;
  /** Names the files: "vendor-breach-radar-<slug>-<date>.csv". */
  slug: string;
  /** What is exported, for the buttons' accessible names ("this vendor", "these 12 vendors"). */
  what: string;
}

/** CSV, JSON and a printable page: dataset facts only (see lib/export). */
export function ExportButtons({ build, slug, what }: Props) {
  const download = (kind: 'csv' | 'json') => {
    const now = new Date();
    const doc = build(now);
    if (kind === 'csv') saveFile(exportFileName(slug, now, 'csv'), 'text/csv;charset=utf-8', toCsvExport(doc));
    else saveFile(exportFileName(slug, now, 'json'), 'application/json', toJson(doc));
  };
  return (
    <div class="export-buttons" role="group" aria-label={t('export_groupLabel', what)}>
      <span class="export-label" aria-hidden="true">
        {t('export_label')}
      </span>
      <button type="button" class="button export-csv" onClick={() => download('csv')}>
        CSV
      </button>
      <button type="button" class="button export-json" onClick={() => download('json')}>
        JSON
      </button>
      <button type="button" class="button export-print" onClick={() => window.print()}>
        {t('export_print')}
      </button>
    </div>
  );
}
