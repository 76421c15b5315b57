import { escapeHtml } from './escape.ts';
import type { TrendSeries } from './types.ts';

const WIDTH = 560;
const HEIGHT = 220;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 48 };
/** More x labels than this overlap; the rest are left to the data table. */
const MAX_X_LABELS = 6;

/** Rounds a value for display: integers stay, ratios keep two places. */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * A line chart of one measure as inline SVG, so the report needs no
 * script or library. The y axis starts at zero: governance measures are
 * counts, and a cropped axis would exaggerate small changes.
 */
export function renderLineChart(series: TrendSeries, testId: string): string {
  const { metric, points } = series;
  const title = `${metric} over the last ${points.length} catalogue ${points.length === 1 ? 'change' : 'changes'}`;
  const open = `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" data-testid="${escapeHtml(testId)}" aria-labelledby="${escapeHtml(testId)}-title"><title id="${escapeHtml(testId)}-title">${escapeHtml(title)}</title>`;
  if (points.length === 0) {
    return `${open}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" class="empty">No history to chart</text></svg>`;
  }
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const span = max - min === 0 ? 1 : max - min;
  const x = (i: number) =>
    MARGIN.left +
    (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => MARGIN.top + plotH - ((v - min) * plotH) / span;
  const round = (n: number) => Math.round(n * 10) / 10;

  const parts: string[] = [open];
  const bottom = MARGIN.top + plotH;
  // Axes and y ticks at the bottom, middle and top of the range.
  parts.push(
    `<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}"/>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}"/>`,
  );
  const top = min + span;
  for (const tick of [min, min + span / 2, top]) {
    parts.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${escapeHtml(formatValue(tick))}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  points.forEach((point, i) => {
    if (i % step !== 0 && i !== points.length - 1) return;
    parts.push(
      `<text class="tick" x="${round(x(i))}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(point.label)}</text>`,
    );
  });
  parts.push(
    `<text class="axis-label" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 4}" text-anchor="middle">commit (oldest to newest)</text>`,
  );
  if (points.length > 1) {
    const d = points
      .map(
        (p, i) => `${i === 0 ? 'M' : 'L'}${round(x(i))} ${round(y(p.value))}`,
      )
      .join(' ');
    parts.push(`<path class="line" d="${d}" data-testid="chart-line"/>`);
  }
  points.forEach((point, i) => {
    parts.push(
      `<circle class="point" cx="${round(x(i))}" cy="${round(y(point.value))}" r="3"><title>${escapeHtml(`${point.label}: ${formatValue(point.value)}`)}</title></circle>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
