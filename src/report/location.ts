import type { Finding } from '../model/index.ts';

/**
 * `file:line:col` as editors and terminals link it; shorter when the line
 * or column is unknown, and undefined for catalogue-wide findings.
 */
export function formatLocation(finding: Finding): string | undefined {
  if (finding.file === undefined) return undefined;
  if (finding.line === undefined) return finding.file;
  if (finding.column === undefined) return `${finding.file}:${finding.line}`;
  return `${finding.file}:${finding.line}:${finding.column}`;
}

/** Repository-relative path with forward slashes, as SARIF and CI want. */
export function toPosixPath(file: string): string {
  return file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}
