import type { Audience, Inventory } from '../../model/index.ts';
import { audienceOf } from '../../model/index.ts';
import type { MiningResult } from '../types.ts';
import type { GovernedRisk } from './options.ts';
import { compileSod, findToxicRisk } from './sod.ts';
import { HUMAN, MACHINE } from './access-index.ts';

export interface InvariantOptions {
  minMembers?: number;
  risks?: readonly GovernedRisk[];
}

/**
 * The promises of governed mining, checked from the outside on plain
 * data: no role mixes people and machines, no role grants access its
 * members lack, every input assignment sits inside a role or in the
 * exceptions (never both, never neither), no role is smaller than
 * minMembers and no role holds a toxic combination by itself. Returns
 * the breaches found; empty means the result keeps every promise.
 */
export function checkGovernedInvariants(
  inventory: Inventory,
  result: MiningResult,
  options: InvariantOptions = {},
): string[] {
  const problems: string[] = [];
  const held = new Map<string, Set<string>>();
  for (const { identity, entitlement } of inventory.assignments) {
    const set = held.get(identity) ?? new Set<string>();
    set.add(entitlement);
    held.set(identity, set);
  }
  const audiences = new Map<string, Audience>();
  for (const identity of inventory.identities) {
    if (audiences.has(identity.id)) continue;
    const kind = identity.kindAssumed === true ? 'human' : identity.kind;
    audiences.set(identity.id, audienceOf(kind));
  }

  const covered = new Map<string, Set<string>>();
  const ids = new Set<string>();
  for (const role of result.roles) {
    if (ids.has(role.id)) problems.push(`role id ${role.id} is not unique`);
    ids.add(role.id);
    if (
      !isSortedUnique(role.identities) ||
      !isSortedUnique(role.entitlements)
    ) {
      problems.push(`role ${role.id} lists are not sorted and unique`);
    }
    if (role.identities.length < (options.minMembers ?? 1)) {
      problems.push(`role ${role.id} has ${role.identities.length} members`);
    }
    if (role.entitlements.length === 0)
      problems.push(`role ${role.id} grants nothing`);
    for (const identity of role.identities) {
      const audience = audiences.get(identity) ?? 'human';
      if (audience !== role.audience) {
        problems.push(
          `role ${role.id} (${role.audience}) has ${audience} member ${identity}`,
        );
      }
      const has = held.get(identity);
      const mine = covered.get(identity) ?? new Set<string>();
      covered.set(identity, mine);
      for (const entitlement of role.entitlements) {
        if (has?.has(entitlement) !== true) {
          problems.push(
            `role ${role.id} grants ${entitlement} to ${identity}, who does not hold it`,
          );
        }
        mine.add(entitlement);
      }
    }
    if (options.risks !== undefined && options.risks.length > 0) {
      const model = compileSod(options.risks, role.entitlements);
      const risk = findToxicRisk(
        model,
        role.entitlements.keys(),
        role.audience === 'machine' ? MACHINE : HUMAN,
      );
      if (risk >= 0) {
        problems.push(
          `role ${role.id} completes risk ${model.risks[risk]?.id ?? ''}`,
        );
      }
    }
  }

  const excepted = new Set<string>();
  for (const { identity, entitlement } of result.exceptions) {
    const key = `${identity}\u0000${entitlement}`;
    if (excepted.has(key))
      problems.push(`exception ${identity} ${entitlement} is listed twice`);
    excepted.add(key);
    if (held.get(identity)?.has(entitlement) !== true) {
      problems.push(
        `exception ${identity} ${entitlement} is not an input assignment`,
      );
    }
    if (covered.get(identity)?.has(entitlement) === true) {
      problems.push(
        `exception ${identity} ${entitlement} is also inside a role`,
      );
    }
  }
  for (const [identity, entitlements] of held) {
    for (const entitlement of entitlements) {
      const inRole = covered.get(identity)?.has(entitlement) === true;
      if (!inRole && !excepted.has(`${identity}\u0000${entitlement}`)) {
        problems.push(`assignment ${identity} ${entitlement} disappeared`);
      }
    }
  }
  if (result.metrics.exceptions !== result.exceptions.length) {
    problems.push('metrics.exceptions does not match the exceptions');
  }
  return problems;
}

function isSortedUnique(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i - 1] ?? '') < (values[i] ?? ''))) return false;
  }
  return true;
}
