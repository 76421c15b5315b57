import type { QualityReport } from '../inventory/quality.ts';
import { codeCell, escapeCell } from './markdown-syntax.ts';

/** The data-quality report as GitHub-flavoured Markdown. */
export function renderQualityMarkdown(report: QualityReport): string {
  const { totals } = report;
  const out: string[] = ['## Inventory data quality', ''];
  out.push(
    `${totals.identities} identities, ${totals.entitlements} entitlements, ` +
      `${totals.assignments} assignments` +
      (report.dataDate === undefined
        ? '.'
        : `, data as of ${report.dataDate.slice(0, 10)}.`),
    '',
  );
  out.push('| identities by kind | count |', '| --- | ---: |');
  for (const [kind, count] of Object.entries(report.identitiesByKind)) {
    out.push(`| ${escapeCell(kind)} | ${count} |`);
  }
  out.push(
    '',
    '| system | entitlements | assignments |',
    '| --- | ---: | ---: |',
  );
  const systems = new Set([
    ...Object.keys(report.entitlementsBySystem),
    ...Object.keys(report.assignmentsBySystem),
  ]);
  for (const system of [...systems].sort()) {
    out.push(
      `| ${escapeCell(system)} | ` +
        `${report.entitlementsBySystem[system] ?? 0} | ` +
        `${report.assignmentsBySystem[system] ?? 0} |`,
    );
  }
  out.push('');
  if (report.issues.length === 0) {
    out.push('No data-quality issues found.', '');
    return out.join('\n');
  }
  out.push('### What to fix before mining', '');
  out.push(
    '| severity | count | issue | examples | fix |',
    '| --- | ---: | --- | --- | --- |',
  );
  for (const issue of report.issues) {
    const shown = issue.examples.slice(0, 5);
    // Say how many are left out, or the cell reads as the complete list.
    const more =
      issue.count > shown.length ? ` … ${issue.count - shown.length} more` : '';
    const examples = `${shown.map(codeCell).join(' ')}${more}`;
    out.push(
      `| ${issue.severity} | ${issue.count} | ${escapeCell(issue.message)} ` +
        `${codeCell(issue.code)} | ${examples} | ${escapeCell(issue.fix)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}
