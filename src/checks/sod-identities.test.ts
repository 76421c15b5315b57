import { describe, expect, it } from 'vitest';
import type { IdentityGrants } from './access-types.ts';
import type { Finding } from '../model/index.ts';
import { buildSodIndex } from './sod-index.ts';
import { evaluateIdentitySod } from './sod-identities.ts';
import type { PolicyParts } from './test-builders.ts';
import {
  buildFunction,
  buildGrants,
  buildMitigation,
  buildPolicies,
  buildRisk,
  buildRole,
  SOD_FILE,
  TODAY,
} from './test-builders.ts';

const functions = [
  buildFunction('vendor', ['sap:XK01', 'erp:vendor:*']),
  buildFunction('pay', ['sap:F110', 'bank:pay-*']),
  buildFunction('user-admin', ['sap:SU01']),
];
const p2p = buildRisk('P2P-001', ['vendor', 'pay']);
const roles = [
  buildRole('vendor-clerk', ['sap:XK01', 'sap:FB60']),
  buildRole('payer', ['sap:F110']),
  buildRole('erp-vendor', ['erp:vendor:create']),
  buildRole('viewer', ['sap:FBL1N']),
  buildRole('p2p-all', ['sap:XK01', 'sap:F110']),
  buildRole('bot-vendor', ['sap:XK01'], { audience: 'machine' }),
  buildRole('bot-payer', ['sap:F110'], { audience: 'machine' }),
];

function run(identities: IdentityGrants[], parts: PolicyParts = {}): Finding[] {
  const policies = buildPolicies({ functions, risks: [p2p], ...parts });
  const universe = roles.flatMap((r) => r.role.entitlements);
  const index = buildSodIndex(policies, universe);
  return evaluateIdentitySod({ identities }, roles, policies, index, {
    today: TODAY,
  });
}

function summary(findings: Finding[]): Partial<Finding>[] {
  return findings.map(({ code, severity, subject }) => ({
    code,
    severity,
    subject,
  }));
}

function conflict(
  identity: string,
  roleIds: string[],
  entitlements: string[],
  fields: Partial<Finding> & { risk?: string } = {},
): Partial<Finding> {
  const { risk = 'P2P-001', ...rest } = fields;
  return {
    code: 'sod.identity-conflict',
    severity: 'error',
    subject: { identity, risk, roles: roleIds, entitlements },
    ...rest,
  };
}

const kinds = (list: ('human' | 'service-account')[]): PolicyParts => ({
  risks: [{ ...p2p, scope: { kinds: list, systems: [] } }],
});

interface Case {
  name: string;
  identities: IdentityGrants[];
  parts?: PolicyParts;
  expected: Partial<Finding>[];
}

const cases: Case[] = [
  {
    name: 'reports an identity whose roles together satisfy a risk',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk', 'viewer'])],
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'passes an identity holding one side of a risk',
    identities: [buildGrants('u1', ['vendor-clerk', 'viewer', 'erp-vendor'])],
    expected: [],
  },
  {
    name: 'combines a role with a direct entitlement',
    identities: [buildGrants('u1', ['erp-vendor'], ['bank:pay-run'])],
    expected: [
      conflict('u1', ['erp-vendor'], ['bank:pay-run', 'erp:vendor:create']),
    ],
  },
  {
    name: 'reports a critical function held as a direct entitlement',
    identities: [buildGrants('u1', ['viewer'], ['sap:SU01'])],
    parts: { risks: [buildRisk('CRIT-001', ['user-admin'])] },
    expected: [conflict('u1', [], ['sap:SU01'], { risk: 'CRIT-001' })],
  },
  {
    name: 'leaves a conflict inside one role to that role',
    identities: [buildGrants('u1', ['p2p-all', 'payer'])],
    expected: [],
  },
  {
    name: 'reports another risk across roles next to a role-level conflict',
    identities: [buildGrants('u1', ['p2p-all'], ['sap:SU01'])],
    parts: {
      risks: [p2p, buildRisk('ADM-002', ['vendor', 'user-admin'])],
    },
    expected: [
      conflict('u1', ['p2p-all'], ['sap:SU01', 'sap:XK01'], {
        risk: 'ADM-002',
      }),
    ],
  },
  {
    name: 'ignores roles the catalogue does not define',
    identities: [buildGrants('u1', ['ghost', 'vendor-clerk'])],
    expected: [],
  },
  {
    name: 'counts only entitlements of the systems a risk is scoped to',
    identities: [buildGrants('u1', ['erp-vendor', 'payer'])],
    parts: { risks: [{ ...p2p, scope: { kinds: [], systems: ['sap'] } }] },
    expected: [],
  },
  {
    name: 'skips an identity whose known kind is out of scope',
    identities: [
      buildGrants('svc', ['payer', 'vendor-clerk'], [], 'service-account'),
    ],
    parts: kinds(['human']),
    expected: [],
  },
  {
    name: 'reports an identity whose known kind is in scope',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk'], [], 'human')],
    parts: kinds(['human']),
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'scopes an unknown kind by the audience of machine roles',
    identities: [
      buildGrants('bot', ['bot-payer', 'bot-vendor']),
      buildGrants('u1', ['payer', 'vendor-clerk']),
    ],
    parts: kinds(['service-account']),
    expected: [
      conflict('bot', ['bot-payer', 'bot-vendor'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'scopes an unknown kind by the audience of human roles',
    identities: [
      buildGrants('bot', ['bot-payer', 'bot-vendor']),
      buildGrants('u1', ['payer', 'vendor-clerk']),
    ],
    parts: kinds(['human']),
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'keeps a kind-scoped risk for direct-only holders of unknown kind',
    identities: [buildGrants('u1', [], ['sap:F110', 'sap:XK01'])],
    parts: kinds(['service-account']),
    expected: [conflict('u1', [], ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'reports an identity mitigation as a note',
    identities: [
      buildGrants('u1', ['payer', 'vendor-clerk']),
      buildGrants('u2', ['payer', 'vendor-clerk']),
    ],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { identity: 'u1' }, '2027-01-31'),
      ],
    },
    // Same file, so compareFindings orders by code.
    expected: [
      conflict('u2', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01'], {
        code: 'sod.mitigated',
        severity: 'note',
      }),
    ],
  },
  {
    name: 'does not let a role mitigation cover a conflict across roles',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk'])],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { role: 'payer' }, '2027-01-31'),
      ],
    },
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'ignores a mitigation of a held role that is not involved',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk', 'viewer'])],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { role: 'viewer' }, '2027-01-31'),
      ],
    },
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'reports the conflict again once its mitigation expires',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk'])],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { identity: 'u1' }, '2026-10-31'),
      ],
    },
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01']),
    ],
  },
  {
    name: 'reports a warn outcome as a warning',
    identities: [buildGrants('u1', ['payer', 'vendor-clerk'])],
    parts: { risks: [{ ...p2p, outcome: 'warn' }] },
    expected: [
      conflict('u1', ['payer', 'vendor-clerk'], ['sap:F110', 'sap:XK01'], {
        severity: 'warning',
      }),
    ],
  },
];

describe('evaluateIdentitySod', () => {
  it.each(cases)('$name', ({ identities, parts, expected }) => {
    expect(summary(run(identities, parts))).toEqual(expected);
  });

  it('reports each identity that shares the same holdings', () => {
    const findings = run([
      buildGrants('u2', ['vendor-clerk', 'payer']),
      buildGrants('u1', ['payer', 'vendor-clerk']),
      buildGrants('u3', ['payer', 'vendor-clerk'], [], 'human'),
    ]);

    expect(findings.map((f) => f.subject?.identity)).toEqual([
      'u1',
      'u2',
      'u3',
    ]);
  });

  it('points at the risk in the policy file and explains the conflict', () => {
    const [finding] = run([buildGrants('u1', ['payer'], ['sap:XK01'])]);

    expect(finding?.file).toBe(SOD_FILE);
    expect(finding?.path).toBe('/risks/0');
    expect(finding?.message).toMatchInlineSnapshot(
      `"Identity u1 holds every function of risk P2P-001 "Risk P2P-001" (vendor, pay) through role payer and direct entitlement sap:XK01."`,
    );
    expect(finding?.hint).toMatchInlineSnapshot(
      `"Remove one of the conflicting roles or direct entitlements from u1, or add a mitigation for identity u1 and risk P2P-001 with a compensating control and an expiry."`,
    );
  });
});
