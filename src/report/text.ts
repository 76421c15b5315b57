import type { Finding, Severity } from '../model/index.ts';
import { createPalette, printable } from './ansi.ts';
import type { Palette } from './ansi.ts';
import { formatLocation } from './location.ts';
import { countOf } from './plural.ts';
import type { CheckReport } from './report-input.ts';
import { summarizeReport } from './summary.ts';
import { renderImpactText } from './text-impact.ts';

export interface TextOptions {
  /** ANSI colour; the CLI decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
}

/** Shown where a file would be, for findings about the whole catalogue. */
const CATALOGUE_LABEL = '(catalogue)';

const INDENT = '    ';

// Longest severity name, so that codes line up within a file.
const SEVERITY_WIDTH = 7;

/** The human report: findings by file, the access impact, then a verdict. */
export function renderText(report: CheckReport, options: TextOptions): string {
  const paint = createPalette(options.color);
  const blocks = groupByFile(report.findings).map((group) =>
    renderGroup(group, paint),
  );
  if (report.impact) blocks.push(renderImpactText(report.impact, paint));
  blocks.push(renderVerdict(report, paint));
  return `${blocks.join('\n\n')}\n`;
}

function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string | undefined, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file) ?? [];
    group.push(finding);
    groups.set(finding.file, group);
  }
  return [...groups.values()].map((group) => group.sort(byPosition));
}

function byPosition(a: Finding, b: Finding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function renderGroup(group: readonly Finding[], paint: Palette): string {
  const locations = group.map((f) =>
    printable(formatLocation(f) ?? CATALOGUE_LABEL),
  );
  const width = Math.max(...locations.map((location) => location.length));
  return group
    .map((finding, i) => {
      const location = (locations[i] ?? '').padEnd(width);
      return renderFinding(finding, location, paint);
    })
    .join('\n');
}

function renderFinding(
  finding: Finding,
  location: string,
  paint: Palette,
): string {
  const severity = paintSeverity(
    finding.severity,
    finding.severity.padEnd(SEVERITY_WIDTH),
    paint,
  );
  const code = paint.dim(printable(finding.code));
  const lines = [
    `${location}  ${severity}  ${code}  ${indentLines(finding.message)}`,
  ];
  if (finding.hint !== undefined) {
    lines.push(paint.dim(`${INDENT}hint: ${indentLines(finding.hint)}`));
  }
  return lines.join('\n');
}

/** Keeps a multi-line message from breaking the one-finding-a-line layout. */
function indentLines(text: string): string {
  return printable(text).split('\n').join(`\n${INDENT}`);
}

function paintSeverity(
  severity: Severity,
  text: string,
  paint: Palette,
): string {
  if (severity === 'error') return paint.red(text);
  if (severity === 'warning') return paint.yellow(text);
  return paint.cyan(text);
}

function renderVerdict(report: CheckReport, paint: Palette): string {
  const summary = summarizeReport(report);
  const counts =
    report.findings.length === 0
      ? 'no findings'
      : [
          countOf(summary.error, 'error'),
          countOf(summary.warning, 'warning'),
          countOf(summary.note, 'note'),
        ].join(', ');
  const scope = `in ${countOf(report.files.length, 'checked file')}`;
  const rule = `(--fail-on ${report.failOn})`;
  const verdict = summary.failed
    ? paint.red(paint.bold('✖ Failed:'))
    : paint.green(paint.bold('✔ Passed:'));
  return `${verdict} ${counts} ${scope} ${rule}`;
}
