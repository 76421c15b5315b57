import type { Audience } from './identity.ts';

/**
 * An attribute rule for membership: an identity matches when its attribute
 * equals one of the values (all listed attributes must match).
 */
export interface MembershipCriterion {
  attribute: string;
  values: string[];
}

export interface Membership {
  /** Identity ids named explicitly. */
  identities: string[];
  /** Attribute criteria; an identity matching any criterion set is a member. */
  criteria: MembershipCriterion[][];
}

export interface RoleReview {
  /** ISO date (YYYY-MM-DD) of the last review. */
  lastReviewed?: string;
  /** ISO date by which the role must be reviewed again. */
  nextReview?: string;
}

/** Evidence that mining attaches to a candidate; opaque to checks. */
export type RoleEvidence = Record<string, unknown>;

export interface Role {
  id: string;
  title: string;
  description: string;
  /** GitHub users (`@alice`) or teams (`@acme/finance-owners`). */
  owners: string[];
  audience: Audience;
  entitlements: string[];
  membership: Membership;
  review: RoleReview;
  labels: string[];
  evidence?: RoleEvidence;
}

/** Role ids are kebab-case and map one-to-one to file names. */
export const ROLE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidRoleId(id: string): boolean {
  return id.length <= 100 && ROLE_ID_PATTERN.test(id);
}
