import { describe, expect, it } from 'vitest';
import { CHECK_REPORT } from '../../test/golden/report/check-report.ts';
import { compareFindings, SEVERITIES } from '../model/index.ts';
import {
  isReportFormat,
  renderGithubAnnotations,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderReport,
  renderSarif,
  renderText,
  REPORT_FORMATS,
} from './index.ts';
import type { CheckReport, ReportFormat } from './index.ts';

const RENDERERS: Record<ReportFormat, (report: CheckReport) => string> = {
  text: (report) => renderText(report, { color: true }),
  json: renderJson,
  sarif: renderSarif,
  github: renderGithubAnnotations,
  markdown: renderMarkdown,
  junit: renderJunit,
};

describe('renderReport', () => {
  it.each(REPORT_FORMATS)('renders %s with its own renderer', (format) => {
    const output = renderReport(format, CHECK_REPORT, { color: true });

    expect(output).toBe(RENDERERS[format](CHECK_REPORT));
  });

  it('renders the same report to the same text every time', () => {
    for (const format of REPORT_FORMATS) {
      const copy = structuredClone(CHECK_REPORT);

      expect(renderReport(format, copy, { color: false })).toBe(
        renderReport(format, CHECK_REPORT, { color: false }),
      );
    }
  });
});

describe('isReportFormat', () => {
  it.each([
    ['sarif', true],
    ['junit', true],
    ['SARIF', false],
    ['xml', false],
    ['', false],
  ])('answers %j with %s', (value, expected) => {
    expect(isReportFormat(value)).toBe(expected);
  });
});

describe('the golden report', () => {
  it('holds sorted findings of every severity, with and without files', () => {
    const { findings, impact } = CHECK_REPORT;

    expect([...findings].sort(compareFindings)).toEqual(findings);
    expect(new Set(findings.map((f) => f.severity))).toEqual(
      new Set(SEVERITIES),
    );
    expect(findings.some((f) => f.file === undefined)).toBe(true);
    expect(findings.some((f) => f.file && f.line === undefined)).toBe(true);
    expect(findings.some((f) => f.line && f.column === undefined)).toBe(true);
    expect(impact).toBeDefined();
  });
});
