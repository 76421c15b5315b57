import type { Identity } from './identity.ts';

/**
 * Statuses by which a source says an account can no longer be used, as
 * sources spell them (`false` is SCIM's `active: false` in a CSV export).
 * Here rather than in src/inventory/ because the core, which may not
 * import the inventory package, needs them too.
 */
export const DISABLED_STATUSES: readonly string[] = [
  'disabled',
  'inactive',
  'terminated',
  'suspended',
  'deprovisioned',
  'false',
];

/**
 * Drift has also read `deleted` and `locked` as disabled since it was
 * written; the data-quality report has not. Both are kept as they were:
 * folding them into one list would change what
 * `identity.disabled-with-access` counts.
 */
export const DRIFT_DISABLED_STATUSES: readonly string[] = [
  ...DISABLED_STATUSES,
  'deleted',
  'locked',
];

const DISABLED = statusPattern(DISABLED_STATUSES);
const DRIFT_DISABLED = statusPattern(DRIFT_DISABLED_STATUSES);

/** Whether the source says the account is disabled (the inventory report). */
export function isDisabled(identity: Identity): boolean {
  return hasStatus(identity, DISABLED);
}

/** The same question as drift asks it, with `deleted` and `locked`. */
export function isDisabledForDrift(identity: Identity): boolean {
  return hasStatus(identity, DRIFT_DISABLED);
}

/** Case-insensitive and trimmed, as sources differ in both. */
function hasStatus(identity: Identity, pattern: RegExp): boolean {
  return identity.status !== undefined && pattern.test(identity.status.trim());
}

function statusPattern(statuses: readonly string[]): RegExp {
  return new RegExp(`^(${statuses.join('|')})$`, 'i');
}
