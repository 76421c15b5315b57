import type { Location, Log, ReportingDescriptor, Result, Run } from 'sarif';
import { severityRank } from '../model/index.ts';
import type { Finding, Severity } from '../model/index.ts';
import { fingerprintFinding } from './fingerprint.ts';
import { toPosixPath } from './location.ts';
import type { CheckReport } from './report-input.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const INFORMATION_URI = 'https://github.com/rolesmith/rolesmith';

/** Versioned so that a change to the hashed fields can start afresh. */
const FINGERPRINT_KEY = 'rolesmithFinding/v1';

/** SARIF 2.1.0 for GitHub code scanning: one run, one rule per code. */
export function renderSarif(report: CheckReport): string {
  return `${JSON.stringify(buildSarifLog(report), null, 2)}\n`;
}

function buildSarifLog(report: CheckReport): Log {
  const rules = buildRules(report.findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const run: Run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    results: report.findings.map((finding) =>
      buildResult(finding, ruleIndex.get(finding.code) ?? 0),
    ),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * Findings carry no rule descriptions, so the stable code doubles as the
 * title. A code's default level is the highest severity it was seen with:
 * the same check may block one risk and only warn about another.
 */
function buildRules(findings: readonly Finding[]): ReportingDescriptor[] {
  const levels = new Map<string, Severity>();
  for (const { code, severity } of findings) {
    const seen = levels.get(code);
    if (seen === undefined || severityRank(severity) > severityRank(seen)) {
      levels.set(code, severity);
    }
  }
  // Plain code-unit order, so that the rule indexes never depend on locale.
  return [...levels.keys()].sort().map((code) => ({
    id: code,
    shortDescription: { text: code },
    defaultConfiguration: { level: levels.get(code) ?? 'warning' },
  }));
}

function buildResult(finding: Finding, ruleIndex: number): Result {
  const text =
    finding.hint === undefined
      ? finding.message
      : `${finding.message}\nHint: ${finding.hint}`;
  const location = buildLocation(finding);
  return {
    ruleId: finding.code,
    ruleIndex,
    level: finding.severity,
    message: { text },
    ...(location && { locations: [location] }),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintFinding(finding) },
  };
}

function buildLocation(finding: Finding): Location | undefined {
  if (finding.file === undefined) return undefined;
  const uri = toPosixPath(finding.file)
    .split('/')
    .map(encodeURIComponent)
    .join('/');
  const { line, column } = finding;
  const hasLine = line !== undefined && line >= 1;
  const hasColumn = hasLine && column !== undefined && column >= 1;
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      ...(hasLine && {
        region: { startLine: line, ...(hasColumn && { startColumn: column }) },
      }),
    },
  };
}
