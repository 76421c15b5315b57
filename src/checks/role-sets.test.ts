import { describe, expect, it } from 'vitest';
import type { IdentityGrants } from './access-types.ts';
import type { Finding, RoleSetConstraint } from '../model/index.ts';
import { evaluateRoleSets } from './role-sets.ts';
import {
  buildGrants,
  buildPolicies,
  buildRoleSet,
  SOD_FILE,
  TODAY,
} from './test-builders.ts';

const approvers = buildRoleSet(
  'finance-approvers',
  ['payment-approver', 'payroll-approver', 'journal-approver'],
  2,
);

function run(
  identities: IdentityGrants[],
  roleSets: RoleSetConstraint[] = [approvers],
): Finding[] {
  return evaluateRoleSets({ identities }, buildPolicies({ roleSets }), {
    today: TODAY,
  });
}

interface Case {
  name: string;
  identities: IdentityGrants[];
  roleSets?: RoleSetConstraint[];
  expected: Partial<Finding>[];
}

const cases: Case[] = [
  {
    name: 'reports an identity holding as many roles as the cardinality',
    identities: [
      buildGrants('u1', ['ap-clerk', 'payment-approver', 'payroll-approver']),
    ],
    expected: [
      {
        code: 'sod.role-set',
        severity: 'error',
        subject: {
          identity: 'u1',
          risk: 'finance-approvers',
          roles: ['payment-approver', 'payroll-approver'],
        },
      },
    ],
  },
  {
    name: 'passes an identity holding fewer roles than the cardinality',
    identities: [buildGrants('u1', ['ap-clerk', 'payment-approver'])],
    expected: [],
  },
  {
    name: 'lists every held role of the set when above the cardinality',
    identities: [
      buildGrants('u1', [
        'payroll-approver',
        'journal-approver',
        'payment-approver',
      ]),
    ],
    expected: [
      {
        code: 'sod.role-set',
        severity: 'error',
        subject: {
          identity: 'u1',
          risk: 'finance-approvers',
          roles: ['journal-approver', 'payment-approver', 'payroll-approver'],
        },
      },
    ],
  },
  {
    name: 'counts a role held twice once',
    identities: [buildGrants('u1', ['payment-approver', 'payment-approver'])],
    expected: [],
  },
  {
    name: 'reports a warn outcome as a warning, per identity',
    identities: [
      buildGrants('u2', ['payment-approver', 'journal-approver']),
      buildGrants('u1', ['ap-clerk']),
    ],
    roleSets: [{ ...approvers, outcome: 'warn' }],
    expected: [
      {
        code: 'sod.role-set',
        severity: 'warning',
        subject: {
          identity: 'u2',
          risk: 'finance-approvers',
          roles: ['journal-approver', 'payment-approver'],
        },
      },
    ],
  },
];

describe('evaluateRoleSets', () => {
  it.each(cases)('$name', ({ identities, roleSets, expected }) => {
    const findings = run(identities, roleSets);

    expect(
      findings.map(({ code, severity, subject }) => ({
        code,
        severity,
        subject,
      })),
    ).toEqual(expected);
  });

  it('points at the role set and explains the limit', () => {
    const [finding] = run([
      buildGrants('u1', ['payment-approver', 'payroll-approver']),
    ]);

    expect(finding?.file).toBe(SOD_FILE);
    expect(finding?.path).toBe('/role_sets/0');
    expect(finding?.message).toMatchInlineSnapshot(
      `"Identity u1 holds 2 roles of role set finance-approvers "Role set finance-approvers", where fewer than 2 are allowed: payment-approver, payroll-approver."`,
    );
    expect(finding?.hint).toMatchInlineSnapshot(
      `"Remove roles from u1 until it holds fewer than 2 of payment-approver, payroll-approver, journal-approver; @acme/grc owns the role set and decides on exceptions."`,
    );
  });
});
