import type { MetricsPoint, MetricsReport } from '../evidence/metrics.ts';

/** One measure of the trend: its column heading and value at a commit. */
interface Column {
  heading: string;
  value: (point: MetricsPoint) => number;
}

/** The measures, in the order both renderers show them. */
export const METRIC_COLUMNS: readonly Column[] = [
  { heading: 'roles', value: (p) => p.roles },
  { heading: 'ent/role', value: (p) => p.entitlementsPerRole },
  { heading: 'roles/identity', value: (p) => p.rolesPerIdentity },
  { heading: 'exceptions', value: (p) => p.exceptions },
  { heading: 'mixed', value: (p) => p.mixedRoles },
  { heading: 'unjudged', value: (p) => p.unjudgedRoles },
  { heading: 'sod', value: (p) => p.sodFindings },
  { heading: 'sod new direct', value: (p) => p.sodIntroducedDirect },
  { heading: 'sod new merge', value: (p) => p.sodIntroducedByMerge },
];

/** Two places are enough to read a trend; JSON keeps the full value. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The table: a heading row, then one row per commit, oldest first. */
export function metricsRows(report: MetricsReport): string[][] {
  return [
    ['commit', 'date', ...METRIC_COLUMNS.map((c) => c.heading)],
    ...report.points.map((point) => [
      point.commit.slice(0, 7),
      point.date.slice(0, 10),
      ...METRIC_COLUMNS.map((c) => formatNumber(c.value(point))),
    ]),
  ];
}

/** `label: value` lines of the figures that are not per commit. */
export function headlineLines(report: MetricsReport): string[] {
  const first = report.points[0];
  const latest = report.points.at(-1);
  const lines: string[] = [];
  if (first !== undefined && latest !== undefined) {
    for (const column of METRIC_COLUMNS.slice(0, 7)) {
      const [a, b] = [column.value(first), column.value(latest)];
      const change = formatNumber(Math.round((b - a) * 1e6) / 1e6);
      const sign = b >= a ? '+' : '';
      lines.push(
        `${column.heading}: ${formatNumber(a)} → ${formatNumber(b)} ` +
          `(${sign}${change})`,
      );
    }
  }
  const { sod, proposals } = report;
  const acceptance =
    proposals.acceptance === undefined
      ? 'n/a (no merged or closed proposal)'
      : `${formatNumber(proposals.acceptance * 100)}%`;
  const toApproval = hours(
    proposals.medianHoursToApproval,
    'n/a (approvals are read with --repo)',
  );
  const packTime =
    report.packSeconds === undefined
      ? 'not measured (--pack-seconds)'
      : `${formatNumber(report.packSeconds)} s`;
  lines.push(
    `SoD findings introduced by direct commits (after merge, not gated): ${sod.afterMerge}`,
    `SoD findings merged through a pull request: ${sod.viaPullRequest}`,
    'SoD findings caught in a pull request (closed, never on the branch): ' +
      `${sod.caughtInPullRequest}`,
    `SoD findings already present at the first commit: ${sod.atStart}`,
    `proposals: ${proposals.merged} merged, ${proposals.closed} closed, ` +
      `${proposals.open} open, ` +
      `${proposals.superseded} superseded (not counted)`,
    `candidate acceptance: ${acceptance}`,
    `median time from pull request to first approval: ${toApproval}`,
    `median time from proposal to merge: ${hours(proposals.medianHoursToMerge, 'n/a')}`,
    `time to produce the evidence pack: ${packTime}`,
  );
  return lines;
}

function hours(value: number | undefined, missing: string): string {
  return value === undefined ? missing : `${formatNumber(value)} h`;
}

/** `rolesmith metrics` as text: the trend table, then the headline. */
export function renderMetricsText(
  report: MetricsReport,
  branch: string,
): string {
  const rows = metricsRows(report);
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  );
  const table = rows.map((row) =>
    row
      .map((cell, i) =>
        i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
  const out = [
    `Metrics of ${branch}: ${report.points.length} commits`,
    '',
    ...table,
    '',
    ...headlineLines(report),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  return `${out.join('\n')}\n`;
}
