import type { Logger } from '../../logger.ts';
import type { Assignment, Inventory } from '../../model/index.ts';
import { audienceOf } from '../../model/index.ts';
import type { Correlation, IdentityMapping } from '../merge.ts';
import type { K8sGroupMembership } from './k8s-group-map.ts';
import { serviceAccountOfUsername } from './k8s-identities.ts';
import type { K8sGroupBinding } from './k8s-inventory.ts';

export interface GroupExpansionInput {
  /** The merged inventory of every source read together. */
  inventory: Inventory;
  correlations: readonly Correlation[];
  mappings: readonly IdentityMapping[];
  bindings: readonly K8sGroupBinding[];
  memberships: readonly K8sGroupMembership[];
  logger: Logger;
}

/**
 * Grants each member of a mapped group what the group's bindings grant,
 * as assignments with source `group` pointing at the Group subject. Runs
 * after merging because a member is named as the other sources name
 * people (an HR id, an e-mail address), which only the merged inventory
 * can resolve. A member nothing describes keeps the id as written, so the
 * quality report lists it as an orphan rather than the read failing.
 */
export function expandK8sGroups(input: GroupExpansionInput): Assignment[] {
  const { inventory, logger } = input;
  const byGroup = new Map<string, K8sGroupMembership[]>();
  for (const membership of input.memberships) {
    const list = byGroup.get(membership.group) ?? [];
    if (!list.some((m) => m.member === membership.member)) {
      list.push(membership);
    }
    byGroup.set(membership.group, list);
  }
  const resolve = memberResolver(input);
  const held = new Set(
    inventory.assignments.map((a) => `${a.identity}\u0000${a.entitlement}`),
  );
  const added: Assignment[] = [];
  const used = new Set<string>();
  for (const binding of input.bindings) {
    const members = byGroup.get(binding.group);
    if (members === undefined) continue;
    used.add(binding.group);
    for (const { member } of members) {
      const identity = resolve(member);
      const key = `${identity}\u0000${binding.entitlement}`;
      // Bound directly as well, or through two groups: one grant.
      if (held.has(key)) continue;
      held.add(key);
      added.push({
        identity,
        entitlement: binding.entitlement,
        source: 'group',
        provenance: binding.provenance,
      });
    }
  }
  for (const [group, members] of byGroup) {
    if (used.has(group)) continue;
    const first = members[0];
    logger.info('note: no Kubernetes binding uses this mapped group', {
      group,
      ...(first !== undefined && {
        file: first.file,
        ...(first.line !== undefined && { line: first.line }),
      }),
    });
  }
  return added;
}

/**
 * A member's identity in the merged inventory: a service account by its
 * username, an identity by its id (canonical, or as a source gave it),
 * else the one person with that e-mail address; otherwise the member as
 * written.
 */
function memberResolver(
  input: GroupExpansionInput,
): (member: string) => string {
  const known = new Set(input.inventory.identities.map((i) => i.id));
  const aliases = new Map<string, string>();
  for (const mapping of input.mappings) {
    if (mapping.source === undefined) {
      aliases.set(mapping.id, mapping.canonical);
    }
  }
  for (const correlation of input.correlations) {
    for (const { id } of correlation.merged) {
      aliases.set(id, correlation.canonical);
    }
  }
  const byEmail = new Map<string, string[]>();
  for (const identity of input.inventory.identities) {
    const email = identity.email?.trim().toLowerCase();
    if (email === undefined || email === '') continue;
    if (audienceOf(identity.kind) !== 'human') continue;
    byEmail.set(email, [...(byEmail.get(email) ?? []), identity.id]);
  }
  const warned = new Set<string>();
  return (member) => {
    const account = serviceAccountOfUsername(member);
    if (account !== undefined) return account;
    if (known.has(member)) return member;
    const alias = aliases.get(member);
    if (alias !== undefined) return alias;
    const people = byEmail.get(member.toLowerCase()) ?? [];
    if (people.length === 1 && people[0] !== undefined) return people[0];
    if (people.length > 1 && !warned.has(member)) {
      warned.add(member);
      input.logger.warn(
        'a mapped group member matches several people by e-mail; kept as written',
        { member, identities: people.join(', ') },
      );
    }
    return member;
  };
}
