import { HUMAN, findPair } from './access-index.ts';
import { ELIGIBLE, SOD_REFUSED } from './screening.ts';
import { SodTracker, findToxicRisk } from './sod.ts';
import type { MiningState } from './state.ts';
import { countResidual, isHeld } from './state.ts';

export interface CoreRole {
  /** Sorted identity indices holding every entitlement. */
  members: number[];
  /** Sorted entitlement indices. */
  entitlements: number[];
}

/** How many of `size` identities make up `share` of them (at least minMembers). */
export function quorum(
  state: MiningState,
  size: number,
  share: number,
): number {
  return Math.max(state.config.minMembers, Math.ceil(share * size - 1e-9));
}

/**
 * Grows a role from candidates offered strongest first. A candidate is
 * kept while at least `need` identities of the group still hold every
 * kept entitlement, so a role never grants anything a member lacks. With
 * `byArea`, the prefix of kept candidates with the largest area (members
 * × entitlements) wins instead of the last one: a concept's extent mixes
 * its real members with stray holders of the seed, and the largest block
 * is the role. A candidate that would complete a toxic combination with
 * the kept ones is refused.
 */
export function growCoreRole(
  state: MiningState,
  group: readonly number[],
  candidates: readonly number[],
  need: number,
  byArea = false,
  minEntitlements = 1,
): CoreRole | undefined {
  // Every group is of one audience; an empty group makes no role anyway.
  const audience = state.index.audience[group[0] ?? 0] ?? HUMAN;
  const tracker = new SodTracker(state.sod, audience);
  let members = [...group];
  const entitlements: number[] = [];
  const refused: number[] = [];
  let best: CoreRole | undefined;
  for (const e of candidates) {
    const risk = tracker.completes(e);
    if (risk >= 0) {
      refused.push(e);
      continue;
    }
    const holding = members.filter((i) => isHeld(state, i, e));
    if (holding.length < need) continue;
    members = holding;
    entitlements.push(e);
    tracker.add(e);
    const area = members.length * entitlements.length;
    if (
      byArea &&
      entitlements.length >= minEntitlements &&
      (best === undefined ||
        area > best.members.length * best.entitlements.length)
    ) {
      best = { members, entitlements: [...entitlements] };
    }
  }
  if (!byArea) best = { members, entitlements };
  if (best === undefined || best.entitlements.length === 0) return undefined;
  const kept = best;
  for (const e of refused) {
    const risk = findToxicRisk(state.sod, [...kept.entitlements, e], audience);
    if (risk >= 0) refuse(state, kept.members, e, risk);
  }
  return {
    members: kept.members,
    entitlements: [...kept.entitlements].sort((a, b) => a - b),
  };
}

/**
 * The role of one group: the entitlements that at least `minSupport` of
 * the group hold and no role explains yet, most held first. Given the
 * audience's unexplained holders per entitlement (`specific`), only
 * entitlements mostly held inside the group qualify: a peer group then
 * does not cut a cross-group role into per-group pieces. `allowed`, when
 * given, limits the candidates further.
 */
export function buildGroupRole(
  state: MiningState,
  group: readonly number[],
  specific?: Int32Array,
  allowed?: ReadonlySet<number>,
): CoreRole | undefined {
  if (group.length < state.config.minMembers) return undefined;
  const { minSupport } = state.config;
  const need = quorum(state, group.length, minSupport);
  const candidates = countResidual(state, group)
    .filter(
      (c) =>
        c.count >= need &&
        (allowed === undefined || allowed.has(c.entitlement)) &&
        (specific === undefined ||
          c.count >= minSupport * (specific[c.entitlement] ?? 0)),
    )
    .sort((a, b) => b.count - a.count || a.entitlement - b.entitlement)
    .map((c) => c.entitlement);
  return growCoreRole(state, group, candidates, need);
}

/**
 * The members of a role that refused `e` hold both sides of the risk;
 * their pairs of `e` leave the pool for good, so that no later role hands
 * the same people the other half of the combination.
 */
function refuse(
  state: MiningState,
  members: readonly number[],
  e: number,
  risk: number,
): void {
  for (const i of members) {
    const p = findPair(state.index, i, e);
    if (p >= 0 && state.status[p] === ELIGIBLE) {
      state.status[p] = SOD_REFUSED;
      state.sodDropped[p] = risk + 1;
    }
  }
}
