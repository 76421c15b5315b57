import type { MiningResult } from '../mining/types.ts';
import type { Inventory } from '../model/index.ts';

/**
 * A small realistic organisation for evidence tests: an accounts payable
 * team in Finance, one member in another department, usage dates, one
 * one-off grant, an SoD violation and two service accounts.
 */
export function fixtureInventory(): Inventory {
  const clerks = ['u1001', 'u1002', 'u1003', 'u1004', 'u1005'];
  const person = (id: string, department: string, title: string) => ({
    id,
    kind: 'human' as const,
    name: id,
    attributes: { department, title, location: 'Lyon' },
  });
  return {
    identities: [
      ...clerks.map((id) => person(id, 'Finance', 'Accounts Payable Clerk')),
      person('u2001', 'Procurement', 'Accounts Payable Clerk'),
      {
        id: 'svc-etl',
        kind: 'service-account',
        owner: 'u1001',
        attributes: {},
      },
    ],
    entitlements: [
      { id: 'sap:FB60', system: 'sap', risk: 'medium' },
      { id: 'sap:FBL1N', system: 'sap', risk: 'low' },
      { id: 'sap:F110', system: 'sap', risk: 'critical' },
      { id: 'mail:finance', system: 'mail' },
    ],
    assignments: [
      ...[...clerks, 'u2001'].flatMap((identity, n) => [
        {
          identity,
          entitlement: 'sap:FB60',
          grantedAt: '2025-01-10T00:00:00Z',
          lastUsedAt: '2026-11-2' + String(n) + 'T09:00:00Z',
        },
        {
          identity,
          entitlement: 'sap:FBL1N',
          grantedAt: '2025-01-10T00:00:00Z',
          // Two members have not used it for a year.
          lastUsedAt: n < 2 ? '2025-11-01T00:00:00Z' : '2026-11-15T00:00:00Z',
        },
        { identity, entitlement: 'mail:finance' },
      ]),
      {
        identity: 'u1003',
        entitlement: 'sap:F110',
        grantedAt: '2026-03-01T00:00:00Z',
      },
      { identity: 'svc-etl', entitlement: 'sap:FBL1N' },
    ],
    sources: [
      { source: 'csv', file: 'hr/assignments.csv', sha256: 'b'.repeat(64) },
      { source: 'csv', file: 'hr/identities.csv', sha256: 'a'.repeat(64) },
    ],
  };
}

/** A mining result with one candidate for the accounts payable team. */
export function fixtureResult(): MiningResult {
  const members = ['u1001', 'u1002', 'u1003', 'u1004', 'u1005', 'u2001'];
  return {
    roles: [
      {
        id: 'finance-accounts-payable-clerk',
        audience: 'human',
        identities: members,
        entitlements: ['mail:finance', 'sap:FB60', 'sap:FBL1N'],
        stats: {
          members: 6,
          support: 1,
          purity: [],
          coverage: 0.947,
          confidence: 0.833,
        },
        origin: {
          kind: 'attribute',
          label: 'Finance / Accounts Payable Clerk',
          attributes: {
            department: 'Finance',
            title: 'Accounts Payable Clerk',
          },
          groupSize: 5,
        },
      },
    ],
    exceptions: [
      { identity: 'u1003', entitlement: 'sap:F110', reason: 'one-off' },
      { identity: 'svc-etl', entitlement: 'sap:FBL1N', reason: 'one-off' },
    ],
    metrics: {
      roles: 1,
      ua: 6,
      pa: 3,
      wsc: 12,
      exceptions: 2,
      coverage: 0.9,
      rolesPerIdentity: { mean: 1, max: 1 },
      entitlementsPerRole: { mean: 3, max: 3 },
    },
    optimal: null,
    lowerBound: null,
    dataDate: '2026-11-25',
    sodViolations: [
      {
        identity: 'u1003',
        risk: 'P2P-002',
        entitlements: ['sap:F110', 'sap:FB60'],
        mitigation: 'MIT-7',
      },
    ],
    algorithm: {
      name: 'governed',
      parameters: { minMembers: 3, attributes: ['department', 'title'] },
    },
  };
}
