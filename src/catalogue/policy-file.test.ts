import { describe, expect, it } from 'vitest';
import type { PolicySet } from '../model/index.ts';
import { emptyPolicySet } from '../model/index.ts';
import { mergePolicySource } from './policy-file.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlFile } from './yaml-source.ts';

function source(file: string, text: string): YamlSource {
  const result = parseYamlFile(file, new TextEncoder().encode(text));
  if (!result.ok) throw new Error(JSON.stringify(result.findings));
  return result.source;
}

const sod = `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Create or change vendor master data
    entitlements: [sap:XK01, 'erp:vendor:*']
  - id: payment-release
    title: Release payments
    entitlements: [sap:F110]
risks:
  - id: P2P-001
    title: Create a vendor and pay it
    severity: critical
    owner: '@acme/grc'
    rationale: A person who can create a vendor can pay a fictitious one.
    functions: [vendor-maintenance, payment-release]
    outcome: block
  - id: P2P-002
    title: Release payments
    severity: high
    owner: '@acme/grc'
    rationale: Payments are critical.
    functions: [payment-release]
    scope:
      kinds: [human]
      systems: [sap]
    outcome: warn
role_sets:
  - id: finance-approvers
    title: No one holds two approval roles
    roles: [payment-approver, payroll-approver]
    cardinality: 2
    owner: '@acme/grc'
mitigations:
  - id: MIT-2026-004
    risk: P2P-001
    identity: u1042
    control: CTRL-AP-07
    owner: '@acme/internal-audit'
    reason: Weekly review of vendor changes by internal audit.
    expires: 2027-01-31
`;

const leastPrivilege = `least_privilege:
  max_entitlements_per_role: 40
  forbidden_for_machine: ['sap:SU01']
  forbidden_for_human: ['aws:*:role/ci-deploy']
  critical: ['sap:F110']
  critical_min_owners: 3
  max_review_days: 365
`;

function mitigation(extra: string): string {
  return `mitigations:
  - id: MIT-1
    risk: P2P-001
${extra}    control: CTRL-1
    owner: '@acme/audit'
    reason: Weekly review.
    expires: 2027-01-31
`;
}

describe('mergePolicySource', () => {
  it('merges functions, risks, role sets and mitigations with defaults', () => {
    const into = emptyPolicySet();

    const result = mergePolicySource(
      source('policies/sod/p2p.yaml', sod),
      into,
    );

    expect(result).toEqual({ findings: [] });
    expect(into).toEqual<PolicySet>({
      functions: [
        {
          id: 'vendor-maintenance',
          title: 'Create or change vendor master data',
          entitlements: ['sap:XK01', 'erp:vendor:*'],
        },
        {
          id: 'payment-release',
          title: 'Release payments',
          entitlements: ['sap:F110'],
        },
      ],
      risks: [
        {
          id: 'P2P-001',
          title: 'Create a vendor and pay it',
          severity: 'critical',
          owner: '@acme/grc',
          rationale:
            'A person who can create a vendor can pay a fictitious one.',
          functions: ['vendor-maintenance', 'payment-release'],
          scope: { kinds: [], systems: [] },
          outcome: 'block',
        },
        {
          id: 'P2P-002',
          title: 'Release payments',
          severity: 'high',
          owner: '@acme/grc',
          rationale: 'Payments are critical.',
          functions: ['payment-release'],
          scope: { kinds: ['human'], systems: ['sap'] },
          outcome: 'warn',
        },
      ],
      roleSets: [
        {
          id: 'finance-approvers',
          title: 'No one holds two approval roles',
          roles: ['payment-approver', 'payroll-approver'],
          cardinality: 2,
          owner: '@acme/grc',
          outcome: 'block',
        },
      ],
      mitigations: [
        {
          id: 'MIT-2026-004',
          risk: 'P2P-001',
          identity: 'u1042',
          control: 'CTRL-AP-07',
          owner: '@acme/internal-audit',
          reason: 'Weekly review of vendor changes by internal audit.',
          expires: '2027-01-31',
        },
      ],
      leastPrivilege: {
        forbiddenForMachine: [],
        forbiddenForHuman: [],
        critical: [],
      },
      owners: ['@acme/grc'],
      origins: {
        'function:vendor-maintenance': {
          file: 'policies/sod/p2p.yaml',
          path: '/functions/0',
        },
        'function:payment-release': {
          file: 'policies/sod/p2p.yaml',
          path: '/functions/1',
        },
        'risk:P2P-001': { file: 'policies/sod/p2p.yaml', path: '/risks/0' },
        'risk:P2P-002': { file: 'policies/sod/p2p.yaml', path: '/risks/1' },
        'role-set:finance-approvers': {
          file: 'policies/sod/p2p.yaml',
          path: '/role_sets/0',
        },
        'mitigation:MIT-2026-004': {
          file: 'policies/sod/p2p.yaml',
          path: '/mitigations/0',
        },
      },
    });
  });

  it('maps least-privilege rules and records where they came from', () => {
    const into = emptyPolicySet();

    const result = mergePolicySource(
      source('policies/least-privilege.yaml', leastPrivilege),
      into,
    );

    expect(result).toEqual({ findings: [] });
    expect(into.leastPrivilege).toEqual({
      maxEntitlementsPerRole: 40,
      forbiddenForMachine: ['sap:SU01'],
      forbiddenForHuman: ['aws:*:role/ci-deploy'],
      critical: ['sap:F110'],
      criticalMinOwners: 3,
      maxReviewDays: 365,
    });
    expect(into.origins['least-privilege']).toEqual({
      file: 'policies/least-privilege.yaml',
      path: '/least_privilege',
    });
  });

  it('leaves optional least-privilege limits out when not given', () => {
    const into = emptyPolicySet();

    mergePolicySource(
      source('policies/lp.yaml', 'least_privilege: {critical: [sap:F110]}\n'),
      into,
    );

    expect(into.leastPrivilege).toEqual({
      forbiddenForMachine: [],
      forbiddenForHuman: [],
      critical: ['sap:F110'],
    });
  });

  it('merges owners of several files without repeating one', () => {
    const into = emptyPolicySet();

    mergePolicySource(
      source('policies/a.yaml', "owners: ['@acme/grc']\n"),
      into,
    );
    mergePolicySource(
      source('policies/b.yaml', "owners: ['@acme/audit', '@acme/grc']\n"),
      into,
    );

    expect(into.owners).toEqual(['@acme/grc', '@acme/audit']);
  });

  describe('duplicate ids', () => {
    it('reports every id declared again in a second file, naming the first', () => {
      const into = emptyPolicySet();
      mergePolicySource(source('policies/sod/p2p.yaml', sod), into);

      const result = mergePolicySource(source('policies/copy.yaml', sod), into);

      expect(
        result.findings.map((f) => [f.code, f.file, f.path, f.line, f.column]),
      ).toEqual([
        ['policy.duplicate-id', 'policies/copy.yaml', '/functions/0', 3, 5],
        ['policy.duplicate-id', 'policies/copy.yaml', '/functions/1', 6, 5],
        ['policy.duplicate-id', 'policies/copy.yaml', '/risks/0', 10, 5],
        ['policy.duplicate-id', 'policies/copy.yaml', '/risks/1', 17, 5],
        ['policy.duplicate-id', 'policies/copy.yaml', '/role_sets/0', 28, 5],
        ['policy.duplicate-id', 'policies/copy.yaml', '/mitigations/0', 34, 5],
      ]);
      expect(result.findings.map((f) => f.message)).toMatchInlineSnapshot(`
        [
          "function id "vendor-maintenance" is already declared in policies/sod/p2p.yaml",
          "function id "payment-release" is already declared in policies/sod/p2p.yaml",
          "risk id "P2P-001" is already declared in policies/sod/p2p.yaml",
          "risk id "P2P-002" is already declared in policies/sod/p2p.yaml",
          "role-set id "finance-approvers" is already declared in policies/sod/p2p.yaml",
          "mitigation id "MIT-2026-004" is already declared in policies/sod/p2p.yaml",
        ]
      `);
      expect(result.findings[0]).toMatchObject({
        severity: 'error',
        hint: 'policy ids are unique across all policy files; rename one',
      });
    });

    it('keeps the first declaration of a duplicate id', () => {
      const into = emptyPolicySet();
      const risk = (title: string) =>
        `risks:\n  - {id: R1, title: ${title}, severity: low, owner: '@g', ` +
        `rationale: r, functions: [f], outcome: warn}\n`;
      mergePolicySource(source('policies/a.yaml', risk('First')), into);

      mergePolicySource(source('policies/b.yaml', risk('Second')), into);

      expect(into.risks.map((r) => r.title)).toEqual(['First']);
      expect(into.origins['risk:R1']).toEqual({
        file: 'policies/a.yaml',
        path: '/risks/0',
      });
    });

    it('reports an id repeated within one file', () => {
      const text =
        'functions:\n  - {id: f, title: A, entitlements: [sap:A]}\n  - ' +
        '{id: f, title: B, entitlements: [sap:B]}\n';

      const result = mergePolicySource(
        source('policies/a.yaml', text),
        emptyPolicySet(),
      );

      expect(result.findings.map((f) => [f.path, f.line, f.message])).toEqual([
        [
          '/functions/1',
          3,
          'function id "f" is already declared in policies/a.yaml',
        ],
      ]);
    });

    it('allows the same id for items of different kinds', () => {
      const text = `functions:
  - {id: same, title: F, entitlements: [sap:A]}
role_sets:
  - {id: same, title: S, roles: [a, b], cardinality: 2, owner: '@g'}
`;

      const result = mergePolicySource(
        source('policies/a.yaml', text),
        emptyPolicySet(),
      );

      expect(result.findings).toEqual([]);
    });

    it('reports least-privilege rules declared in two files', () => {
      const into = emptyPolicySet();
      mergePolicySource(source('policies/lp.yaml', leastPrivilege), into);

      const result = mergePolicySource(
        source(
          'policies/more.yaml',
          "owners: ['@g']\nleast_privilege:\n  critical: [x:y]\n  role_schema: role.schema.json\n",
        ),
        into,
      );

      expect(result).toEqual({
        findings: [
          {
            code: 'policy.duplicate-id',
            severity: 'error',
            file: 'policies/more.yaml',
            path: '/least_privilege',
            line: 3,
            column: 3,
            message:
              'least-privilege id "rules" is already declared in policies/lp.yaml',
            hint: 'policy ids are unique across all policy files; rename one',
          },
        ],
      });
      expect(into.leastPrivilege.critical).toEqual(['sap:F110']);
    });
  });

  describe('mitigations', () => {
    it.each([
      ['an identity', '    identity: u1042\n', { identity: 'u1042' }],
      ['a role', '    role: ap-clerk\n', { role: 'ap-clerk' }],
    ])('accepts a mitigation for %s', (_name, extra, subject) => {
      const into = emptyPolicySet();

      const result = mergePolicySource(
        source('policies/m.yaml', mitigation(extra)),
        into,
      );

      expect(result.findings).toEqual([]);
      expect(into.mitigations).toEqual([
        {
          id: 'MIT-1',
          risk: 'P2P-001',
          ...subject,
          control: 'CTRL-1',
          owner: '@acme/audit',
          reason: 'Weekly review.',
          expires: '2027-01-31',
        },
      ]);
    });

    it.each([
      ['neither an identity nor a role', ''],
      [
        'both an identity and a role',
        '    identity: u1042\n    role: ap-clerk\n',
      ],
    ])('rejects a mitigation with %s', (_name, extra) => {
      const into = emptyPolicySet();

      const result = mergePolicySource(
        source('policies/m.yaml', mitigation(extra)),
        into,
      );

      expect(result.findings).toEqual([
        {
          code: 'schema.invalid',
          severity: 'error',
          file: 'policies/m.yaml',
          path: '/mitigations/0',
          line: 2,
          column: 5,
          message:
            '"/mitigations/0" must match exactly one of the allowed forms',
          hint: 'see docs/formats.md for the file format',
        },
      ]);
      expect(into.mitigations).toEqual([]);
    });

    it('rejects a mitigation without an expiry date', () => {
      const text = mitigation('    identity: u1\n').replace(
        '    expires: 2027-01-31\n',
        '',
      );

      const result = mergePolicySource(
        source('policies/m.yaml', text),
        emptyPolicySet(),
      );

      expect(result.findings.map((f) => [f.path, f.line, f.message])).toEqual([
        [
          '/mitigations/0',
          2,
          'missing required property "expires" in "/mitigations/0"',
        ],
      ]);
    });
  });

  describe('schema problems', () => {
    it.each([
      {
        name: 'an empty file',
        text: '{}\n',
        path: '',
        line: 1,
        message: 'the file must NOT have fewer than 1 properties',
      },
      {
        name: 'an unknown top-level key',
        text: 'rules: []\n',
        path: '/rules',
        line: 1,
        message: 'unknown property "rules" in the file',
      },
      {
        name: 'a severity outside the enum',
        text:
          'risks:\n  - {id: R, title: T, severity: extreme, owner: "@g", ' +
          'rationale: r, functions: [f], outcome: block}\n',
        path: '/risks/0/severity',
        line: 2,
        message:
          '"/risks/0/severity" must be one of: low, medium, high, critical',
      },
      {
        name: 'an outcome outside the enum',
        text:
          'risks:\n  - {id: R, title: T, severity: low, owner: "@g", ' +
          'rationale: r, functions: [f], outcome: deny}\n',
        path: '/risks/0/outcome',
        line: 2,
        message: '"/risks/0/outcome" must be one of: block, warn',
      },
      {
        name: 'a role set with a cardinality of 1',
        text: 'role_sets:\n  - {id: S, title: T, roles: [a, b], cardinality: 1, owner: "@g"}\n',
        path: '/role_sets/0/cardinality',
        line: 2,
        message: '"/role_sets/0/cardinality" must be >= 2',
      },
      {
        name: 'a role schema path with a backslash',
        text: 'least_privilege:\n  role_schema: schemas\\role.json\n',
        path: '/least_privilege/role_schema',
        line: 2,
        message:
          '"/least_privilege/role_schema" does not match the expected form ' +
          '^[A-Za-z0-9._/-]+\\.json$',
      },
      {
        name: 'a role schema that is not JSON',
        text: 'least_privilege:\n  role_schema: role.schema.yaml\n',
        path: '/least_privilege/role_schema',
        line: 2,
        message:
          '"/least_privilege/role_schema" does not match the expected form ' +
          '^[A-Za-z0-9._/-]+\\.json$',
      },
    ])('rejects $name and merges nothing', (row) => {
      const into = emptyPolicySet();

      const result = mergePolicySource(
        source('policies/x.yaml', row.text),
        into,
      );

      expect(
        result.findings.map((f) => [f.code, f.path, f.line, f.message]),
      ).toEqual([['schema.invalid', row.path, row.line, row.message]]);
      expect(into).toEqual(emptyPolicySet());
    });
  });

  describe('role schema reference', () => {
    it.each([
      [
        'policies/least-privilege.yaml',
        'role.schema.json',
        'policies/role.schema.json',
      ],
      [
        'policies/sod/lp.yaml',
        'role.schema.json',
        'policies/sod/role.schema.json',
      ],
      [
        'policies/sod/lp.yaml',
        '../schemas/role.json',
        'policies/schemas/role.json',
      ],
      ['policies/sod/lp.yaml', './x/./role.json', 'policies/sod/x/role.json'],
      ['policies/sod/lp.yaml', 'x//role.json', 'policies/sod/x/role.json'],
      ['policies/lp.yaml', '../role.json', 'role.json'],
      ['policies/lp.yaml', '../../../../etc/passwd.json', 'etc/passwd.json'],
      ['policies/lp.yaml', '/etc/role.json', 'policies/etc/role.json'],
      ['lp.yaml', 'role.json', 'role.json'],
      ['lp.yaml', '../role.json', 'role.json'],
    ])(
      'resolves %s → %s as %s inside the repository',
      (file, roleSchema, resolved) => {
        const result = mergePolicySource(
          source(file, `least_privilege:\n  role_schema: ${roleSchema}\n`),
          emptyPolicySet(),
        );

        expect(result).toEqual({
          findings: [],
          roleSchema: { file: resolved, from: file },
        });
      },
    );

    it('returns no reference when least_privilege names no schema', () => {
      const result = mergePolicySource(
        source('policies/lp.yaml', leastPrivilege),
        emptyPolicySet(),
      );

      expect(result).not.toHaveProperty('roleSchema');
    });
  });
});
