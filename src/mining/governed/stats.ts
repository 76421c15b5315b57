import type { AttributePurity, CandidateStats } from '../types.ts';
import { attributeOf } from './groups.ts';
import { ELIGIBLE } from './screening.ts';
import { compare } from './sod.ts';
import type { MinedRole, MiningState } from './state.ts';
import { isHeld } from './state.ts';

/**
 * Stats a reviewer weighs a candidate by. Confidence multiplies three
 * plain signals: the best purity share (1 when the data carries no
 * attributes), specificity (members among all identities of the audience
 * that hold the whole role) and size (full from twice minMembers).
 */
export function roleStats(
  state: MiningState,
  role: MinedRole,
  audienceSize: number,
  eligible: Int32Array,
): CandidateStats {
  const members = role.members.length;
  const purity = purityOf(state, role);
  let inScope = 0;
  for (const i of role.members) inScope += eligible[i] ?? 0;
  const explained = members * role.entitlements.length;
  const best = purity[0]?.share ?? 1;
  const specificity = members / Math.max(members, holdersOfAll(state, role));
  const size = Math.min(1, members / (2 * state.config.minMembers));
  return {
    members,
    support: round3(audienceSize === 0 ? 0 : members / audienceSize),
    purity,
    coverage: round3(inScope === 0 ? 0 : explained / inScope),
    confidence: round3(best * specificity * size),
  };
}

/** The most common value of each attribute among the members, strongest first. */
export function purityOf(
  state: MiningState,
  role: MinedRole,
): AttributePurity[] {
  const members = role.members.length;
  const entries: AttributePurity[] = [];
  const group = role.group;
  if (group !== undefined && group.attributes.length > 1) {
    const count = role.members.filter((i) =>
      group.attributes.every(
        (a, k) => attributeOf(state.index, i, a) === group.values[k],
      ),
    ).length;
    entries.push(
      entry(
        group.attributes.join('+'),
        group.values.join(' / '),
        count,
        members,
      ),
    );
  }
  for (const attribute of state.config.attributes) {
    const counts = new Map<string, number>();
    for (const i of role.members) {
      const value = attributeOf(state.index, i, attribute);
      if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const top = [...counts].sort(
      (a, b) => b[1] - a[1] || compare(a[0], b[0]),
    )[0];
    if (top !== undefined)
      entries.push(entry(attribute, top[0], top[1], members));
  }
  // Stable sort: equal shares keep the combined entry, then attribute order.
  return entries.sort((a, b) => b.share - a.share);
}

function entry(
  attribute: string,
  value: string,
  count: number,
  members: number,
): AttributePurity {
  return { attribute, value, count, share: round3(count / members) };
}

/** Identities of the role's audience holding every entitlement of it. */
function holdersOfAll(state: MiningState, role: MinedRole): number {
  const { index } = state;
  let smallest = role.entitlements[0] ?? 0;
  for (const e of role.entitlements) {
    const size = (index.colStart[e + 1] ?? 0) - (index.colStart[e] ?? 0);
    const best =
      (index.colStart[smallest + 1] ?? 0) - (index.colStart[smallest] ?? 0);
    if (size < best) smallest = e;
  }
  let holders = 0;
  const end = index.colStart[smallest + 1] ?? 0;
  for (let q = index.colStart[smallest] ?? 0; q < end; q++) {
    const p = index.colPairs[q] ?? 0;
    const i = index.pairIdentity[p] ?? 0;
    if (state.status[p] !== ELIGIBLE || index.audience[i] !== role.audience)
      continue;
    if (role.entitlements.every((e) => e === smallest || isHeld(state, i, e))) {
      holders++;
    }
  }
  return holders;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
