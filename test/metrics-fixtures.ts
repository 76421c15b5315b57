/**
 * The catalogue both metrics suites build their histories from: a policy
 * whose one risk pairs vendor maintenance with payment release, and roles
 * that give entitlements to named members.
 */
export const sodPolicy = `owners: ['@acme/grc']
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
    outcome: block
`;

export const roleYaml = (
  id: string,
  entitlements: string[],
  members: string[],
) => `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
review:
  next_review: 2027-06-01
`;

/**
 * Fixes the author and committer dates of the next commits, so that
 * times to approval and to merge come out exact; `undefined` stops.
 */
export function commitDates(date: string | undefined): void {
  if (date === undefined) {
    delete process.env.GIT_AUTHOR_DATE;
    delete process.env.GIT_COMMITTER_DATE;
    return;
  }
  process.env.GIT_AUTHOR_DATE = date;
  process.env.GIT_COMMITTER_DATE = date;
}
