import { describe, expect, it } from 'vitest';
import type {
  Finding,
  Identity,
  IdentityKind,
  Inventory,
} from '../model/index.ts';
import { evaluateInventorySod } from './inventory-sod.ts';
import type { PolicyParts } from './test-builders.ts';
import {
  buildFunction,
  buildMitigation,
  buildPolicies,
  buildRisk,
  SOD_FILE,
  TODAY,
} from './test-builders.ts';

const functions = [
  buildFunction('vendor', ['sap:XK01', 'sap:XK02']),
  buildFunction('pay', ['sap:F110']),
  buildFunction('user-admin', ['sap:SU01']),
];
const p2p = buildRisk('P2P-001', ['vendor', 'pay']);

function identity(id: string, kind: IdentityKind = 'human'): Identity {
  return { id, kind, attributes: {} };
}

/** An inventory of `identity: [entitlements]`; kinds come from `people`. */
function inventoryOf(
  held: Record<string, string[]>,
  people: Identity[] = [],
): Inventory {
  return {
    identities: people,
    entitlements: [],
    assignments: Object.entries(held).flatMap(([who, entitlements]) =>
      entitlements.map((entitlement) => ({ identity: who, entitlement })),
    ),
    sources: [],
  };
}

function run(inventory: Inventory, parts: PolicyParts = {}): Finding[] {
  const policies = buildPolicies({ functions, risks: [p2p], ...parts });
  return evaluateInventorySod(inventory, policies, { today: TODAY });
}

function violation(
  who: string,
  entitlements: string[],
  fields: Partial<Finding> & { risk?: string } = {},
): Partial<Finding> {
  const { risk = 'P2P-001', ...rest } = fields;
  return {
    code: 'inventory.sod-violation',
    severity: 'error',
    subject: { identity: who, risk, entitlements },
    ...rest,
  };
}

interface Case {
  name: string;
  inventory: Inventory;
  parts?: PolicyParts;
  expected: Partial<Finding>[];
}

const cases: Case[] = [
  {
    name: 'reports an identity whose actual access satisfies a risk',
    inventory: inventoryOf({ u1: ['sap:XK02', 'sap:F110', 'sap:FB60'] }),
    expected: [violation('u1', ['sap:F110', 'sap:XK02'])],
  },
  {
    name: 'passes an identity holding one side of a risk',
    inventory: inventoryOf({ u1: ['sap:XK01', 'sap:XK02'], u2: ['sap:F110'] }),
    expected: [],
  },
  {
    name: 'counts an entitlement assigned twice once',
    inventory: inventoryOf({ u1: ['sap:F110', 'sap:XK01', 'sap:F110'] }),
    expected: [violation('u1', ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'reports a critical function held in a source system',
    inventory: inventoryOf({ u1: ['sap:SU01'] }),
    parts: { risks: [buildRisk('CRIT-001', ['user-admin'])] },
    expected: [violation('u1', ['sap:SU01'], { risk: 'CRIT-001' })],
  },
  {
    name: 'applies the kind the inventory gives an identity',
    inventory: inventoryOf(
      { svc: ['sap:XK01', 'sap:F110'], u1: ['sap:XK01', 'sap:F110'] },
      [identity('svc', 'service-account'), identity('u1')],
    ),
    parts: { risks: [{ ...p2p, scope: { kinds: ['human'], systems: [] } }] },
    expected: [violation('u1', ['sap:F110', 'sap:XK01'])],
  },
  {
    name: 'reports an identity mitigation as a note',
    inventory: inventoryOf({ u1: ['sap:XK01', 'sap:F110'] }),
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { identity: 'u1' }, '2027-01-31'),
      ],
    },
    expected: [
      violation('u1', ['sap:F110', 'sap:XK01'], {
        code: 'sod.mitigated',
        severity: 'note',
      }),
    ],
  },
  {
    name: 'reports the violation again once its mitigation expires',
    inventory: inventoryOf({ u1: ['sap:XK01', 'sap:F110'] }),
    parts: {
      mitigations: [
        buildMitigation('MIT-1', 'P2P-001', { identity: 'u1' }, TODAY),
      ],
    },
    expected: [violation('u1', ['sap:F110', 'sap:XK01'])],
  },
];

describe('evaluateInventorySod', () => {
  it.each(cases)('$name', ({ inventory, parts, expected }) => {
    const findings = run(inventory, parts);

    expect(
      findings.map(({ code, severity, subject }) => ({
        code,
        severity,
        subject,
      })),
    ).toEqual(expected);
  });

  it('points at the risk and explains the actual access', () => {
    const [finding] = run(inventoryOf({ u1: ['sap:XK01', 'sap:F110'] }));

    expect(finding?.file).toBe(SOD_FILE);
    expect(finding?.path).toBe('/risks/0');
    expect(finding?.message).toMatchInlineSnapshot(
      `"Identity u1 actually holds every function of risk P2P-001 "Risk P2P-001" (vendor, pay): sap:F110, sap:XK01."`,
    );
    expect(finding?.hint).toMatchInlineSnapshot(
      `"Revoke one of these entitlements in the source system, or add a mitigation for identity u1 and risk P2P-001 with a compensating control and an expiry."`,
    );
  });
});
