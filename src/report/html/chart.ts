import { escapeHtml } from './escape.ts';
import type { TrendSeries } from './types.ts';

const WIDTH = 560;
const HEIGHT = 220;
const MARGIN = { top: 16, right: 24, bottom: 40, left: 56 };
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
  const title =
    `${metric} over the last ${points.length} catalogue ` +
    (points.length === 1 ? 'change' : 'changes');
  const id = escapeHtml(testId);
  const open = [
    `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}"`,
    ` width="${WIDTH}" height="${HEIGHT}" data-testid="${id}"`,
    ` aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
  ].join('');
  if (points.length === 0) {
    return (
      `${open}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle"` +
      ' class="empty">No history to chart</text></svg>'
    );
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
    `<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top}" ` +
      `x2="${MARGIN.left}" y2="${bottom}"/>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${bottom}" ` +
      `x2="${MARGIN.left + plotW}" y2="${bottom}"/>`,
  );
  const top = min + span;
  // Counts get a whole middle tick: "4345.50 roles" reads as a bug.
  const counts = points.every((p) => Number.isInteger(p.value));
  const middle = counts ? Math.round(min + span / 2) : min + span / 2;
  for (const tick of [...new Set([min, middle, top])]) {
    parts.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${round(y(tick) + 4)}" ` +
        `text-anchor="end">${escapeHtml(formatValue(tick))}</text>`,
    );
  }
  const labelled = new Set(xLabelIndices(points.length));
  points.forEach((point, i) => {
    if (!labelled.has(i)) return;
    parts.push(
      `<text class="tick" x="${round(x(i))}" y="${bottom + 16}" ` +
        `text-anchor="middle">${escapeHtml(point.label)}</text>`,
    );
  });
  parts.push(
    `<text class="axis-label" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 4}"` +
      ' text-anchor="middle">commit (oldest to newest)</text>',
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
    const tip = escapeHtml(`${point.label}: ${formatValue(point.value)}`);
    parts.push(
      `<circle class="point" cx="${round(x(i))}" cy="${round(y(point.value))}"` +
        ` r="3"><title>${tip}</title></circle>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Which points get an x label: every `step`-th and always the newest.
 * When the newest would sit closer than half a step to the label before
 * it, that one is dropped so the two commit ids do not overprint.
 */
export function xLabelIndices(count: number): number[] {
  if (count === 0) return [];
  const step = Math.max(1, Math.ceil(count / MAX_X_LABELS));
  const last = count - 1;
  const indices: number[] = [];
  for (let i = 0; i < last; i += step) indices.push(i);
  const previous = indices.at(-1);
  if (previous !== undefined && previous > 0 && last - previous < step / 2) {
    indices.pop();
  }
  indices.push(last);
  return indices;
}
