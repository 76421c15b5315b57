import type { Inventory } from '../model/index.ts';

/**
 * A small organisation for explain tests: four accounts payable clerks
 * in Finance with usage dates, a treasurer, and a one-off grant.
 */
export function explainFixture(): Inventory {
  const clerks = ['u1', 'u2', 'u3', 'u4'];
  return {
    identities: [
      ...clerks.map((id) => ({
        id,
        kind: 'human' as const,
        attributes: { department: 'Finance', title: 'AP Clerk' },
      })),
      {
        id: 'u9',
        kind: 'human' as const,
        attributes: { department: 'Treasury', title: 'Treasurer' },
      },
    ],
    entitlements: [
      { id: 'sap:FB60', system: 'sap', risk: 'medium' as const },
      { id: 'sap:FBL1N', system: 'sap' },
      { id: 'mail:finance', system: 'mail' },
      { id: 'sap:F110', system: 'sap', risk: 'critical' as const },
    ],
    assignments: [
      ...clerks.flatMap((identity, n) => [
        {
          identity,
          entitlement: 'sap:FB60',
          grantedAt: '2025-01-10',
          lastUsedAt: `2026-06-0${n + 1}T09:00:00Z`,
        },
        {
          identity,
          entitlement: 'sap:FBL1N',
          grantedAt: '2025-01-10',
          lastUsedAt: '2026-05-20T12:00:00Z',
        },
        { identity, entitlement: 'mail:finance' },
      ]),
      { identity: 'u1', entitlement: 'sap:F110', grantedAt: '2026-02-01' },
      { identity: 'u9', entitlement: 'sap:F110', grantedAt: '2025-03-01' },
    ],
    sources: [
      { source: 'hr', file: 'hr/identities.csv', sha256: 'a'.repeat(64) },
      { source: 'hr', file: 'hr/assignments.csv', sha256: 'b'.repeat(64) },
    ],
  };
}
