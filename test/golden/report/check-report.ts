import type { Finding } from '../../../src/model/index.ts';
import type { CheckReport } from '../../../src/report/index.ts';

/**
 * The input behind the report golden files: every severity, findings with
 * and without a file, line or column, and an access impact block.
 */
export const CHECK_REPORT: CheckReport = {
  tool: { name: 'rolesmith', version: '0.1.0' },
  findings: [
    {
      code: 'role-set.cardinality',
      severity: 'warning',
      message:
        'Identity u1050 holds 2 of the finance-approvers roles: journal-approver, payment-approver.',
      subject: {
        identity: 'u1050',
        roles: ['journal-approver', 'payment-approver'],
      },
    },
    {
      code: 'sod.identity-conflict',
      severity: 'error',
      message:
        'Identity u1042 can create a vendor and pay it (P2P-001) through ap-clerk and payment-approver.',
      hint: 'Remove one of the roles, or record a mitigation for P2P-001.',
      subject: {
        identity: 'u1042',
        risk: 'P2P-001',
        roles: ['ap-clerk', 'payment-approver'],
      },
    },
    {
      code: 'exception.expired',
      severity: 'warning',
      message: 'The exception for u1007 on sap:F110 expired on 2026-12-31.',
      hint: 'Renew it with a new `expires`, or delete it.',
      file: 'exceptions/finance.yaml',
      path: '/exceptions/0/expires',
      line: 6,
      column: 14,
      subject: { identity: 'u1007', entitlements: ['sap:F110'] },
    },
    {
      code: 'lp.critical-min-owners',
      severity: 'error',
      message:
        'Role payment-approver grants the critical entitlement sap:F110 but has 1 owner; at least 2 are required.',
      hint: 'Add a second owner under `owners`.',
      file: 'roles/finance/payment-approver.yaml',
      path: '/owners',
      line: 5,
      column: 3,
      subject: { role: 'payment-approver', entitlements: ['sap:F110'] },
    },
    {
      code: 'sod.role-conflict',
      severity: 'error',
      message:
        'Role payment-approver grants both sides of P2P-001: vendor-maintenance | payment-release.',
      file: 'roles/finance/payment-approver.yaml',
      path: '/entitlements',
      line: 9,
      subject: {
        role: 'payment-approver',
        risk: 'P2P-001',
        entitlements: ['sap:F110', 'sap:XK01'],
      },
    },
    {
      code: 'role.no-members',
      severity: 'note',
      message: 'Role treasury-viewer has no members yet.',
      file: 'roles/finance/treasury-viewer.yaml',
      subject: { role: 'treasury-viewer' },
    },
    {
      code: 'schema.unknown-key',
      severity: 'note',
      message: 'Key "team" is not part of the role schema & is ignored.',
      hint: 'Move <team> to `labels`, or remove it.',
      file: 'roles/platform/ci-deploy.yaml',
      path: '/team',
      line: 12,
      column: 1,
      subject: { role: 'ci-deploy' },
    },
  ],
  impact: {
    base: 'origin/main',
    gains: [
      { identity: 'u1042', entitlement: 'sap:F110', via: ['payment-approver'] },
      { identity: 'u1042', entitlement: 'sap:XK01', via: ['payment-approver'] },
      { identity: 'svc-deploy', entitlement: 'aws:iam:deploy', via: [] },
    ],
    losses: [{ identity: 'u1002', entitlement: 'sap:FB60', via: ['ap-clerk'] }],
    newCritical: [{ identity: 'u1042', entitlement: 'sap:F110' }],
    newSodRelevant: [
      { identity: 'u1042', entitlement: 'sap:F110', risks: ['P2P-001'] },
      {
        identity: 'u1042',
        entitlement: 'sap:XK01',
        risks: ['P2P-001', 'P2P-004'],
      },
    ],
    policyChanges: [
      {
        file: 'policies/sod/procure-to-pay.yaml',
        status: 'modified',
        owners: ['@acme/grc', '@acme/internal-audit'],
      },
    ],
  },
  files: [
    'exceptions/finance.yaml',
    'roles/finance/ap-clerk.yaml',
    'roles/finance/payment-approver.yaml',
    'roles/finance/treasury-viewer.yaml',
    'roles/platform/ci-deploy.yaml',
  ],
  failOn: 'error',
};

/** A finding for table-driven tests; only what a case varies is given. */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    code: 'sod.role-conflict',
    severity: 'error',
    message: 'Role ap-clerk grants both sides of P2P-001.',
    ...overrides,
  };
}

/** A report without impact; only what a case varies is given. */
export function makeReport(overrides: Partial<CheckReport> = {}): CheckReport {
  return {
    tool: { name: 'rolesmith', version: '0.1.0' },
    findings: [],
    files: [],
    failOn: 'error',
    ...overrides,
  };
}
