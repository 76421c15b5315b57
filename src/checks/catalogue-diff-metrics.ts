import { computeRoleSetMetrics } from '../mining/metrics.ts';
import type { CandidateRole, MiningException } from '../mining/types.ts';
import type { Catalogue, Inventory } from '../model/index.ts';
import {
  byId,
  directByIdentity,
  indexMembers,
  rolesById,
} from './effective-access.ts';

/** The shape of one catalogue that a reviewer compares before and after. */
export interface CatalogueMetrics {
  roles: number;
  /** Approved direct exceptions still in force, one per identity/entitlement. */
  exceptions: number;
  /** Role memberships: explicit members plus resolved criteria members. */
  ua: number;
  /** Role grants: distinct entitlements of each role. */
  pa: number;
  /** Weighted structural complexity with the default (unit) weights. */
  wsc: number;
  /** Over the identities holding at least one role. */
  rolesPerIdentity: { mean: number; max: number };
  entitlementsPerRole: { mean: number; max: number };
  /** Identities holding at least one role. */
  identitiesCovered: number;
}

export interface CatalogueMetricsOptions {
  /** Resolves attribute criteria; without it only explicit members count. */
  inventory?: Inventory;
  /** Exceptions that expired by this day (YYYY-MM-DD) no longer count. */
  today: string;
}

/**
 * The role-set measures of an approved catalogue, computed with the same
 * function that scores mined candidates, so that a mined set and the
 * catalogue it would change are measured alike.
 */
export function computeCatalogueMetrics(
  catalogue: Catalogue,
  options: CatalogueMetricsOptions,
): CatalogueMetrics {
  const index = indexMembers(options.inventory);
  const roles = [...rolesById(catalogue.roles).values()].sort(byId);
  const candidates = roles.map((role): CandidateRole => ({
    id: role.id,
    audience: role.audience,
    identities: index.membersOf(role).sort(),
    entitlements: [...new Set(role.entitlements)].sort(),
  }));
  // An approved exception is exactly what the miner calls an uncovered
  // assignment: access granted outside every role.
  const exceptions = [
    ...directByIdentity(catalogue.exceptions, options.today),
  ].flatMap(([identity, entitlements]) =>
    entitlements.map((entitlement): MiningException => ({
      identity,
      entitlement,
      reason: 'uncovered',
    })),
  );
  // Coverage needs the observed assignments, which a catalogue lacks; it
  // is left out of the result, so the count passed here does not matter.
  const measured = computeRoleSetMetrics(candidates, exceptions, 0);
  const covered = new Set(candidates.flatMap((role) => role.identities));
  return {
    roles: measured.roles,
    exceptions: measured.exceptions,
    ua: measured.ua,
    pa: measured.pa,
    wsc: measured.wsc,
    rolesPerIdentity: measured.rolesPerIdentity,
    entitlementsPerRole: measured.entitlementsPerRole,
    identitiesCovered: covered.size,
  };
}

/**
 * `after - before` for every measure. Means are ratios, so their
 * differences are rounded to six places to drop floating-point noise
 * such as 0.30000000000000004 from the JSON.
 */
export function diffMetrics(
  before: CatalogueMetrics,
  after: CatalogueMetrics,
): CatalogueMetrics {
  const d = (a: number, b: number) => Math.round((b - a) * 1e6) / 1e6;
  const pair = (
    a: { mean: number; max: number },
    b: { mean: number; max: number },
  ) => ({ mean: d(a.mean, b.mean), max: d(a.max, b.max) });
  return {
    roles: d(before.roles, after.roles),
    exceptions: d(before.exceptions, after.exceptions),
    ua: d(before.ua, after.ua),
    pa: d(before.pa, after.pa),
    wsc: d(before.wsc, after.wsc),
    rolesPerIdentity: pair(before.rolesPerIdentity, after.rolesPerIdentity),
    entitlementsPerRole: pair(
      before.entitlementsPerRole,
      after.entitlementsPerRole,
    ),
    identitiesCovered: d(before.identitiesCovered, after.identitiesCovered),
  };
}
