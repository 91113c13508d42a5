import { useRef, useState } from 'preact/hooks';
import { BADGE_COLOR } from '../lib/badge';
import type { Incident } from '../lib/dataset/schema';
import { t } from '../lib/i18n';
import { affectedCount, incidentDate, incidentSeverity } from '../lib/risk/severity';
import { formatDate } from './format';
import { affectedText, incidentTypeText } from './i18n-labels';

const W = 640;
const H = 224;
const M = { left: 58, right: 18, top: 16, bottom: 58 };
/** The row under the axis for incidents whose number of people is not known. */
const UNKNOWN_Y = H - 14;
const PLOT_BOTTOM = H - M.bottom;

interface Point {
  incident: Incident;
  x: number;
  y: number;
  known: boolean;
}

const fractionalYear = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return y + ((m - 1) * 30.4 + (d - 1)) / 365;
};

const compactFormat = new Map<string, Intl.NumberFormat>();
function shortNumber(n: number, locale?: string): string {
  let f = compactFormat.get(locale ?? '');
  if (!f) compactFormat.set(locale ?? '', (f = new Intl.NumberFormat(locale, { notation: 'compact' })));
  return f.format(n);
}

/** Chart geometry: years across, people affected up a log scale (decades), unknown counts on a row below. */
export function layoutTimeline(incidents: readonly Incident[]) {
  const dates = incidents.map(incidentDate);
  const years = dates.map((d) => Number(d.slice(0, 4)));
  // At least three years across; a short history sits in the middle rather than against an edge.
  const pad = Math.max(...years) - Math.min(...years) < 2 ? 1 : 0;
  const x0 = Math.min(...years) - pad;
  const maxYear = Math.max(...years) + 1 + pad;
  const counts = incidents.map((i) => affectedCount(i.affected)).filter((n): n is number => n !== null && n > 0);
  // One decade of room under the smallest count, so no dot sits on the axis.
  const lowDecade = counts.length ? Math.max(0, Math.floor(Math.log10(Math.min(...counts))) - 1) : 2;
  let highDecade = counts.length ? Math.ceil(Math.log10(Math.max(...counts)) + 1e-9) : 6;
  if (highDecade - lowDecade < 2) highDecade = lowDecade + 2;
  const xOf = (year: number) => M.left + ((year - x0) / (maxYear - x0)) * (W - M.left - M.right);
  const yOf = (count: number) =>
    PLOT_BOTTOM - ((Math.log10(Math.max(count, 1)) - lowDecade) / (highDecade - lowDecade)) * (PLOT_BOTTOM - M.top);
  const points: Point[] = incidents
    .map((incident, i) => {
      const count = affectedCount(incident.affected);
      const known = count !== null;
      return { incident, x: xOf(fractionalYear(dates[i]!)), y: known ? yOf(count) : UNKNOWN_Y, known };
    })
    .sort((a, b) => a.x - b.x);
  const span = maxYear - x0;
  const step = span <= 12 ? 1 : span <= 30 ? 2 : 5;
  const yearTicks: number[] = [];
  for (let y = Math.ceil(x0 / step) * step; y <= maxYear; y += step) yearTicks.push(y);
  const decades: number[] = [];
  for (let d = lowDecade; d <= highDecade; d++) decades.push(d);
  return { points, yearTicks, decades, xOf, yOf: (d: number) => yOf(10 ** d) };
}

interface Props {
  incidents: readonly Incident[];
  now: Date;
  locale?: string;
  /** Heading id the chart is labelled by. */
  labelledBy?: string;
}

/**
 * A vendor's incidents over time: one dot per incident, height = people affected on a log scale, colour =
 * the incident's severity, hollow = unverified. Hover or keyboard focus shows the details; the arrow keys
 * move between incidents (one tab stop for the whole chart). The incident table repeats everything as text.
 */
export function Timeline({ incidents, now, locale, labelledBy }: Props) {
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const refs = useRef<(SVGGElement | null)[]>([]);
  if (incidents.length === 0) return null;
  const { points, yearTicks, decades, xOf, yOf } = layoutTimeline(incidents);
  const label = (p: Point) =>
    t(
      'timeline_pointLabel',
      formatDate(incidentDate(p.incident), locale),
      p.incident.title,
      incidentTypeText(p.incident.type),
      affectedText(p.incident, locale),
    );

  const move = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(points.length - 1, index + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? points.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    refs.current[next]?.focus();
  };

  const shown = active !== null ? points[active] : undefined;
  return (
    <figure class="timeline" data-points={points.length}>
      <div class="timeline-frame">
        <svg
          class="timeline-svg"
          viewBox={`0 0 ${W} ${H}`}
          role="group"
          aria-labelledby={labelledBy}
          aria-describedby="timeline-help"
          onMouseLeave={() => setActive(null)}
        >
          <g class="timeline-grid" aria-hidden="true">
            {decades.map((d) => (
              <g key={d}>
                <line x1={M.left} x2={W - M.right} y1={yOf(d)} y2={yOf(d)} />
                <text x={M.left - 8} y={yOf(d) + 4} text-anchor="end">
                  {shortNumber(10 ** d, locale)}
                </text>
              </g>
            ))}
            {yearTicks.map((y) => (
              <g key={y}>
                <line class="timeline-year-tick" x1={xOf(y)} x2={xOf(y)} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM + 5} />
                <text x={xOf(y)} y={PLOT_BOTTOM + 18} text-anchor="middle">
                  {y}
                </text>
              </g>
            ))}
            <line class="timeline-unknown-line" x1={M.left} x2={W - M.right} y1={UNKNOWN_Y} y2={UNKNOWN_Y} />
            <text x={M.left - 8} y={UNKNOWN_Y + 4} text-anchor="end" class="timeline-unknown-label">
              {t('timeline_unknown')}
            </text>
          </g>
          <g class="timeline-points">
            {points.map((p, i) => {
              const severity = incidentSeverity(p.incident, now);
              const color = BADGE_COLOR[severity];
              return (
                <g
                  key={p.incident.id}
                  ref={(el) => {
                    refs.current[i] = el;
                  }}
                  class="timeline-point"
                  data-incident-id={p.incident.id}
                  data-severity={severity}
                  tabIndex={i === focusIndex ? 0 : -1}
                  role="img"
                  aria-label={label(p)}
                  onMouseEnter={() => setActive(i)}
                  onFocus={() => {
                    setActive(i);
                    setFocusIndex(i);
                  }}
                  onBlur={() => setActive(null)}
                  onKeyDown={(e) => move(e, i)}
                  transform={`translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`}
                >
                  <circle class="timeline-hit" r="12" />
                  <circle
                    class="timeline-dot"
                    r={p.known ? 7 : 5}
                    fill={p.incident.verified ? color : 'var(--bg)'}
                    stroke={color}
                    stroke-width={p.incident.verified ? 1.5 : 2.5}
                    stroke-dasharray={p.incident.verified ? undefined : '3 2'}
                  />
                </g>
              );
            })}
          </g>
        </svg>
        {shown && (
          <div
            class="timeline-tip"
            aria-hidden="true"
            style={{
              left: `${(shown.x / W) * 100}%`,
              top: `${(shown.y / H) * 100}%`,
              transform: `translate(${shown.x > W * 0.6 ? '-100%' : '0'}, ${shown.y > H / 2 ? 'calc(-100% - 14px)' : '14px'})`,
            }}
          >
            <p class="timeline-tip-date">
              {formatDate(incidentDate(shown.incident), locale)} · {incidentTypeText(shown.incident.type)}
            </p>
            <p class="timeline-tip-title">{shown.incident.title}</p>
            <p class="timeline-tip-people">{t('timeline_tipPeople', affectedText(shown.incident, locale))}</p>
          </div>
        )}
      </div>
      <figcaption id="timeline-help" class="timeline-caption">
        {t('timeline_caption')}
      </figcaption>
    </figure>
  );
}
