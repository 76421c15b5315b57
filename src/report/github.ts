import type { Finding, Severity } from '../model/index.ts';
import { toPosixPath } from './location.ts';
import type { CheckReport } from './report-input.ts';

const COMMANDS: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/**
 * GitHub Actions workflow commands, one per finding, which the runner
 * turns into annotations on the pull request's diff.
 */
export function renderGithubAnnotations(report: CheckReport): string {
  return report.findings.map((f) => `${renderCommand(f)}\n`).join('');
}

function renderCommand(finding: Finding): string {
  const properties: [string, string | number | undefined][] = [];
  // The runner ignores a line without a file, and a column without a line.
  if (finding.file !== undefined) {
    properties.push(['file', toPosixPath(finding.file)]);
    properties.push(['line', finding.line]);
    if (finding.line !== undefined) properties.push(['col', finding.column]);
  }
  properties.push(['title', finding.code]);

  const list = properties
    .filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    )
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  const text =
    finding.hint === undefined
      ? finding.message
      : `${finding.message}\nHint: ${finding.hint}`;
  return `::${COMMANDS[finding.severity]} ${list}::${escapeData(text)}`;
}

/** The runner's own escaping: without it a newline ends the command. */
export function escapeData(text: string): string {
  return text
    .replaceAll('%', '%25')
    .replaceAll('\r', '%0D')
    .replaceAll('\n', '%0A');
}

/** Properties are also split on `,` and end at `::`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
