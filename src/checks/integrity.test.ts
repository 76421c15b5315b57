import { describe, expect, it } from 'vitest';
import type {
  Finding,
  Mitigation,
  PolicyOrigin,
  RoleSetConstraint,
} from '../model/index.ts';
import { evaluateIntegrity } from './integrity.ts';
import type { CatalogueSpec } from './fixtures.ts';
import {
  buildCatalogue,
  buildFunction,
  buildRisk,
  buildRole,
} from './fixtures.ts';

function roleSet(
  id: string,
  roles: string[],
  cardinality = 2,
): RoleSetConstraint {
  return { id, title: id, roles, cardinality, owner: '@g', outcome: 'block' };
}

function mitigation(id: string, fields: Partial<Mitigation>): Mitigation {
  return {
    id,
    risk: 'R1',
    control: 'CTRL-1',
    owner: '@audit',
    reason: 'Weekly review.',
    expires: '2030-01-01',
    ...fields,
  };
}

const origins: Record<string, PolicyOrigin> = {
  'function:pay': { file: 'policies/sod.yaml', path: '/functions/0' },
  'function:empty': { file: 'policies/sod.yaml', path: '/functions/1' },
  'risk:R1': { file: 'policies/sod.yaml', path: '/risks/0' },
  'role-set:approvers': { file: 'policies/sets.yaml', path: '/role_sets/0' },
  'mitigation:M1': { file: 'policies/mit.yaml', path: '/mitigations/0' },
};

type Expected = Pick<Finding, 'code' | 'severity' | 'file' | 'path'> &
  Partial<Pick<Finding, 'subject'>>;

interface Case {
  name: string;
  catalogue: CatalogueSpec;
  expected: Expected[];
}

const payer = buildRole({ id: 'payer', entitlements: ['sap:F110'] });
const clerk = buildRole({ id: 'clerk', entitlements: ['sap:FB60'] });

const cases: Case[] = [
  {
    name: 'accepts a consistent catalogue',
    catalogue: {
      roles: [payer, clerk],
      policies: {
        functions: [buildFunction('pay', ['sap:F110'])],
        risks: [buildRisk({ id: 'R1', functions: ['pay'] })],
        roleSets: [roleSet('approvers', ['payer', 'clerk'])],
        mitigations: [mitigation('M1', { role: 'payer' })],
        origins,
      },
    },
    expected: [],
  },
  {
    name: 'reports a role id declared in a second file',
    catalogue: {
      roles: [payer, buildRole({ id: 'payer', file: 'roles/b/payer.yaml' })],
    },
    expected: [
      {
        code: 'role.duplicate-id',
        severity: 'error',
        file: 'roles/b/payer.yaml',
        path: '/id',
        subject: { role: 'payer' },
      },
    ],
  },
  {
    name: 'reports repeated entitlements and members at their index',
    catalogue: {
      roles: [
        buildRole({
          id: 'r',
          entitlements: ['x:a', 'x:b', 'x:a'],
          members: ['u1', 'u1'],
        }),
      ],
    },
    expected: [
      {
        code: 'role.duplicate-entitlement',
        severity: 'warning',
        file: 'roles/r.yaml',
        path: '/entitlements/2',
        subject: { role: 'r', entitlements: ['x:a'] },
      },
      {
        code: 'role.duplicate-member',
        severity: 'warning',
        file: 'roles/r.yaml',
        path: '/membership/identities/1',
        subject: { role: 'r', identity: 'u1' },
      },
    ],
  },
  {
    name: 'reports a policy id declared twice once, at its known origin',
    catalogue: {
      policies: {
        functions: [buildFunction('pay', ['sap:F110'])],
        risks: [
          buildRisk({ id: 'R1', functions: ['pay'] }),
          buildRisk({ id: 'R1', functions: ['pay'] }),
          buildRisk({ id: 'R1', functions: ['pay'] }),
        ],
        origins,
      },
    },
    expected: [
      {
        code: 'policy.duplicate-id',
        severity: 'error',
        file: 'policies/sod.yaml',
        path: '/risks/0',
        subject: { risk: 'R1' },
      },
    ],
  },
  {
    name: 'reports a function without entitlements and a dangling function',
    catalogue: {
      policies: {
        functions: [buildFunction('empty', [])],
        risks: [buildRisk({ id: 'R1', functions: ['empty', 'pay'] })],
        origins,
      },
    },
    expected: [
      {
        code: 'policy.empty-function',
        severity: 'warning',
        file: 'policies/sod.yaml',
        path: '/functions/1/entitlements',
      },
      {
        code: 'policy.unknown-function',
        severity: 'error',
        file: 'policies/sod.yaml',
        path: '/risks/0/functions/1',
        subject: { risk: 'R1' },
      },
    ],
  },
  {
    name: 'reports unknown roles of a role set',
    catalogue: {
      roles: [payer],
      policies: {
        roleSets: [roleSet('approvers', ['payer', 'ghost', 'phantom'])],
        origins,
      },
    },
    expected: [
      {
        code: 'policy.unknown-role',
        severity: 'error',
        file: 'policies/sets.yaml',
        path: '/role_sets/0/roles/1',
        subject: { role: 'ghost' },
      },
      {
        code: 'policy.unknown-role',
        severity: 'error',
        file: 'policies/sets.yaml',
        path: '/role_sets/0/roles/2',
        subject: { role: 'phantom' },
      },
    ],
  },
  ...[1, 3, 2.5].map((cardinality): Case => ({
    name: `rejects a role set of two roles with cardinality ${cardinality}`,
    catalogue: {
      roles: [payer, clerk],
      policies: {
        roleSets: [roleSet('approvers', ['payer', 'clerk'], cardinality)],
        origins,
      },
    },
    expected: [
      {
        code: 'role-set.cardinality',
        severity: 'error',
        file: 'policies/sets.yaml',
        path: '/role_sets/0/cardinality',
        subject: { roles: ['payer', 'clerk'] },
      },
    ],
  })),
  {
    name: 'reports a mitigation naming an unknown risk and role',
    catalogue: {
      policies: {
        mitigations: [mitigation('M1', { risk: 'R9', role: 'ghost' })],
        origins,
      },
    },
    expected: [
      {
        code: 'policy.unknown-risk',
        severity: 'error',
        file: 'policies/mit.yaml',
        path: '/mitigations/0/risk',
        subject: { risk: 'R9' },
      },
      {
        code: 'policy.unknown-role',
        severity: 'error',
        file: 'policies/mit.yaml',
        path: '/mitigations/0/role',
        subject: { role: 'ghost', risk: 'R9' },
      },
    ],
  },
  {
    name: 'leaves file and path out when a policy has no origin',
    catalogue: {
      policies: { risks: [buildRisk({ id: 'R2', functions: ['nope'] })] },
    },
    expected: [
      {
        code: 'policy.unknown-function',
        severity: 'error',
        file: undefined,
        path: undefined,
        subject: { risk: 'R2' },
      },
    ],
  },
];

describe('evaluateIntegrity', () => {
  it.each(cases)('$name', ({ catalogue, expected }) => {
    const findings = evaluateIntegrity(buildCatalogue(catalogue));

    expect(
      findings.map(({ code, severity, file, path, subject }) => ({
        code,
        severity,
        file,
        path,
        ...(subject !== undefined && { subject }),
      })),
    ).toEqual(expected);
  });

  it('writes a message and a hint on every finding', () => {
    const findings = evaluateIntegrity(
      buildCatalogue({
        roles: [buildRole({ id: 'r', entitlements: ['x:a', 'x:a'] })],
      }),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        message: 'Role r lists entitlement x:a twice',
        hint: 'Remove the repeated entry.',
      }),
    ]);
  });
});
