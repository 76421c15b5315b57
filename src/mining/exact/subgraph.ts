import type { Bits } from '../bitset.ts';
import { createBits, hasBit, setBit } from '../bitset.ts';
import { forEachBit } from './bits.ts';
import type { CellGraph } from './cell-graph.ts';

/** A connected piece of the live cell graph, re-indexed 0..n-1. */
export interface Subgraph {
  /** Local vertex → cell of the cell graph. */
  cells: number[];
  /** Closed neighbourhoods over local vertices. */
  adjacency: Bits[];
}

/**
 * Splits the live cells into connected components: a clique never spans
 * two, so each is covered on its own and the minima add up.
 */
export function splitComponents(graph: CellGraph, alive: Bits): Subgraph[] {
  const seen = createBits(graph.size);
  const components: Subgraph[] = [];
  forEachBit(alive, (start) => {
    if (hasBit(seen, start)) return;
    const cells: number[] = [start];
    setBit(seen, start);
    for (let head = 0; head < cells.length; head++) {
      forEachBit(graph.neighbours[cells[head] as number] as Bits, (y) => {
        if (hasBit(alive, y) && !hasBit(seen, y)) {
          setBit(seen, y);
          cells.push(y);
        }
      });
    }
    cells.sort((a, b) => a - b);
    components.push(localise(graph, cells));
  });
  return components;
}

function localise(graph: CellGraph, cells: number[]): Subgraph {
  const local = new Map<number, number>();
  cells.forEach((cell, i) => local.set(cell, i));
  const adjacency = cells.map((cell) => {
    const bits = createBits(cells.length);
    forEachBit(graph.neighbours[cell] as Bits, (y) => {
      const i = local.get(y);
      if (i !== undefined) setBit(bits, i);
    });
    return bits;
  });
  return { cells, adjacency };
}
