import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { runRolesmith } from './helpers/run-cli.ts';

const policy = (outcome: 'block' | 'warn') => `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Maintain vendors
    entitlements: [sap:XK01, sap:XK02]
  - id: payment-release
    title: Release payments
    entitlements: [sap:F110]
risks:
  - id: P2P-001
    title: Create a vendor and pay it
    severity: critical
    owner: '@acme/grc'
    rationale: A fictitious vendor could be created and paid.
    functions: [vendor-maintenance, payment-release]
    outcome: ${outcome}
`;

const role = (id: string, entitlements: string[], members: string[]) =>
  `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance', '@acme/grc']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
review:
  next_review: 2027-06-01
labels: [finance]
`;

describe('rolesmith check --base', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  it('fails a change that adds a toxic role and relaxes the policy in one commit', async () => {
    repo = await createTempRepo({
      'policies/sod.yaml': policy('block'),
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    await repo.git('branch', 'base');
    await repo.commit('add a toxic role and relax the rule', {
      'policies/sod.yaml': policy('warn'),
      'roles/vendor-payer.yaml': role(
        'vendor-payer',
        ['sap:XK01', 'sap:F110'],
        ['u2'],
      ),
    });

    const judged = await runRolesmith(
      ['check', '--base', 'base', '--format', 'json'],
      repo.dir,
    );
    const withoutBase = await runRolesmith(
      ['check', '--format', 'json'],
      repo.dir,
    );

    expect(judged.code).toBe(1);
    const report = JSON.parse(judged.stdout) as {
      findings: { code: string; severity: string; subject?: object }[];
      impact: { gains: { identity: string; entitlement: string }[] };
    };
    const conflict = report.findings.find(
      (f) => f.code === 'sod.role-conflict',
    );
    expect(conflict).toMatchObject({
      severity: 'error',
      subject: { role: 'vendor-payer', risk: 'P2P-001' },
    });
    expect(report.findings.map((f) => f.code)).toContain('policy.changed');
    expect(report.impact.gains).toEqual([
      expect.objectContaining({ identity: 'u2', entitlement: 'sap:F110' }),
      expect.objectContaining({ identity: 'u2', entitlement: 'sap:XK01' }),
    ]);
    // Judged by its own relaxed rules, the same change would pass.
    expect(withoutBase.code).toBe(0);
  });

  it('points new critical access at the line of the role that grants it', async () => {
    const rules = `${policy('block')}least_privilege:\n  critical: [sap:F110]\n`;
    repo = await createTempRepo({
      'policies/sod.yaml': rules,
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    await repo.git('branch', 'base');
    await repo.write({
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60', 'sap:F110'], ['u1']),
    });

    const result = await runRolesmith(
      ['check', '--base', 'base', '--format', 'json'],
      repo.dir,
    );

    const report = JSON.parse(result.stdout) as {
      findings: { code: string; file?: string; line?: number }[];
    };
    expect(
      report.findings.filter((f) => f.code === 'impact.new-critical-access'),
    ).toEqual([
      expect.objectContaining({ file: 'roles/ap-clerk.yaml', line: 5 }),
    ]);
  });

  it('judges a catalogue in a sub-folder of the repository by its base policies', async () => {
    repo = await createTempRepo({
      'catalogue/policies/sod.yaml': policy('block'),
      'catalogue/roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    await repo.git('branch', 'base');
    await repo.commit('relax the rule and add a toxic role', {
      'catalogue/policies/sod.yaml': policy('warn'),
      'catalogue/roles/vendor-payer.yaml': role(
        'vendor-payer',
        ['sap:XK01', 'sap:F110'],
        ['u2'],
      ),
    });

    const result = await runRolesmith(
      ['check', 'catalogue', '--base', 'base', '--format', 'json'],
      repo.dir,
    );

    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: { code: string; severity: string; file?: string }[];
    };
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'sod.role-conflict', severity: 'error' }),
    );
    expect(
      report.findings
        .filter((f) => f.code === 'policy.changed')
        .map((f) => f.file),
    ).toEqual(['policies/sod.yaml']);
  });

  it('asks the owners of the changed policy file, as the base names them', async () => {
    repo = await createTempRepo({
      'policies/sod.yaml': policy('block'),
      'policies/payroll.yaml': "owners: ['@acme/payroll']\nfunctions: []\n",
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    await repo.git('branch', 'base');
    await repo.write({
      'policies/payroll.yaml':
        "owners: ['@acme/someone-else']\nfunctions: []\n",
    });

    const result = await runRolesmith(
      ['check', '--base', 'base', '--format', 'json'],
      repo.dir,
    );

    const report = JSON.parse(result.stdout) as {
      impact: { policyChanges: { file: string; owners: string[] }[] };
    };
    expect(report.impact.policyChanges).toEqual([
      {
        file: 'policies/payroll.yaml',
        status: 'modified',
        owners: ['@acme/payroll'],
      },
    ]);
  });

  it('warns that criteria changes cannot be resolved without an inventory', async () => {
    repo = await createTempRepo({
      'policies/sod.yaml': policy('block'),
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    await repo.git('branch', 'base');
    await repo.write({
      'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']).replace(
        'membership:\n',
        'membership:\n  criteria:\n    - department: Finance\n',
      ),
    });

    const result = await runRolesmith(
      ['check', '--base', 'base', '--format', 'json'],
      repo.dir,
    );

    const report = JSON.parse(result.stdout) as {
      findings: { code: string; file?: string }[];
    };
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: 'impact.criteria-unresolved',
        file: 'roles/ap-clerk.yaml',
      }),
    );
  });

  it('reports a missing base ref as a usage error', async () => {
    repo = await createTempRepo({ 'policies/sod.yaml': policy('block') });

    const result = await runRolesmith(['check', '--base', 'nope'], repo.dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot resolve the git ref "nope"');
    expect(result.stderr).not.toContain('    at ');
  });
});
