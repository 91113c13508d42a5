import { BADGE_COLOR } from '../lib/badge';
import { t } from '../lib/i18n';
import type { Severity } from '../lib/risk/severity';
import { severityText, severityWordText } from './i18n-labels';

const DARK_TEXT = '#1A1A1A';
const LIGHT_TEXT = '#FFFFFF';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black text, whichever contrasts more with the badge colour (WCAG contrast ratio). */
export function chipTextColor(background: string): string {
  const bg = luminance(background);
  const onWhite = 1.05 / (bg + 0.05);
  const onDark = (bg + 0.05) / (luminance(DARK_TEXT) + 0.05);
  return onWhite >= onDark ? LIGHT_TEXT : DARK_TEXT;
}

/** The severity as a coloured chip with a word on it: colour is never the only signal. */
export function SeverityChip({ severity }: { severity: Severity }) {
  const background = BADGE_COLOR[severity];
  return (
    <span
      class="severity-chip"
      data-severity={severity}
      role="img"
      aria-label={t('severity_ariaLabel', severityText(severity))}
      title={severityText(severity)}
      style={{ backgroundColor: background, color: chipTextColor(background) }}
    >
      {severityWordText(severity)}
    </span>
  );
}
