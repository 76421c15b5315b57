import { atLeast } from '../model/index.ts';
import type { Finding, Severity } from '../model/index.ts';
import type { CheckReport } from './report-input.ts';

/** Counts per severity and the verdict under `--fail-on`. */
export interface ReportSummary {
  error: number;
  warning: number;
  note: number;
  failed: boolean;
}

export function summarizeReport(report: CheckReport): ReportSummary {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const finding of report.findings) counts[finding.severity] += 1;
  const failed = report.findings.some((f) => isFailure(f, report.failOn));
  return { ...counts, failed };
}

/** Whether a finding alone would fail the run. */
export function isFailure(
  finding: Finding,
  failOn: Severity | 'never',
): boolean {
  return failOn !== 'never' && atLeast(finding, failOn);
}
