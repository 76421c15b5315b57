import type {
  CandidateRole,
  MiningException,
  RoleSetMetrics,
  WscWeights,
} from './types.ts';

export const DEFAULT_WSC_WEIGHTS: WscWeights = {
  roles: 1,
  ua: 1,
  pa: 1,
  direct: 1,
};

/**
 * The role-set measures used everywhere: |R|, |UA|, |PA|, weighted
 * structural complexity, exceptions, coverage, roles per identity and
 * entitlements per role. `assignments` is the number of input pairs.
 */
export function computeRoleSetMetrics(
  roles: readonly CandidateRole[],
  exceptions: readonly MiningException[],
  assignments: number,
  weights: WscWeights = DEFAULT_WSC_WEIGHTS,
): RoleSetMetrics {
  let ua = 0;
  let pa = 0;
  let maxEntitlements = 0;
  const perIdentity = new Map<string, number>();
  for (const role of roles) {
    ua += role.identities.length;
    pa += role.entitlements.length;
    maxEntitlements = Math.max(maxEntitlements, role.entitlements.length);
    for (const id of role.identities) {
      perIdentity.set(id, (perIdentity.get(id) ?? 0) + 1);
    }
  }
  const counts = [...perIdentity.values()];
  const wsc =
    weights.roles * roles.length +
    weights.ua * ua +
    weights.pa * pa +
    weights.direct * exceptions.length;
  return {
    roles: roles.length,
    ua,
    pa,
    wsc,
    exceptions: exceptions.length,
    coverage: assignments === 0 ? 1 : 1 - exceptions.length / assignments,
    rolesPerIdentity: {
      mean: counts.length === 0 ? 0 : ua / counts.length,
      max: counts.reduce((a, b) => Math.max(a, b), 0),
    },
    entitlementsPerRole: {
      mean: roles.length === 0 ? 0 : pa / roles.length,
      max: maxEntitlements,
    },
  };
}
