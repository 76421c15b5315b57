import type { Finding, PolicySet, RoleSetConstraint } from '../model/index.ts';
import { compareFindings, outcomeSeverity } from '../model/index.ts';
import type { EffectiveAccess } from './access-types.ts';
import type { SodOptions } from './sod-index.ts';
import { formatIds } from './sod-index.ts';

/**
 * `sod.role-set` for every identity holding `cardinality` or more roles of
 * a role set (static SoD in the ANSI RBAC sense).
 *
 * `FindingSubject` has no field for a role-set id, so `subject.risk`
 * carries it; policy tests read it back as `roleSet`.
 */
export function evaluateRoleSets(
  access: EffectiveAccess,
  policies: PolicySet,
  // Role sets have no dates yet; the options keep every SoD check's
  // signature alike.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  options: SodOptions,
): Finding[] {
  const setsByRole = new Map<string, RoleSetConstraint[]>();
  for (const roleSet of policies.roleSets) {
    for (const role of new Set(roleSet.roles)) {
      const sets = setsByRole.get(role) ?? [];
      sets.push(roleSet);
      setsByRole.set(role, sets);
    }
  }
  if (setsByRole.size === 0) return [];

  const findings: Finding[] = [];
  for (const grants of access.identities) {
    // Only role sets that share a role with the identity are counted.
    const heldBySet = new Map<RoleSetConstraint, string[]>();
    for (const role of new Set(grants.roles)) {
      for (const roleSet of setsByRole.get(role) ?? []) {
        const held = heldBySet.get(roleSet) ?? [];
        held.push(role);
        heldBySet.set(roleSet, held);
      }
    }
    for (const [roleSet, held] of heldBySet) {
      if (held.length < roleSet.cardinality) continue;
      findings.push(roleSetFinding(grants.id, roleSet, held.sort(), policies));
    }
  }
  return findings.sort(compareFindings);
}

function roleSetFinding(
  identity: string,
  roleSet: RoleSetConstraint,
  roles: string[],
  policies: PolicySet,
): Finding {
  const origin = policies.origins[`role-set:${roleSet.id}`];
  return {
    code: 'sod.role-set',
    severity: outcomeSeverity(roleSet.outcome),
    message:
      `Identity ${identity} holds ${roles.length} roles of role set ` +
      `${roleSet.id} "${roleSet.title}", where fewer than ` +
      `${roleSet.cardinality} are allowed: ${formatIds(roles)}.`,
    hint:
      `Remove roles from ${identity} until it holds fewer than ` +
      `${roleSet.cardinality} of ${formatIds(roleSet.roles)}; ` +
      `${roleSet.owner} owns the role set and decides on exceptions.`,
    ...(origin !== undefined && { file: origin.file, path: origin.path }),
    subject: { identity, risk: roleSet.id, roles },
  };
}
