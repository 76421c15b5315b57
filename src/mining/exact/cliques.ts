import type { Bits } from '../bitset.ts';
import { createBits, popcount } from '../bitset.ts';
import {
  andInto,
  andNotInto,
  clearBit,
  countAnd,
  forEachBit,
  isEmpty,
} from './bits.ts';
import type { Subgraph } from './subgraph.ts';

/**
 * Every maximal clique of a small graph (Bron–Kerbosch with Tomita's
 * pivot), or null when there are more than `limit`: the caller then falls
 * back to a heuristic cover instead of running out of memory.
 */
export function listMaximalCliques(
  graph: Subgraph,
  limit: number,
): number[][] | null {
  const n = graph.cells.length;
  const open = new Uint32Array((n + 31) >>> 5);
  for (let v = 0; v < n; v++)
    open[v >>> 5] = (open[v >>> 5] as number) | (1 << (v & 31));
  const cliques: number[][] = [];
  const current: number[] = [];
  // Open neighbourhoods: the recursion wants N(v) without v.
  const around = graph.adjacency.map((bits, v) => {
    const copy = bits.slice();
    clearBit(copy, v);
    return copy;
  });

  const expand = (candidates: Bits, excluded: Bits): boolean => {
    if (isEmpty(candidates) && isEmpty(excluded)) {
      cliques.push(current.slice());
      return cliques.length <= limit;
    }
    const pivot = choosePivot(around, candidates, excluded);
    const branch = candidates.slice();
    andNotInto(branch, around[pivot] as Bits);
    let ok = true;
    forEachBit(branch, (v) => {
      if (!ok) return;
      const nextCandidates = candidates.slice();
      andInto(nextCandidates, around[v] as Bits);
      const nextExcluded = excluded.slice();
      andInto(nextExcluded, around[v] as Bits);
      current.push(v);
      ok = expand(nextCandidates, nextExcluded);
      current.pop();
      clearBit(candidates, v);
      excluded[v >>> 5] = (excluded[v >>> 5] as number) | (1 << (v & 31));
    });
    return ok;
  };
  return expand(open, createBits(n)) ? cliques : null;
}

/** The vertex with most candidates around it: fewest branches. */
function choosePivot(around: Bits[], candidates: Bits, excluded: Bits): number {
  let pivot = -1;
  let best = -1;
  const visit = (v: number) => {
    const score = countAnd(around[v] as Bits, candidates);
    if (score > best) {
      best = score;
      pivot = v;
    }
  };
  forEachBit(candidates, visit);
  if (popcount(excluded) > 0) forEachBit(excluded, visit);
  return pivot;
}
