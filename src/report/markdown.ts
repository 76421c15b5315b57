import { SEVERITIES } from '../model/index.ts';
import type { Finding } from '../model/index.ts';
import { limitItems } from './limit.ts';
import { formatLocation } from './location.ts';
import { renderImpactMarkdown } from './markdown-impact.ts';
import {
  codeCell,
  escapeCell,
  MARKDOWN_ROW_LIMIT,
  renderTable,
} from './markdown-syntax.ts';
import { countOf } from './plural.ts';
import type { CheckReport } from './report-input.ts';
import { summarizeReport } from './summary.ts';

// Errors first: when the table is cut, what is cut should be notes.
const BY_SEVERITY = [...SEVERITIES].reverse();

/** A job summary or pull request comment. */
export function renderMarkdown(report: CheckReport): string {
  const summary = summarizeReport(report);
  const verdict = summary.failed
    ? '❌ rolesmith check failed'
    : '✅ rolesmith check passed';
  const counts = renderTable(
    ['severity', 'findings'],
    BY_SEVERITY.map((severity) => [severity, String(summary[severity])]),
  );

  const blocks = [`## ${verdict}`, counts, describeScope(report)];
  if (report.findings.length > 0) blocks.push(renderFindings(report.findings));
  if (report.impact) blocks.push(renderImpactMarkdown(report.impact));
  blocks.push(`<sub>rolesmith ${report.tool.version}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

function describeScope(report: CheckReport): string {
  const files = `${countOf(report.files.length, 'file')} checked`;
  if (report.failOn === 'never')
    return `${files}; findings do not fail the run.`;
  return `${files}; the run fails on findings of severity \`${report.failOn}\` or above.`;
}

function renderFindings(findings: readonly Finding[]): string {
  const ordered = BY_SEVERITY.flatMap((severity) =>
    findings.filter((f) => f.severity === severity),
  );
  const { shown, omitted } = limitItems(ordered, MARKDOWN_ROW_LIMIT);
  const table = renderTable(
    ['severity', 'code', 'location', 'message'],
    shown.map((finding) => [
      finding.severity,
      codeCell(finding.code),
      locationCell(finding),
      describeMessage(finding),
    ]),
  );
  const blocks = ['### Findings', table];
  if (omitted > 0) {
    blocks.push(
      `… and ${countOf(omitted, 'more finding')} not shown; the JSON and ` +
        'SARIF reports have them all.',
    );
  }
  return blocks.join('\n\n');
}

function locationCell(finding: Finding): string {
  const location = formatLocation(finding);
  return location === undefined ? '(catalogue)' : codeCell(location);
}

function describeMessage(finding: Finding): string {
  const message = escapeCell(finding.message);
  if (finding.hint === undefined) return message;
  return `${message}<br>Hint: ${escapeCell(finding.hint)}`;
}
