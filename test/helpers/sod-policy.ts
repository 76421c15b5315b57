/**
 * The policy most CLI tests check roles against: one critical risk,
 * P2P-001, that pairs vendor maintenance (sap:XK01) with payment release
 * (sap:F110). `outcome` is what the risk does to a role that holds both.
 */
export function sodPolicy(outcome: 'block' | 'warn' = 'block'): string {
  return `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Maintain vendors
    entitlements: [sap:XK01]
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
}
