import { describe, expect, it } from 'vitest';
import type { Severity } from '../model/index.ts';
import {
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import { summarizeReport } from './summary.ts';

const findings = (...severities: Severity[]) =>
  severities.map((severity) => makeFinding({ severity }));

describe('summarizeReport', () => {
  it('counts findings per severity', () => {
    const report = makeReport({
      findings: findings('error', 'note', 'warning', 'note'),
    });

    expect(summarizeReport(report)).toEqual({
      error: 1,
      warning: 1,
      note: 2,
      failed: true,
    });
  });

  it.each<[Severity | 'never', Severity[], boolean]>([
    ['error', [], false],
    ['error', ['warning', 'note'], false],
    ['error', ['note', 'error'], true],
    ['warning', ['warning'], true],
    ['warning', ['note'], false],
    ['note', ['note'], true],
    ['never', ['error'], false],
  ])('with --fail-on %s, fails %j: %s', (failOn, severities, failed) => {
    const report = makeReport({ failOn, findings: findings(...severities) });

    expect(summarizeReport(report).failed).toBe(failed);
  });
});
