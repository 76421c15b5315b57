import type { Bits } from '../bitset.ts';
import { createBits, hasBit, popcount, setBit } from '../bitset.ts';
import {
  andInto,
  andNotInto,
  bitsOf,
  clearBit,
  forEachBit,
  orInto,
} from './bits.ts';
import type { CellGraph } from './cell-graph.ts';

/** One exact reduction of the clique cover, for replay. */
export type KernelStep =
  /** A cell whose live neighbours are pairwise compatible: one clique. */
  | { kind: 'forced'; clique: number[] }
  /** `cell` fits into every clique that covers `by`. */
  | { kind: 'dominated'; cell: number; by: number };

export interface Kernel {
  /** Cells still to cover. */
  alive: Bits;
  steps: KernelStep[];
  /** Cliques forced so far: they count towards every cover. */
  forced: number;
}

/**
 * Shrinks the clique cover with two rules that keep the minimum, until
 * neither applies:
 * - a cell x whose closed neighbourhood N[x] is a clique: some optimal
 *   cover uses N[x] (any clique through x lies inside it), so take it;
 * - a cell y with N[x] ⊆ N[y] for a neighbour x: any clique through x
 *   extends by y, so y needs no cover of its own.
 * A work list revisits only cells whose neighbourhood changed. The
 * graph's neighbourhoods are trimmed to the live cells in place.
 */
export function reduceCellGraph(graph: CellGraph): Kernel {
  const { size, neighbours } = graph;
  const alive = bitsOf(
    size,
    Array.from({ length: size }, (_, i) => i),
  );
  const steps: KernelStep[] = [];
  let forced = 0;
  const queued = createBits(size);
  const queue: number[] = [];
  const push = (bits: Bits) => {
    forEachBit(bits, (y) => {
      if (!hasBit(queued, y)) {
        setBit(queued, y);
        queue.push(y);
      }
    });
  };
  // Sparse cells first: they are the likeliest to be simplicial or to
  // dominate, and every early removal shrinks the later tests.
  const order = Array.from({ length: size }, (_, i) => i);
  const degree = order.map((i) => popcount(neighbours[i] as Bits));
  order.sort((a, b) => (degree[a] as number) - (degree[b] as number) || a - b);
  for (const i of order) {
    setBit(queued, i);
    queue.push(i);
  }

  const touched = createBits(size);
  const words = new Int32Array(touched.length);
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head] as number;
    clearBit(queued, x);
    if (!hasBit(alive, x)) continue;
    const nx = neighbours[x] as Bits;
    andInto(nx, alive);

    // Which neighbours contain N[x]? All of them: N[x] is a clique.
    // Neighbourhoods are sparse: test only the words N[x] occupies.
    let occupied = 0;
    for (let i = 0; i < nx.length; i++) {
      if (nx[i] !== 0) words[occupied++] = i;
    }
    const dominated: number[] = [];
    let others = 0;
    forEachBit(nx, (y) => {
      if (y === x) return;
      others++;
      if (contains(neighbours[y] as Bits, nx, words, occupied)) {
        dominated.push(y);
      }
    });

    touched.fill(0);
    if (dominated.length === others) {
      const cells: number[] = [];
      forEachBit(nx, (y) => {
        cells.push(y);
        orInto(touched, neighbours[y] as Bits);
      });
      steps.push({ kind: 'forced', clique: cells });
      forced++;
      andNotInto(alive, nx);
    } else if (dominated.length > 0) {
      for (const y of dominated) {
        steps.push({ kind: 'dominated', cell: y, by: x });
        clearBit(alive, y);
        orInto(touched, neighbours[y] as Bits);
      }
    } else {
      continue;
    }
    andInto(touched, alive);
    push(touched);
  }
  return { alive, steps, forced };
}

/** `outer ⊇ inner`, where `inner` has bits only in the listed words. */
function contains(
  outer: Bits,
  inner: Bits,
  words: Int32Array,
  count: number,
): boolean {
  for (let k = 0; k < count; k++) {
    const i = words[k] as number;
    if (((inner[i] as number) & ~(outer[i] as number)) !== 0) return false;
  }
  return true;
}
