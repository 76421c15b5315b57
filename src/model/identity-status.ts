import type { Identity } from './identity.ts';

/**
 * Statuses by which a source says an account can no longer be used, as
 * sources spell them (`false` is SCIM's `active: false` in a CSV export).
 * One list for every question about it (the data-quality report's
 * disabled accounts with access, drift's members who left), so that the
 * two never disagree about the same account. Here rather than in
 * src/inventory/ because the core, which may not import the inventory
 * package, needs it too.
 */
export const DISABLED_STATUSES: readonly string[] = [
  'disabled',
  'inactive',
  'terminated',
  'suspended',
  'deprovisioned',
  'deleted',
  'locked',
  'false',
];

const DISABLED = new RegExp(`^(${DISABLED_STATUSES.join('|')})$`, 'i');

/** Whether the source says the account is disabled; case and space aside. */
export function isDisabled(identity: Identity): boolean {
  return identity.status !== undefined && DISABLED.test(identity.status.trim());
}
