import type { Finding } from '../model/index.ts';
import { formatLocation } from './location.ts';
import type { CheckReport } from './report-input.ts';
import { isFailure } from './summary.ts';
import { escapeXmlAttribute, escapeXmlText } from './xml.ts';

/** The test case for findings about the catalogue as a whole. */
export const CATALOGUE_TEST_CASE = 'catalogue';

interface TestCase {
  name: string;
  failures: Finding[];
  others: Finding[];
}

/**
 * JUnit XML for CI test tabs: a file is a test case, and it fails when it
 * has a finding at or above `--fail-on`.
 */
export function renderJunit(report: CheckReport): string {
  const cases = buildTestCases(report);
  const failed = cases.filter((c) => c.failures.length > 0).length;
  const counts = `tests="${cases.length}" failures="${failed}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rolesmith" ${counts}>`,
    `  <testsuite name="rolesmith check" ${counts} skipped="0">`,
    ...cases.map(renderTestCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

// The catalogue case always exists: catalogue-wide checks run every time.
// Findings may name a file that was not checked (a policy file read from
// the base ref), which then gets a case of its own after the checked ones.
function buildTestCases(report: CheckReport): TestCase[] {
  const cases = new Map<string, TestCase>();
  const caseFor = (name: string): TestCase => {
    const existing = cases.get(name);
    if (existing) return existing;
    const created: TestCase = { name, failures: [], others: [] };
    cases.set(name, created);
    return created;
  };

  caseFor(CATALOGUE_TEST_CASE);
  for (const file of report.files) caseFor(file);
  for (const finding of report.findings) {
    const testCase = caseFor(finding.file ?? CATALOGUE_TEST_CASE);
    if (isFailure(finding, report.failOn)) testCase.failures.push(finding);
    else testCase.others.push(finding);
  }
  return [...cases.values()];
}

// One <failure> per case: not every JUnit dialect allows several, and
// some CI test tabs show only the first.
function renderTestCase(testCase: TestCase): string {
  const name = escapeXmlAttribute(testCase.name);
  const open = `    <testcase name="${name}" classname="${name}"`;
  const [first, ...rest] = testCase.failures;
  if (first === undefined && testCase.others.length === 0) return `${open}/>`;

  const lines = [`${open}>`];
  if (first !== undefined) {
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    const message = escapeXmlAttribute(`${first.message}${more}`);
    const type = escapeXmlAttribute(first.code);
    const body = escapeXmlText(describeAll(testCase.failures));
    lines.push(
      `      <failure message="${message}" type="${type}">${body}</failure>`,
    );
  }
  if (testCase.others.length > 0) {
    const body = escapeXmlText(describeAll(testCase.others));
    lines.push(`      <system-out>${body}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines.join('\n');
}

function describeAll(findings: readonly Finding[]): string {
  return findings.map(describe).join('\n');
}

function describe(finding: Finding): string {
  const location = formatLocation(finding) ?? CATALOGUE_TEST_CASE;
  const line = `${location}: ${finding.severity} ${finding.code}: ${finding.message}`;
  return finding.hint === undefined ? line : `${line}\n  hint: ${finding.hint}`;
}
