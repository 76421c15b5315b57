import { describe, expect, it } from 'vitest';
import {
  CHECK_REPORT,
  makeFinding,
  makeReport,
} from '../../test/golden/report/check-report.ts';
import type { AccessImpactSummary } from './report-input.ts';
import { renderText } from './text.ts';

const plain = { color: false };

const emptyImpact: AccessImpactSummary = {
  base: 'origin/main',
  gains: [],
  losses: [],
  newCritical: [],
  newSodRelevant: [],
  policyChanges: [],
};

describe('renderText', () => {
  it('renders findings by file, the impact and a verdict', () => {
    expect(renderText(CHECK_REPORT, plain)).toMatchInlineSnapshot(`
      "(catalogue)  warning  role-set.cardinality  Identity u1050 holds 2 of the finance-approvers roles: journal-approver, payment-approver.
      (catalogue)  error    sod.identity-conflict  Identity u1042 can create a vendor and pay it (P2P-001) through ap-clerk and payment-approver.
          hint: Remove one of the roles, or record a mitigation for P2P-001.

      exceptions/finance.yaml:6:14  warning  exception.expired  The exception for u1007 on sap:F110 expired on 2026-12-31.
          hint: Renew it with a new \`expires\`, or delete it.

      roles/finance/payment-approver.yaml:5:3  error    lp.critical-min-owners  Role payment-approver grants the critical entitlement sap:F110 but has 1 owner; at least 2 are required.
          hint: Add a second owner under \`owners\`.
      roles/finance/payment-approver.yaml:9    error    sod.role-conflict  Role payment-approver grants both sides of P2P-001: vendor-maintenance | payment-release.

      roles/finance/treasury-viewer.yaml  note     role.no-members  Role treasury-viewer has no members yet.

      roles/platform/ci-deploy.yaml:12:1  note     schema.unknown-key  Key "team" is not part of the role schema & is ignored.
          hint: Move <team> to \`labels\`, or remove it.

      Access impact against origin/main
        Gained (3):
          + u1042  sap:F110  via payment-approver
          + u1042  sap:XK01  via payment-approver
          + svc-deploy  aws:iam:deploy
        Lost (1):
          - u1002  sap:FB60  via ap-clerk
        New critical access (1):
          ! u1042  sap:F110
        New SoD-relevant access (2):
          ! u1042  sap:F110  risks P2P-001
          ! u1042  sap:XK01  risks P2P-001, P2P-004
        Policy changes needing policy-owner approval (1):
          modified  policies/sod/procure-to-pay.yaml  owners @acme/grc, @acme/internal-audit

      ✖ Failed: 3 errors, 2 warnings, 2 notes in 5 checked files (--fail-on error)
      "
    `);
  });

  it('sorts findings within a file by line and column', () => {
    const report = makeReport({
      findings: [
        makeFinding({ file: 'a.yaml', line: 9, column: 2, code: 'x.late' }),
        makeFinding({ file: 'a.yaml', line: 3, column: 7, code: 'x.mid' }),
        makeFinding({ file: 'a.yaml', line: 3, column: 1, code: 'x.early' }),
      ],
    });

    const codes = renderText(report, plain).match(/x\.\w+/g);

    expect(codes).toEqual(['x.early', 'x.mid', 'x.late']);
  });

  it.each([
    [true, '\u001b[31merror  \u001b[39m'],
    [false, 'a.yaml:1  error    '],
  ])('with color %s writes %j', (color, expected) => {
    const report = makeReport({
      findings: [makeFinding({ file: 'a.yaml', line: 1 })],
    });

    const output = renderText(report, { color });

    expect(output).toContain(expected);
    expect(output.includes('\u001b')).toBe(color);
  });

  it('shows control characters from the catalogue as escapes', () => {
    const report = makeReport({
      findings: [makeFinding({ message: 'Role \u001b[2Jtitle\r.' })],
    });

    expect(renderText(report, plain)).toContain('Role \\u001b[2Jtitle\\u000d.');
  });

  it('indents continuation lines of messages and hints', () => {
    const report = makeReport({
      findings: [makeFinding({ message: 'one\ntwo', hint: 'three\nfour' })],
    });

    expect(renderText(report, plain)).toBe(
      [
        '(catalogue)  error    sod.role-conflict  one',
        '    two',
        '    hint: three',
        '    four',
        '',
        '✖ Failed: 1 error, 0 warnings, 0 notes in 0 checked files (--fail-on error)',
        '',
      ].join('\n'),
    );
  });

  it('caps each impact list and counts the rest', () => {
    const gains = Array.from({ length: 12 }, (_, i) => ({
      identity: `u${i}`,
      entitlement: 'sap:F110',
      via: [],
    }));
    const report = makeReport({ impact: { ...emptyImpact, gains } });

    const output = renderText(report, plain);

    expect(output).toContain('  Gained (12):\n    + u0  sap:F110\n');
    expect(output).toContain('    + u9  sap:F110\n    … and 2 more\n');
    expect(output).not.toContain('u10');
  });

  it('says so when the change grants and removes nothing', () => {
    const report = makeReport({ impact: emptyImpact, files: ['a.yaml'] });

    expect(renderText(report, plain)).toBe(
      [
        'Access impact against origin/main: no changes',
        '',
        '✔ Passed: no findings in 1 checked file (--fail-on error)',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['never', 'error', '✔ Passed: 1 error, 0 warnings, 0 notes'],
    ['warning', 'warning', '✖ Failed: 0 errors, 1 warning, 0 notes'],
    ['warning', 'note', '✔ Passed: 0 errors, 0 warnings, 1 note'],
  ] as const)(
    'with --fail-on %s and one %s, says %j',
    (failOn, severity, expected) => {
      const report = makeReport({
        failOn,
        files: ['a.yaml', 'b.yaml'],
        findings: [makeFinding({ severity })],
      });

      expect(renderText(report, plain)).toContain(
        `${expected} in 2 checked files (--fail-on ${failOn})\n`,
      );
    },
  );
});
