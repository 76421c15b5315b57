import type { Bits } from '../bitset.ts';
import { popcount } from '../bitset.ts';
import {
  andNotInto,
  countAnd,
  forEachBit,
  intersects,
  orInto,
} from './bits.ts';

export interface SearchResult {
  /** Indices into the given sets. */
  chosen: number[];
  /** The search finished: `chosen` is a minimum cover. */
  optimal: boolean;
}

/**
 * Exact unit-cost set cover by depth-first branch and bound, for the small
 * residuals the reductions leave: branch on the open element with the
 * fewest sets, prune with a packing bound (open elements no set holds two
 * of need one set each). Gives up after `nodeLimit` nodes; the caller then
 * turns to the ILP solver.
 */
export function searchSetCover(
  open: Bits,
  members: readonly Bits[],
  candidates: readonly number[],
  incumbent: readonly number[],
  nodeLimit: number,
): SearchResult {
  // holders[e]: candidate positions holding e; reach[e]: elements that
  // share a set with e (a packing takes at most one of them).
  const holders = new Map<number, number[]>();
  forEachBit(open, (e) => holders.set(e, []));
  candidates.forEach((s, k) => {
    forEachBit(members[s] as Bits, (e) => holders.get(e)?.push(k));
  });
  const reach = new Map<number, Bits>();
  for (const [e, list] of holders) {
    const bits = new Uint32Array(open.length);
    for (const k of list)
      orInto(bits, members[candidates[k] as number] as Bits);
    reach.set(e, bits);
  }

  let best = [...incumbent];
  let nodes = 0;
  const stack: number[] = [];
  const packing = (left: Bits): number => {
    const rest = left.slice();
    let count = 0;
    for (;;) {
      let pick = -1;
      let fewest = Infinity;
      forEachBit(rest, (e) => {
        const size = (holders.get(e) as number[]).length;
        if (size < fewest) {
          fewest = size;
          pick = e;
        }
      });
      if (pick < 0) return count;
      count++;
      andNotInto(rest, reach.get(pick) as Bits);
    }
  };
  const visit = (left: Bits): boolean => {
    if (++nodes > nodeLimit) return false;
    if (popcount(left) === 0) {
      if (stack.length < best.length) best = [...stack];
      return true;
    }
    if (stack.length + packing(left) >= best.length) return true;
    let branch = -1;
    let fewest = Infinity;
    forEachBit(left, (e) => {
      const size = (holders.get(e) as number[]).length;
      if (size < fewest) {
        fewest = size;
        branch = e;
      }
    });
    const options = (holders.get(branch) as number[])
      .map((k) => candidates[k] as number)
      .filter((s) => intersects(members[s] as Bits, left))
      .sort(
        (a, b) =>
          countAnd(members[b] as Bits, left) -
            countAnd(members[a] as Bits, left) || a - b,
      );
    for (const s of options) {
      const next = left.slice();
      andNotInto(next, members[s] as Bits);
      stack.push(s);
      const finished = visit(next);
      stack.pop();
      if (!finished) return false;
    }
    return true;
  };
  const optimal = visit(open.slice());
  return { chosen: best, optimal };
}
