import type { Bits } from '../bitset.ts';
import { createBits, hasBit, popcount } from '../bitset.ts';
import {
  andInto,
  andNotInto,
  clearBit,
  countAnd,
  countAnd3,
  forEachBit,
} from './bits.ts';
import type { Subgraph } from './subgraph.ts';

/**
 * A fooling set: vertices no two of which are compatible, so no clique
 * (role) holds two of them and every cover needs at least one clique per
 * vertex. Greedy by fewest remaining neighbours, ties broken at random.
 */
export function findFoolingSet(
  graph: Subgraph,
  random: () => number,
): number[] {
  const n = graph.cells.length;
  const open = createBits(n);
  for (let v = 0; v < n; v++)
    open[v >>> 5] = (open[v >>> 5] as number) | (1 << (v & 31));
  const chosen: number[] = [];
  for (;;) {
    let best = -1;
    let bestScore = Infinity;
    forEachBit(open, (v) => {
      const score = countAnd(graph.adjacency[v] as Bits, open) + random();
      if (score < bestScore) {
        bestScore = score;
        best = v;
      }
    });
    if (best < 0) return chosen;
    chosen.push(best);
    andNotInto(open, graph.adjacency[best] as Bits);
  }
}

/**
 * A clique cover, greedily: start from the uncovered vertex with the
 * fewest uncovered neighbours (the hardest to place), then keep adding the
 * compatible vertex that keeps the most uncovered vertices reachable.
 */
export function findCliqueCover(
  graph: Subgraph,
  random: () => number,
): number[][] {
  const n = graph.cells.length;
  const uncovered = createBits(n);
  for (let v = 0; v < n; v++) {
    uncovered[v >>> 5] = (uncovered[v >>> 5] as number) | (1 << (v & 31));
  }
  const cliques: number[][] = [];
  const candidates = createBits(n);
  while (popcount(uncovered) > 0) {
    let seed = -1;
    let seedScore = Infinity;
    forEachBit(uncovered, (v) => {
      const score = countAnd(graph.adjacency[v] as Bits, uncovered) + random();
      if (score < seedScore) {
        seedScore = score;
        seed = v;
      }
    });
    const clique = [seed];
    candidates.set(graph.adjacency[seed] as Bits);
    clearBit(candidates, seed);
    for (;;) {
      let next = -1;
      let nextScore = -1;
      forEachBit(candidates, (v) => {
        const adjacency = graph.adjacency[v] as Bits;
        const gain = hasBit(uncovered, v) ? 1 : 0;
        const score =
          gain * n + countAnd3(adjacency, candidates, uncovered) + random();
        if (gain > 0 && score > nextScore) {
          nextScore = score;
          next = v;
        }
      });
      if (next < 0) break;
      clique.push(next);
      andInto(candidates, graph.adjacency[next] as Bits);
      clearBit(candidates, next);
    }
    for (const v of clique) clearBit(uncovered, v);
    cliques.push(clique);
  }
  return cliques;
}
