import { describe, expect, it } from 'vitest';
import type { QualityIssue, QualityReport } from '../inventory/quality.ts';
import { renderQualityText } from './quality-text.ts';

const plain = { color: false };

const QUALITY_REPORT: QualityReport = {
  dataDate: '2026-06-30T12:00:00.000Z',
  totals: { identities: 4, entitlements: 3, assignments: 5 },
  identitiesByKind: { human: 3, 'service-account': 1 },
  entitlementsBySystem: { aws: 1, sap: 2 },
  assignmentsBySystem: { aws: 2, sap: 3 },
  sources: [
    {
      source: 'pairs',
      file: 'access.txt',
      sha256:
        '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
  ],
  issues: [
    {
      code: 'identity.orphan',
      severity: 'error',
      count: 1,
      message: 'assignments to identities no source describes',
      fix: 'add the identity or revoke the access',
      examples: ['ghost'],
    },
    {
      code: 'identity.machine-without-owner',
      severity: 'warning',
      count: 12,
      message: 'machine identities without an accountable owner',
      fix: 'set the owner column',
      examples: ['svc-01', 'svc-02'],
    },
    {
      code: 'entitlement.missing-owner',
      severity: 'note',
      count: 2,
      message: 'entitlements without an owner',
      fix: 'fill the owner column',
      examples: ['sap:F110', 'sap:FB60'],
    },
  ],
};

function orphan(): QualityIssue {
  const [first] = QUALITY_REPORT.issues;
  if (first === undefined) throw new Error('the fixture has issues');
  return first;
}

describe('renderQualityText', () => {
  it('shows the largest systems first when there are many', () => {
    const bySystem = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `s${String(i).padStart(2, '0')}`,
        i,
      ]),
    );
    const text = renderQualityText(
      { ...QUALITY_REPORT, entitlementsBySystem: bySystem },
      plain,
    );
    expect(text).toContain(
      'entitlements by system: s11 11, s10 10, s09 9, s08 8, s07 7, s06 6, ' +
        's05 5, s04 4, … 4 more (largest first; --format json lists all)',
    );
  });

  it('renders the counts, sources and issues with examples and fixes', () => {
    expect(renderQualityText(QUALITY_REPORT, plain)).toMatchInlineSnapshot(`
      "Inventory
        4 identities, 3 entitlements, 5 assignments (data as of 2026-06-30)
        identities by kind: human 3, service-account 1
        entitlements by system: aws 1, sap 2
        assignments by system: aws 2, sap 3
        source pairs access.txt sha256:9f86d081884c

      What to fix before mining
      error   1 assignments to identities no source describes [identity.orphan]
              e.g. ghost
              fix: add the identity or revoke the access
      warning 12 machine identities without an accountable owner [identity.machine-without-owner]
              e.g. svc-01, svc-02, … 10 more
              fix: set the owner column
      note    2 entitlements without an owner [entitlement.missing-owner]
              e.g. sap:F110, sap:FB60
              fix: fill the owner column
      "
    `);
  });

  it('says so when there is nothing to fix, without a data date', () => {
    const report: QualityReport = {
      totals: QUALITY_REPORT.totals,
      identitiesByKind: {},
      entitlementsBySystem: {},
      assignmentsBySystem: {},
      sources: [],
      issues: [],
    };

    expect(renderQualityText(report, plain)).toMatchInlineSnapshot(`
      "Inventory
        4 identities, 3 entitlements, 5 assignments
        identities by kind: none
        entitlements by system: none
        assignments by system: none

      No data-quality issues found.
      "
    `);
  });

  it('shows five examples and five source files, counting the rest', () => {
    const report: QualityReport = {
      ...QUALITY_REPORT,
      sources: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => ({
        source: 'csv',
        file: `hr/${name}.csv`,
        sha256: `${name}0`.repeat(8),
      })),
      issues: [
        {
          ...orphan(),
          count: 7,
          examples: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'],
        },
      ],
    };

    const lines = renderQualityText(report, plain).split('\n');

    expect(lines.filter((line) => /^ {2}(source|… and) /.test(line))).toEqual([
      '  source csv hr/a.csv sha256:a0a0a0a0a0a0',
      '  source csv hr/b.csv sha256:b0b0b0b0b0b0',
      '  source csv hr/c.csv sha256:c0c0c0c0c0c0',
      '  source csv hr/d.csv sha256:d0d0d0d0d0d0',
      '  source csv hr/e.csv sha256:e0e0e0e0e0e0',
      '  … and 2 more source files',
    ]);
    expect(lines).toContain('        e.g. u1, u2, u3, u4, u5, … 2 more');
  });

  it('colours severities only when asked', () => {
    const coloured = renderQualityText(QUALITY_REPORT, { color: true });

    expect(coloured).toContain('\u001b[31merror  \u001b[39m 1 assignments');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m 12 machine');
    expect(coloured).toContain('\u001b[36mnote   \u001b[39m 2 entitlements');
    expect(renderQualityText(QUALITY_REPORT, plain)).not.toContain('\u001b');
  });

  it('shows control characters from the data as escapes', () => {
    const report: QualityReport = {
      ...QUALITY_REPORT,
      entitlementsBySystem: { 'sap\u001b[2J': 1 },
      sources: [{ source: 'pairs', file: 'a\u0007.txt', sha256: 'ab' }],
      issues: [{ ...orphan(), examples: ['gh\u001bost'] }],
    };

    const text = renderQualityText(report, plain);

    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('entitlements by system: sap\\u001b[2J 1');
    expect(text).toContain('source pairs a\\u0007.txt sha256:ab');
    expect(text).toContain('e.g. gh\\u001bost');
  });
});
