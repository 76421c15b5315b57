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
import { createWscInstance } from './wsc-instance.ts';
import type { WscState } from './wsc-state.ts';
import { costOf, membersOf } from './wsc-state.ts';

/** Past this many concepts the candidate pool keeps rows and columns only. */
const CONCEPT_LIMIT = 20_000;
/** An exact model over every possible role is tried up to this many. */
const SUBSET_LIMIT = 4096;

interface Scored {
  state: WscState;
  cost: number;
}

/**
 * Low-WSC exact roles, in three steps:
 * 1. local search from the minimum role cover and from one role per
 *    distinct column (and per row);
 * 2. an ILP over a pool of candidate roles (concepts, rows, columns and
 *    the roles found so far), started from the best solution so far;
 * 3. local search from the ILP's answer.
 * When the matrix is small enough to list every possible role, the pool
 * holds them all and an optimal ILP proves the optimum. Otherwise the
 * bound is proven but loose: every role set has at least the minimum
 * number of roles, and each identity and entitlement is in some role.
 */
export async function findLowWscCover(
  matrix: AccessMatrix,
  weights: WscWeights,
  options: CoverOptions,
): Promise<FoundCover> {
  const instance = createWscInstance(matrix, weights);
  const share = (part: number) =>
    performance.now() + (options.deadline - performance.now()) * part;
  const minimum = await findMinimumCover(matrix, options);
  const nonNegative = weights.roles >= 0 && weights.ua >= 0 && weights.pa >= 0;
  let lowerBound = nonNegative
    ? weights.roles * minimum.lowerBound +
      weights.ua * matrix.identities.length +
      weights.pa * matrix.entitlements.length
    : null;

  const singles = matrix.cols.map((_, c) => bitsOf(matrix.cols.length, [c]));
  const subsets = listRowSubsets(matrix, SUBSET_LIMIT);
  const concepts =
    subsets ??
    listConcepts(matrix, CONCEPT_LIMIT, share(0.1))?.map((c) => c.intent);
  const pool = unique([...(concepts ?? []), ...matrix.rows, ...singles]);
  options.logger.debug('wsc pool ready', { candidates: pool.length });

  // 1. Local search from the structural starts.
  const starts = [minimum.shapes.map((shape) => shape.cols), singles];
  let best: Scored | undefined;
  for (const [i, start] of starts.entries()) {
    const state = improveWsc(instance, start, pool, share(0.5 / (2 - i)));
    best = better(best, { state, cost: costOf(instance, state) });
  }
  const rows = improveWsc(instance, matrix.rows, [], share(0.1));
  best = better(best, { state: rows, cost: costOf(instance, rows) });
  options.logger.debug('wsc local search done', { cost: best.cost });

  // 2. The ILP, warm-started with the best so far (its roles join the pool).
  const found = best.state;
  const candidates = unique([...found.roles, ...pool]);
  const index = new Map(candidates.map((cols, i) => [bitsKey(cols), i]));
  const incumbent = found.assigned.map((roles) =>
    roles.map((r) => index.get(bitsKey(found.roles[r] as Bits)) ?? -1),
  );
  const seconds = (share(0.8) - performance.now()) / 1000;
  const picked = await pickRolesByIlp(instance, candidates, seconds, incumbent);
  let optimal = false;
  if (picked !== null && picked.cost < best.cost) {
    // 3. Polish the ILP's answer with what time is left.
    const roles = picked.roles.filter(
      (_, r) => (picked.members[r]?.length ?? 0) > 0,
    );
    const state = improveWsc(instance, roles, pool, options.deadline);
    best = better(best, { state, cost: costOf(instance, state) });
  }
  if (subsets !== null && picked?.optimal === true) {
    optimal = true;
    lowerBound = picked.cost;
  }
  options.logger.debug('wsc ilp done', {
    solved: picked !== null,
    cost: best.cost,
  });
  return {
    ...toShapes(matrix, best.state),
    lowerBound,
    optimal: optimal && best.cost <= (lowerBound ?? 0) + 1e-9,
    stages: { ...minimum.stages, candidates: candidates.length },
  };
}

function better(a: Scored | undefined, b: Scored): Scored {
  return a === undefined || b.cost < a.cost ? b : a;
}

function toShapes(
  matrix: AccessMatrix,
  state: WscState,
): { shapes: RoleShape[]; members: number[][] } {
  const members = membersOf(state);
  const shapes = state.roles.map((cols, r) => {
    const rows = bitsOf(matrix.rows.length, []);
    for (const u of members[r] ?? []) setBit(rows, u);
    return { rows, cols };
  });
  return { shapes, members };
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
