import type { Finding, FindingSubject } from '../model/index.ts';
import type {
  AccessImpactSummary,
  CheckReport,
  CriticalAccess,
} from './report-input.ts';
import { summarizeReport } from './summary.ts';
import type { ReportSummary } from './summary.ts';

/** The shape of `--format json`; keys always appear in this order. */
export interface JsonReport {
  tool: CheckReport['tool'];
  summary: ReportSummary;
  findings: Finding[];
  /** `null` without `--base`, so that the set of keys never changes. */
  impact: AccessImpactSummary | null;
}

/** Machine-readable report: pretty, with a stable key order. */
export function renderJson(report: CheckReport): string {
  const json: JsonReport = {
    tool: { name: report.tool.name, version: report.tool.version },
    summary: summarizeReport(report),
    findings: report.findings.map(orderFinding),
    impact: report.impact ? orderImpact(report.impact) : null,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

// Checks build findings in whatever order suits them; rebuilding each
// object fixes the key order so that diffs of two reports stay small.
function orderFinding(finding: Finding): Finding {
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    hint: finding.hint,
    subject: finding.subject && orderSubject(finding.subject),
  };
}

function orderSubject(subject: FindingSubject): FindingSubject {
  return {
    role: subject.role,
    identity: subject.identity,
    risk: subject.risk,
    entitlements: subject.entitlements,
    roles: subject.roles,
  };
}

function orderImpact(impact: AccessImpactSummary): AccessImpactSummary {
  return {
    base: impact.base,
    gains: impact.gains.map((g) => ({ ...pick(g), via: g.via })),
    losses: impact.losses.map((l) => ({ ...pick(l), via: l.via })),
    newCritical: impact.newCritical.map(pick),
    newSodRelevant: impact.newSodRelevant.map((s) => ({
      ...pick(s),
      risks: s.risks,
    })),
    policyChanges: impact.policyChanges.map((p) => ({
      file: p.file,
      status: p.status,
      owners: p.owners,
    })),
  };
}

function pick(access: CriticalAccess): CriticalAccess {
  return { identity: access.identity, entitlement: access.entitlement };
}
