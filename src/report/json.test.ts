import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import type { Finding } from '../model/index.ts';
import { renderJson } from './json.ts';

describe('renderJson', () => {
  it('writes tool, summary, findings and impact', () => {
    const parsed: unknown = JSON.parse(renderJson(CHECK_REPORT));

    expect(parsed).toEqual({
      tool: { name: 'rolesmith', version: '0.1.0' },
      summary: { error: 3, warning: 2, note: 2, failed: true },
      findings: CHECK_REPORT.findings,
      impact: CHECK_REPORT.impact,
    });
  });

  it('writes finding keys in one order whatever order they came in', () => {
    const finding: Finding = {
      subject: { roles: ['b'], role: 'a' },
      line: 3,
      file: 'roles/a.yaml',
      message: 'Too many entitlements.',
      severity: 'warning',
      code: 'lp.max-entitlements',
    };

    const output = renderJson(makeReport({ findings: [finding] }));

    expect(output).toContain(
      [
        '  "findings": [',
        '    {',
        '      "code": "lp.max-entitlements",',
        '      "severity": "warning",',
        '      "message": "Too many entitlements.",',
        '      "file": "roles/a.yaml",',
        '      "line": 3,',
        '      "subject": {',
        '        "role": "a",',
        '        "roles": [',
        '          "b"',
        '        ]',
        '      }',
        '    }',
        '  ],',
      ].join('\n'),
    );
  });

  it('writes null impact without --base', () => {
    expect(renderJson(makeReport())).toBe(
      [
        '{',
        '  "tool": {',
        '    "name": "rolesmith",',
        '    "version": "0.1.0"',
        '  },',
        '  "summary": {',
        '    "error": 0,',
        '    "warning": 0,',
        '    "note": 0,',
        '    "failed": false',
        '  },',
        '  "findings": [],',
        '  "impact": null',
        '}',
        '',
      ].join('\n'),
    );
  });
});
