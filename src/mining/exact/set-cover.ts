import type { Bits } from '../bitset.ts';
import { hasBit, popcount } from '../bitset.ts';
import {
  andInto,
  andNotInto,
  bitsOf,
  clearBit,
  countAnd,
  forEachBit,
  listBits,
  subsetOf,
} from './bits.ts';
import { searchSetCover } from './branch-and-bound.ts';
import { solveBinaryProgram } from './ilp.ts';

export interface SetCoverResult {
  /** Indices into the given sets, ascending. */
  chosen: number[];
  optimal: boolean;
  /** Proven lower bound on the number of sets. */
  lowerBound: number;
}

/** Pairwise dominance tests are quadratic: skip them past this size. */
const PAIRWISE_LIMIT = 4000;
/** Branch-and-bound nodes before handing the residual to HiGHS. */
const SEARCH_NODES = 100_000;

/**
 * Minimum unit-cost set cover of elements 0..universe-1: the classic
 * reductions first, then an exact binary program on what is left, with a
 * greedy answer if the time runs out first.
 */
export async function solveSetCover(
  universe: number,
  sets: readonly number[][],
  timeLimitSeconds: number,
): Promise<SetCoverResult> {
  const members = sets.map((set) => bitsOf(universe, set));
  const open = bitsOf(
    universe,
    Array.from({ length: universe }, (_, e) => e),
  );
  const live = bitsOf(sets.length, sets.keys());
  const forced = reduce(members, open, live);

  const rest = listBits(live);
  const elements = listBits(open);
  if (elements.length === 0) {
    return { chosen: sorted(forced), optimal: true, lowerBound: forced.length };
  }
  const greedy = coverGreedily(members, open, rest);
  const search = searchSetCover(open, members, rest, greedy, SEARCH_NODES);
  if (search.optimal) {
    const chosen = sorted([...forced, ...search.chosen]);
    return { chosen, optimal: true, lowerBound: chosen.length };
  }
  const program = {
    costs: rest.map(() => 1),
    constraints: elements.map((e) => ({
      vars: rest.flatMap((s, j) => (hasBit(members[s] as Bits, e) ? [j] : [])),
      atLeast: 1,
    })),
  };
  const result = await solveBinaryProgram(program, timeLimitSeconds);
  const values = result.values;
  const exact = values && rest.filter((_, j) => (values[j] ?? 0) > 0.5);
  const fallback = search.chosen;
  const useExact = exact !== null && exact.length <= fallback.length;
  const bound = Math.max(1, Math.ceil(result.dualBound - 1e-6));
  return {
    chosen: sorted([...forced, ...(useExact ? exact : fallback)]),
    optimal: result.status === 'optimal' && useExact,
    lowerBound: forced.length + bound,
  };
}

/**
 * - an element only one live set holds forces that set;
 * - a set whose open elements another set also holds drops;
 * - an element held by every set holding another element drops (covering
 *   the other covers it).
 * Returns the forced sets; `open` and `live` shrink in place.
 */
function reduce(members: Bits[], open: Bits, live: Bits): number[] {
  const forced: number[] = [];
  for (;;) {
    const holders = holdersOf(members, open, live);
    let changed = false;
    for (const [e, list] of holders) {
      const s = list[0];
      if (list.length !== 1 || s === undefined || !hasBit(open, e)) continue;
      forced.push(s);
      andNotInto(open, members[s] as Bits);
      clearBit(live, s);
      changed = true;
    }
    if (changed) continue;
    const setsDropped = dropInnerSets(members, open, live);
    const elementsDropped = dropImpliedElements(
      holders,
      open,
      live.length * 32,
    );
    if (!setsDropped && !elementsDropped) return forced;
  }
}

function holdersOf(
  members: Bits[],
  open: Bits,
  live: Bits,
): Map<number, number[]> {
  const holders = new Map<number, number[]>();
  forEachBit(open, (e) => holders.set(e, []));
  forEachBit(live, (s) => {
    forEachBit(members[s] as Bits, (e) => holders.get(e)?.push(s));
  });
  return holders;
}

/** Equal sets: the first one stays. */
function dropInnerSets(members: Bits[], open: Bits, live: Bits): boolean {
  const list = listBits(live);
  if (list.length > PAIRWISE_LIMIT) return false;
  const open_ = list.map((s) => {
    const bits = (members[s] as Bits).slice();
    andInto(bits, open);
    return bits;
  });
  const sizes = open_.map(popcount);
  let dropped = false;
  list.forEach((s, i) => {
    const inner = open_[i] as Bits;
    const size = sizes[i] as number;
    const inside = list.some(
      (t, j) =>
        j !== i &&
        hasBit(live, t) &&
        ((sizes[j] as number) > size || j < i) &&
        subsetOf(inner, open_[j] as Bits),
    );
    if (size === 0 || inside) {
      clearBit(live, s);
      dropped = true;
    }
  });
  return dropped;
}

/** Equal holder lists: the first element stays. */
function dropImpliedElements(
  holders: Map<number, number[]>,
  open: Bits,
  sets: number,
): boolean {
  const entries = [...holders].filter(([e]) => hasBit(open, e));
  if (entries.length > PAIRWISE_LIMIT) return false;
  const bits = entries.map(([, list]) => bitsOf(sets, list));
  const sizes = entries.map(([, list]) => list.length);
  let dropped = false;
  entries.forEach(([e], i) => {
    const outer = bits[i] as Bits;
    const size = sizes[i] as number;
    const implied = entries.some(
      ([f], j) =>
        j !== i &&
        hasBit(open, f) &&
        ((sizes[j] as number) < size || j < i) &&
        subsetOf(bits[j] as Bits, outer),
    );
    if (implied) {
      clearBit(open, e);
      dropped = true;
    }
  });
  return dropped;
}

/** Most new elements first; ties to the lower index. */
function coverGreedily(
  members: Bits[],
  open: Bits,
  candidates: number[],
): number[] {
  const left = open.slice();
  const picked: number[] = [];
  while (popcount(left) > 0) {
    let best = -1;
    let gain = 0;
    for (const s of candidates) {
      const g = countAnd(members[s] as Bits, left);
      if (g > gain) {
        gain = g;
        best = s;
      }
    }
    picked.push(best);
    andNotInto(left, members[best] as Bits);
  }
  return picked;
}

function sorted(list: number[]): number[] {
  return [...list].sort((a, b) => a - b);
}
