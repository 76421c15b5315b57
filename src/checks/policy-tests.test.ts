import { describe, expect, it } from 'vitest';
import type {
  Finding,
  PolicyTest,
  PolicyTestExpectation,
} from '../model/index.ts';
import { evaluatePolicyTests } from './policy-tests.ts';
import {
  buildFunction,
  buildMitigation,
  buildPolicies,
  buildRisk,
  buildRole,
  buildRoleSet,
  buildTestFile,
  buildTestIdentity,
  TODAY,
} from './test-builders.ts';

const roles = [
  buildRole('ap-clerk', ['sap:XK01', 'sap:FB60']),
  buildRole('payment-approver', ['sap:F110']),
  buildRole('payroll-approver', ['sap:PC00']),
  buildRole('p2p-all', ['sap:XK01', 'sap:F110']),
];
const policies = buildPolicies({
  functions: [
    buildFunction('vendor', ['sap:XK01']),
    buildFunction('pay', ['sap:F110']),
  ],
  risks: [buildRisk('P2P-001', ['vendor', 'pay'])],
  roleSets: [
    buildRoleSet('approvers', ['payment-approver', 'payroll-approver'], 2),
  ],
  mitigations: [
    buildMitigation('MIT-1', 'P2P-001', { identity: 'covered' }, '2027-01-31'),
  ],
});

function run(test: Omit<PolicyTest, 'path'>): Finding[] {
  return evaluatePolicyTests([buildTestFile([test])], roles, policies, {
    today: TODAY,
  });
}

const conflict: PolicyTestExpectation = {
  code: 'sod.identity-conflict',
  identity: 't1',
  risk: 'P2P-001',
};

interface Case {
  name: string;
  test: Omit<PolicyTest, 'path'>;
  /** The failure message, or undefined when the test passes. */
  failure: string | undefined;
}

const cases: Case[] = [
  {
    name: 'passes a test whose expected conflict is found',
    test: {
      name: 'clerk and approver',
      identities: [buildTestIdentity('t1', ['ap-clerk', 'payment-approver'])],
      expect: [conflict],
    },
    failure: undefined,
  },
  {
    name: 'passes a test that expects nothing of a clean identity',
    test: {
      name: 'clerk alone',
      identities: [buildTestIdentity('t1', ['ap-clerk'])],
      expect: [],
    },
    failure: undefined,
  },
  {
    name: 'counts a conflict inside one role as an identity conflict',
    test: {
      name: 'one big role',
      identities: [buildTestIdentity('t1', ['p2p-all'])],
      expect: [conflict],
    },
    failure: undefined,
  },
  {
    name: 'combines roles with direct entitlements',
    test: {
      name: 'clerk with a direct payment run',
      identities: [
        buildTestIdentity('t1', ['ap-clerk'], { entitlements: ['sap:F110'] }),
      ],
      expect: [conflict],
    },
    failure: undefined,
  },
  {
    name: 'passes a test that expects a mitigated conflict',
    test: {
      name: 'mitigated',
      identities: [buildTestIdentity('covered', ['p2p-all'])],
      expect: [{ code: 'sod.mitigated', identity: 'covered' }],
    },
    failure: undefined,
  },
  {
    name: 'compares role-set findings by role set',
    test: {
      name: 'two approvals',
      identities: [
        buildTestIdentity('t1', ['payment-approver', 'payroll-approver']),
      ],
      expect: [{ code: 'sod.role-set', identity: 't1', roleSet: 'approvers' }],
    },
    failure: undefined,
  },
  {
    name: 'compares only the fields an expectation gives',
    test: {
      name: 'any conflict',
      identities: [buildTestIdentity('t1', ['p2p-all'])],
      expect: [{ code: 'sod.identity-conflict' }],
    },
    failure: undefined,
  },
  {
    name: 'fails a test whose expected finding is missing',
    test: {
      name: 'expects too much',
      identities: [buildTestIdentity('t1', ['ap-clerk'])],
      expect: [conflict],
    },
    failure:
      'Policy test "expects too much" failed: missing sod.identity-conflict t1 P2P-001.',
  },
  {
    name: 'fails a test with an unexpected finding',
    test: {
      name: 'expects too little',
      identities: [
        buildTestIdentity('t1', [
          'p2p-all',
          'payment-approver',
          'payroll-approver',
        ]),
      ],
      expect: [conflict],
    },
    failure:
      'Policy test "expects too little" failed: unexpected sod.role-set t1 approvers.',
  },
  {
    name: 'fails a test on a wrong role set and says both sides',
    test: {
      name: 'wrong set',
      identities: [
        buildTestIdentity('t1', ['payment-approver', 'payroll-approver']),
      ],
      expect: [{ code: 'sod.role-set', roleSet: 'other' }],
    },
    failure:
      'Policy test "wrong set" failed: missing sod.role-set other; ' +
      'unexpected sod.role-set t1 approvers.',
  },
  {
    name: 'pairs a loose expectation only after the precise ones',
    test: {
      name: 'loose first',
      identities: [
        buildTestIdentity('t1', ['p2p-all']),
        buildTestIdentity('t2', ['p2p-all']),
      ],
      expect: [
        { code: 'sod.identity-conflict' },
        { code: 'sod.identity-conflict', identity: 't1' },
      ],
    },
    failure: undefined,
  },
  {
    name: 'respects the kind of a test identity',
    test: {
      name: 'bot',
      identities: [
        buildTestIdentity('t1', ['p2p-all'], { kind: 'service-account' }),
      ],
      expect: [],
    },
    failure:
      'Policy test "bot" failed: unexpected sod.identity-conflict t1 P2P-001.',
  },
  {
    name: 'fails a test that names an unknown role',
    test: {
      name: 'typo',
      identities: [
        buildTestIdentity('t1', ['ap-clerk', 'ap-clerck', 'pament-approver']),
      ],
      expect: [],
    },
    failure:
      'Policy test "typo" uses unknown roles ap-clerck, pament-approver.',
  },
];

describe('evaluatePolicyTests', () => {
  it.each(cases)('$name', ({ test, failure }) => {
    const findings = run(test);

    expect(findings.map((f) => f.message)).toEqual(
      failure === undefined ? [] : [failure],
    );
  });

  it('points a failure at the test inside its file', () => {
    const file = buildTestFile([
      { name: 'clean', identities: [], expect: [] },
      { name: 'broken', identities: [], expect: [conflict] },
    ]);

    const findings = evaluatePolicyTests([file], roles, policies, {
      today: TODAY,
    });

    expect(
      findings.map(({ code, severity, file: at, path }) => ({
        code,
        severity,
        at,
        path,
      })),
    ).toEqual([
      {
        code: 'policy-test.failed',
        severity: 'error',
        at: 'policies/tests/main.yaml',
        path: '/tests/1',
      },
    ]);
    expect(findings[0]?.hint).toMatchInlineSnapshot(
      `"If the policy change is intended, update the test's expect list; otherwise fix the policy so that it catches what the test describes."`,
    );
  });
});
