/** Catalogue files for the audit tests: one policy and small roles. */

/** A policy file; `severity` only varies its bytes, to make a change. */
export const auditPolicy = (severity: string) => `owners: ['@acme/grc']
functions:
  - id: payment-release
    title: Release payments
    entitlements: [sap:F110]
risks: []
least_privilege:
  critical: [sap:F110]
# ${severity}
`;

export const auditRole = (id: string, members: string[]) => `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance']
entitlements: [sap:F110]
membership:
  identities: [${members.join(', ')}]
`;

/** The identity test/helpers/temp-repo.ts commits as. */
export const AUDIT_AUTHOR = 'Test Author <author@example.test>';
