import type { Entitlement, Provenance } from '../../model/index.ts';
import { findBuiltinRole } from './k8s-builtin.ts';
import type { K8sSite, PolicyRule, RoleDef } from './k8s-defs.ts';
import { assessRules, summariseRules } from './k8s-rules.ts';

/** The scope of a grant: `cluster`, or the namespace of a RoleBinding. */
export type GrantScope = string;

export const CLUSTER_SCOPE = 'cluster';

/** Annotations naming an accountable person, in order of preference. */
export const OWNER_ANNOTATIONS = ['rolesmith.io/owner', 'owner'];

const AGGREGATE_TO = 'rbac.authorization.k8s.io/aggregate-to-';

/**
 * `k8s:cluster:clusterrole/<name>` for a ClusterRoleBinding,
 * `k8s:<namespace>:clusterrole/<name>` for a RoleBinding to a ClusterRole,
 * `k8s:<namespace>:role/<name>` for a RoleBinding to a Role.
 */
export function entitlementId(
  kind: 'Role' | 'ClusterRole',
  name: string,
  scope: GrantScope,
): string {
  return `k8s:${scope}:${kind.toLowerCase()}/${name}`;
}

export function provenanceOf(source: string, site: K8sSite): Provenance {
  return { source, ...site };
}

export function ownerOf(
  annotations: Record<string, string>,
): string | undefined {
  for (const key of OWNER_ANNOTATIONS) {
    const owner = annotations[key];
    if (owner !== undefined && owner !== '') return owner;
  }
  return undefined;
}

/** Roles by `ClusterRole:<name>` and `Role:<namespace>/<name>`. */
export type RoleIndex = ReadonlyMap<string, RoleDef>;

export function roleKey(
  kind: 'Role' | 'ClusterRole',
  name: string,
  namespace?: string,
): string {
  return kind === 'Role'
    ? `Role:${namespace ?? ''}/${name}`
    : `${kind}:${name}`;
}

/**
 * The entitlement a grant of `kind name` in `scope` gives, described from
 * the role's rules when the manifests define it, else from the built-in
 * table, else left without risk so the quality report asks for one.
 */
export function buildEntitlement(
  ref: { kind: 'Role' | 'ClusterRole'; name: string },
  scope: GrantScope,
  roles: RoleIndex,
  source: string,
  site: K8sSite,
): Entitlement {
  const id = entitlementId(ref.kind, ref.name, scope);
  const def = roles.get(roleKey(ref.kind, ref.name, scope));
  const where =
    scope === CLUSTER_SCOPE ? '(cluster-wide)' : `in namespace ${scope}`;
  const base = {
    id,
    system: 'k8s',
    name: `${ref.kind} ${ref.name} ${where}`,
  };
  if (def === undefined) {
    const builtin = findBuiltinRole(ref.kind, ref.name, scope);
    const provenance = [provenanceOf(source, site)];
    return builtin === undefined
      ? {
          ...base,
          description:
            'not defined in the manifests read; its rules are unknown',
          provenance,
        }
      : { ...base, ...builtin, provenance };
  }

  const { rules, notes } = effectiveRules(def, roles);
  const assessed = assessRules(rules);
  const risk = ref.name === 'cluster-admin' ? 'critical' : assessed.risk;
  const reasons =
    ref.name === 'cluster-admin'
      ? ['the cluster-admin role', ...assessed.reasons]
      : assessed.reasons;
  const owner = ownerOf(def.annotations);
  // An aggregated role whose parts are all elsewhere has unknown power.
  const known = def.aggregation === undefined || rules.length > 0;
  const description = [
    summariseRules(rules),
    ...(reasons.length > 0 ? [`${risk} risk: ${reasons.join('; ')}`] : []),
    ...notes,
  ].join('. ');
  return {
    ...base,
    description,
    ...(known && { risk }),
    ...(owner !== undefined && { owner }),
    provenance: [provenanceOf(source, def.site)],
  };
}

/**
 * A role's own rules plus, for an aggregated ClusterRole, the rules of the
 * ClusterRoles in these manifests that its selectors pick. The cluster may
 * hold more, which the note says.
 */
function effectiveRules(
  def: RoleDef,
  roles: RoleIndex,
): { rules: PolicyRule[]; notes: string[] } {
  const notes: string[] = [];
  const into = Object.keys(def.labels)
    .filter((key) => key.startsWith(AGGREGATE_TO) && def.labels[key] === 'true')
    .map((key) => key.slice(AGGREGATE_TO.length));
  if (into.length > 0) notes.push(`aggregated into ${into.join(', ')}`);
  if (def.aggregation === undefined) return { rules: def.rules, notes };

  const { selectors, unevaluated } = def.aggregation;
  const picked = [...roles.values()].filter(
    (other) =>
      other !== def &&
      other.kind === 'ClusterRole' &&
      selectors.some(
        (selector) =>
          Object.keys(selector).length > 0 &&
          Object.entries(selector).every(
            ([key, value]) => other.labels[key] === value,
          ),
      ),
  );
  notes.push(
    picked.length > 0
      ? 'aggregated ClusterRole: rules of ' +
          `${picked.map((r) => r.name).join(', ')} from these manifests; ` +
          'the cluster may add more'
      : 'aggregated ClusterRole: no ClusterRole in these manifests matches ' +
          'its selectors; the cluster fills its rules',
  );
  if (unevaluated > 0) {
    notes.push(`${unevaluated} selectors use matchExpressions, not evaluated`);
  }
  return {
    rules: [...def.rules, ...picked.flatMap((other) => other.rules)],
    notes,
  };
}
