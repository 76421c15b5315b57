/** How much a finding matters; `--fail-on` compares against this order. */
export const SEVERITIES = ['note', 'warning', 'error'] as const;

export type Severity = (typeof SEVERITIES)[number];

/**
 * Something a reviewer should see. Findings are data: checks return them,
 * reporters render them, and only the CLI turns them into an exit code.
 */
export interface Finding {
  /** Stable, documented code such as `sod.role-conflict`. */
  code: string;
  severity: Severity;
  message: string;
  /** Repository-relative file, when the finding belongs to one. */
  file?: string;
  /** JSON path inside the file, e.g. `/entitlements/3`. */
  path?: string;
  line?: number;
  column?: number;
  /** What to do about it. */
  hint?: string;
  /** Ids the finding is about, for filtering and policy tests. */
  subject?: FindingSubject;
}

export interface FindingSubject {
  role?: string;
  identity?: string;
  risk?: string;
  entitlements?: string[];
  roles?: string[];
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(finding: Finding, threshold: Severity): boolean {
  return severityRank(finding.severity) >= severityRank(threshold);
}

/** Deterministic order: file, line, code, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
