import { describe, expect, it } from 'vitest';
import type { Finding, RoleEntry, SodRisk } from '../model/index.ts';
import type { PolicyParts } from './test-builders.ts';
import {
  buildFunction,
  buildMitigation,
  buildPolicies,
  buildRisk,
  buildRole,
  TODAY,
} from './test-builders.ts';
import { buildSodIndex } from './sod-index.ts';
import { evaluateRoleSod } from './sod-roles.ts';

const functions = [
  buildFunction('vendor', ['sap:XK01', 'sap:XK02', 'erp:vendor:*']),
  buildFunction('pay', ['sap:F110', 'bank:pay-*']),
  buildFunction('user-admin', ['sap:SU01']),
];
const p2p = buildRisk('P2P-001', ['vendor', 'pay']);
const critical = buildRisk('CRIT-001', ['user-admin'], { outcome: 'warn' });

function run(roles: RoleEntry[], parts: PolicyParts = {}): Finding[] {
  const policies = buildPolicies({ functions, risks: [p2p], ...parts });
  const universe = roles.flatMap((r) => r.role.entitlements);
  const index = buildSodIndex(policies, universe);
  return evaluateRoleSod(roles, policies, index, { today: TODAY });
}

function summary(findings: Finding[]): Partial<Finding>[] {
  return findings.map(({ code, severity, file, path, subject }) => ({
    code,
    severity,
    file,
    path,
    subject,
  }));
}

function conflict(
  role: string,
  risk: SodRisk,
  entitlements: string[],
  code = 'sod.role-conflict',
): Partial<Finding> {
  const severity =
    code === 'sod.mitigated'
      ? 'note'
      : risk.outcome === 'block'
        ? 'error'
        : 'warning';
  return {
    code,
    severity,
    file: `roles/${role}.yaml`,
    path: '/entitlements',
    subject: { role, risk: risk.id, entitlements },
  };
}

interface Case {
  name: string;
  roles: RoleEntry[];
  parts?: PolicyParts;
  expected: Partial<Finding>[];
}

const cases: Case[] = [
  {
    name: 'reports a role that grants both sides of a risk',
    roles: [buildRole('ap', ['sap:XK01', 'sap:FB60', 'sap:F110'])],
    expected: [conflict('ap', p2p, ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'passes a role that grants one side of a risk',
    roles: [buildRole('ap', ['sap:XK01', 'sap:XK02', 'sap:FB60'])],
    expected: [],
  },
  {
    name: 'lists every matching entitlement, sorted',
    roles: [buildRole('ap', ['sap:XK02', 'sap:F110', 'sap:XK01'])],
    expected: [conflict('ap', p2p, ['sap:F110', 'sap:XK01', 'sap:XK02'])],
  },
  {
    name: 'reports a role that grants a critical function',
    roles: [buildRole('basis', ['sap:SU01'])],
    parts: { risks: [critical] },
    expected: [conflict('basis', critical, ['sap:SU01'])],
  },
  {
    name: 'matches function entitlements by glob',
    roles: [buildRole('ops', ['erp:vendor:create', 'bank:pay-run'])],
    expected: [conflict('ops', p2p, ['bank:pay-run', 'erp:vendor:create'])],
  },
  {
    name: 'counts only entitlements of the systems a risk is scoped to',
    roles: [buildRole('ops', ['erp:vendor:create', 'sap:F110'])],
    parts: { risks: [{ ...p2p, scope: { kinds: [], systems: ['sap'] } }] },
    expected: [],
  },
  {
    name: 'reports a system-scoped risk inside its systems',
    roles: [buildRole('ops', ['sap:XK01', 'sap:F110', 'bank:pay-run'])],
    parts: { risks: [{ ...p2p, scope: { kinds: [], systems: ['sap'] } }] },
    expected: [conflict('ops', p2p, ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'skips a risk scoped to people for a machine role',
    roles: [buildRole('ci', ['sap:XK01', 'sap:F110'], { audience: 'machine' })],
    parts: { risks: [{ ...p2p, scope: { kinds: ['human'], systems: [] } }] },
    expected: [],
  },
  {
    name: 'reports a risk scoped to a machine kind for a machine role',
    roles: [
      buildRole('ci', ['sap:XK01', 'sap:F110'], { audience: 'machine' }),
      buildRole('ap', ['sap:XK01', 'sap:F110']),
    ],
    parts: {
      risks: [{ ...p2p, scope: { kinds: ['service-account'], systems: [] } }],
    },
    expected: [conflict('ci', p2p, ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'reports a mitigated role conflict as a note',
    roles: [buildRole('ap', ['sap:XK01', 'sap:F110'])],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { role: 'ap' }, '2027-01-31'),
      ],
    },
    expected: [conflict('ap', p2p, ['sap:F110', 'sap:XK01'], 'sod.mitigated')],
  },
  {
    name: 'reports the conflict again once its mitigation expires',
    roles: [buildRole('ap', ['sap:XK01', 'sap:F110'])],
    parts: {
      mitigations: [buildMitigation('MIT-1', 'P2P-001', { role: 'ap' }, TODAY)],
    },
    expected: [conflict('ap', p2p, ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'ignores mitigations of another role or risk',
    roles: [buildRole('ap', ['sap:XK01', 'sap:F110'])],
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { role: 'other' }, '2030-01-01'),
        buildMitigation('MIT-2', 'P2P-009', { role: 'ap' }, '2030-01-01'),
        buildMitigation('MIT-3', 'P2P-001', { identity: 'ap' }, '2030-01-01'),
      ],
    },
    expected: [conflict('ap', p2p, ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'sorts findings by role file',
    roles: [
      buildRole('zeta', ['sap:XK01', 'sap:F110']),
      buildRole('alpha', ['sap:XK02', 'sap:F110']),
    ],
    expected: [
      conflict('alpha', p2p, ['sap:F110', 'sap:XK02']),
      conflict('zeta', p2p, ['sap:F110', 'sap:XK01']),
    ],
  },
];

describe('evaluateRoleSod', () => {
  it.each(cases)('$name', ({ roles, parts, expected }) => {
    expect(summary(run(roles, parts))).toEqual(expected);
  });

  it('explains a conflict with the risk title, functions and a remedy', () => {
    const [finding] = run([buildRole('ap', ['sap:XK01', 'sap:F110'])]);

    expect(finding?.message).toMatchInlineSnapshot(
      `"Role ap on its own grants every function of risk P2P-001 "Risk P2P-001" (vendor, pay): sap:F110, sap:XK01."`,
    );
    expect(finding?.hint).toMatchInlineSnapshot(
      `"Split the role so that no single role grants both vendor and pay, remove one of the entitlements, or add a mitigation for role ap and risk P2P-001 with a compensating control and an expiry."`,
    );
  });

  it('explains a critical function with its own remedy', () => {
    const [finding] = run([buildRole('basis', ['sap:SU01'])], {
      risks: [critical],
    });

    expect(finding?.message).toMatchInlineSnapshot(
      `"Role basis grants critical function user-admin of risk CRIT-001 "Risk CRIT-001": sap:SU01."`,
    );
    expect(finding?.hint).toMatchInlineSnapshot(
      `"Move the critical entitlement to a dedicated, closely owned role, or add a mitigation for role basis and risk CRIT-001 with a compensating control and an expiry."`,
    );
  });

  it('names the mitigation, its control and expiry in a mitigated note', () => {
    const [finding] = run([buildRole('ap', ['sap:XK01', 'sap:F110'])], {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { role: 'ap' }, '2027-01-31'),
      ],
    });

    expect(finding?.message).toMatchInlineSnapshot(
      `"Risk P2P-001 "Risk P2P-001" is mitigated for role ap by MIT-1 (control CTRL-MIT-1) until 2027-01-31."`,
    );
  });

  it('says in the hint that a mitigation has expired', () => {
    const [finding] = run([buildRole('ap', ['sap:XK01', 'sap:F110'])], {
      mitigations: [buildMitigation('MIT-1', 'P2P-001', { role: 'ap' }, TODAY)],
    });

    expect(finding?.hint).toMatch(
      /^Mitigation MIT-1 expired on 2026-11-01\. Split the role/,
    );
  });
});
