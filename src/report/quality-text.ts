import type { QualityReport } from '../inventory/quality.ts';
import { createPalette, printable } from './ansi.ts';

/** The data-quality report for a terminal. */
export function renderQualityText(
  report: QualityReport,
  options: { color: boolean },
): string {
  const c = createPalette(options.color);
  const lines: string[] = [];
  const { totals } = report;
  lines.push(c.bold('Inventory'));
  lines.push(
    `  ${totals.identities} identities, ${totals.entitlements} ` +
      `entitlements, ${totals.assignments} assignments` +
      (report.dataDate === undefined
        ? ''
        : ` (data as of ${report.dataDate.slice(0, 10)})`),
  );
  lines.push(`  identities by kind: ${pairs(report.identitiesByKind)}`);
  lines.push(`  entitlements by system: ${pairs(report.entitlementsBySystem)}`);
  lines.push(`  assignments by system: ${pairs(report.assignmentsBySystem)}`);
  // A folder source has a digest per file; show a few, count the rest.
  for (const source of report.sources.slice(0, 5)) {
    lines.push(
      c.dim(
        `  source ${source.source} ${printable(source.file)} sha256:${source.sha256.slice(0, 12)}`,
      ),
    );
  }
  if (report.sources.length > 5) {
    lines.push(c.dim(`  … and ${report.sources.length - 5} more source files`));
  }
  lines.push('');
  if (report.issues.length === 0) {
    lines.push(c.green('No data-quality issues found.'));
    return `${lines.join('\n')}\n`;
  }
  lines.push(c.bold('What to fix before mining'));
  for (const issue of report.issues) {
    const mark =
      issue.severity === 'error'
        ? c.red('error  ')
        : issue.severity === 'warning'
          ? c.yellow('warning')
          : c.cyan('note   ');
    lines.push(
      `${mark} ${issue.count} ${issue.message} ${c.dim(`[${issue.code}]`)}`,
    );
    // Five examples per issue keep the report readable; JSON has more.
    const examples = issue.examples.slice(0, 5);
    const shown = examples.map(printable).join(', ');
    const more =
      issue.count > examples.length
        ? `, … ${issue.count - examples.length} more`
        : '';
    lines.push(`        e.g. ${shown}${more}`);
    lines.push(`        fix: ${issue.fix}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Beyond this many systems a line stops being readable; JSON has all. */
const MAX_PAIRS = 8;

function pairs(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return 'none';
  const show = (list: [string, number][]) =>
    list.map(([k, v]) => `${printable(k)} ${v}`).join(', ');
  if (entries.length <= MAX_PAIRS) return show(entries);
  const largest = [...entries]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_PAIRS);
  return (
    `${show(largest)}, … ${entries.length - MAX_PAIRS} more (largest first; ` +
    '--format json lists all)'
  );
}
