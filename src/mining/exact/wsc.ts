import type { Bits } from '../bitset.ts';
import { bitsKey, setBit } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import type { WscWeights } from '../types.ts';
import { bitsOf } from './bits.ts';
import { listConcepts } from './concepts.ts';
import type { CoverOptions } from './min-cover.ts';
import { findMinimumCover } from './min-cover.ts';
import { listRowSubsets } from './row-subsets.ts';
import type { FoundCover, RoleShape } from './shapes.ts';
import { pickRolesByIlp } from './wsc-ilp.ts';
import { improveWsc } from './wsc-improve.ts';
import type { WscState } from './wsc-state.ts';
import { costOf, membersOf } from './wsc-state.ts';
import { createWscInstance } from './wsc-instance.ts';

/** Past this many concepts the candidate pool keeps rows and columns only. */
const CONCEPT_LIMIT = 20_000;
/** An exact model over every possible role is tried up to this many. */
const SUBSET_LIMIT = 4096;

/**
 * Low-WSC exact roles. Starting points (the minimum role cover, one role
 * per distinct row, one per distinct column, the best concepts by ILP)
 * are each improved by local search and the cheapest wins. When the
 * matrix is small enough to list every possible role, an ILP over all of
 * them gives the proven optimum. Otherwise the bound is proven but loose:
 * every role set has at least the minimum number of roles, and each
 * identity and entitlement sits in some role.
 */
export async function findLowWscCover(
  matrix: AccessMatrix,
  weights: WscWeights,
  options: CoverOptions,
): Promise<FoundCover> {
  const instance = createWscInstance(matrix, weights);
  const minimum = await findMinimumCover(matrix, options);
  const nonNegative = weights.roles >= 0 && weights.ua >= 0 && weights.pa >= 0;
  let lowerBound = nonNegative
    ? weights.roles * minimum.lowerBound +
      weights.ua * matrix.identities.length +
      weights.pa * matrix.entitlements.length
    : null;

  const singles = matrix.cols.map((_, c) => bitsOf(matrix.cols.length, [c]));
  const subsets = listRowSubsets(matrix, SUBSET_LIMIT);
  const share = (part: number) =>
    performance.now() + (options.deadline - performance.now()) * part;
  const concepts =
    subsets ??
    listConcepts(matrix, CONCEPT_LIMIT, share(0.2))?.map((c) => c.intent);
  const pool = unique([...(concepts ?? []), ...matrix.rows, ...singles]);
  const starts: Bits[][] = [
    minimum.shapes.map((shape) => shape.cols),
    matrix.rows.map((row) => row.slice()),
    singles,
  ];

  const seconds = (share(0.4) - performance.now()) / 1000;
  const picked = await pickRolesByIlp(instance, pool, seconds);
  let optimal = false;
  if (picked !== null) {
    starts.unshift(
      picked.roles.filter((_, r) => (picked.members[r]?.length ?? 0) > 0),
    );
    if (subsets !== null && picked.optimal) {
      optimal = true;
      lowerBound = picked.cost;
    }
  }

  let best: { state: WscState; cost: number } | undefined;
  for (const [i, start] of starts.entries()) {
    const slice = share(1 / (starts.length - i));
    const state = improveWsc(instance, start, optimal ? [] : pool, slice);
    const cost = costOf(instance, state);
    options.logger.debug('wsc start improved', { cost });
    if (best === undefined || cost < best.cost) best = { state, cost };
    if (optimal) break;
  }
  const final = (best as { state: WscState }).state;
  const members = membersOf(final);
  const shapes: RoleShape[] = final.roles.map((cols, r) => {
    const rows = bitsOf(matrix.rows.length, []);
    for (const u of members[r] ?? []) setBit(rows, u);
    return { rows, cols };
  });
  return {
    shapes,
    members,
    lowerBound,
    optimal,
    stages: { ...minimum.stages, candidates: pool.length },
  };
}

function unique(list: readonly Bits[]): Bits[] {
  const seen = new Set<string>();
  return list.filter((bits) => {
    const key = bitsKey(bits);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
