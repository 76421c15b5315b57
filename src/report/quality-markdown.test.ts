import { describe, expect, it } from 'vitest';
import type { QualityIssue, QualityReport } from '../inventory/quality.ts';
import { renderQualityMarkdown } from './quality-markdown.ts';

const orphan: QualityIssue = {
  code: 'identity.orphan',
  severity: 'error',
  count: 1,
  message: 'assignments to identities no source describes',
  fix: 'add the identity or revoke the access',
  examples: ['ghost'],
};

const REPORT: QualityReport = {
  dataDate: '2026-06-30T12:00:00.000Z',
  totals: { identities: 4, entitlements: 3, assignments: 5 },
  identitiesByKind: { human: 3, 'service-account': 1 },
  entitlementsBySystem: { sap: 2, aws: 1 },
  assignmentsBySystem: { sap: 3, github: 2 },
  sources: [{ source: 'pairs', file: 'access.txt', sha256: 'ab' }],
  issues: [
    orphan,
    {
      code: 'identity.machine-without-owner',
      severity: 'warning',
      count: 12,
      message: 'machine identities without an accountable owner',
      fix: 'set the owner column',
      examples: ['svc-01', 'svc-02', 'svc-03', 'svc-04', 'svc-05', 'svc-06'],
    },
  ],
};

describe('renderQualityMarkdown', () => {
  it('renders counts per kind and system and a table of issues', () => {
    expect(renderQualityMarkdown(REPORT)).toMatchInlineSnapshot(`
      "## Inventory data quality

      4 identities, 3 entitlements, 5 assignments, data as of 2026-06-30.

      | identities by kind | count |
      | --- | ---: |
      | human | 3 |
      | service-account | 1 |

      | system | entitlements | assignments |
      | --- | ---: | ---: |
      | aws | 1 | 0 |
      | github | 0 | 2 |
      | sap | 2 | 3 |

      ### What to fix before mining

      | severity | count | issue | examples | fix |
      | --- | ---: | --- | --- | --- |
      | error | 1 | assignments to identities no source describes \`identity.orphan\` | \`ghost\` | add the identity or revoke the access |
      | warning | 12 | machine identities without an accountable owner \`identity.machine-without-owner\` | \`svc-01\` \`svc-02\` \`svc-03\` \`svc-04\` \`svc-05\` … 7 more | set the owner column |
      "
    `);
  });

  it('says so when there is nothing to fix, without a data date', () => {
    const report: QualityReport = {
      totals: { identities: 0, entitlements: 0, assignments: 0 },
      identitiesByKind: {},
      entitlementsBySystem: {},
      assignmentsBySystem: {},
      sources: [],
      issues: [],
    };

    expect(renderQualityMarkdown(report)).toMatchInlineSnapshot(`
      "## Inventory data quality

      0 identities, 0 entitlements, 0 assignments.

      | identities by kind | count |
      | --- | ---: |

      | system | entitlements | assignments |
      | --- | ---: | ---: |

      No data-quality issues found.
      "
    `);
  });

  it('keeps data from breaking out of its table cell', () => {
    const report: QualityReport = {
      ...REPORT,
      identitiesByKind: { 'a|b': 1 },
      entitlementsBySystem: { '<details>': 1 },
      assignmentsBySystem: {},
      issues: [{ ...orphan, examples: ['u|1', 'x`y', 'two\nlines'] }],
    };

    const lines = renderQualityMarkdown(report).split('\n');

    expect(lines).toContain('| a\\|b | 1 |');
    expect(lines).toContain('| \\<details\\> | 1 | 0 |');
    expect(lines.at(-2)).toBe(
      '| error | 1 | assignments to identities no source describes ' +
        '`identity.orphan` | `u\\|1` ``x`y`` `two lines` | add the ' +
        'identity or revoke the access |',
    );
  });
});
