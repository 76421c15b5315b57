import { describe, expect, it } from 'vitest';
import { bitsOf } from './bits.ts';
import { searchSetCover } from './branch-and-bound.ts';
import { listMaximalCliques } from './cliques.ts';
import { writeLp } from './ilp.ts';
import { solveSetCover } from './set-cover.ts';
import type { Subgraph } from './subgraph.ts';

const graphOf = (n: number, edges: [number, number][]): Subgraph => {
  const adjacency = Array.from({ length: n }, (_, v) => bitsOf(n, [v]));
  for (const [a, b] of edges) {
    adjacency[a]?.set(bitsOf(n, [...listOf(adjacency[a]), b]));
    adjacency[b]?.set(bitsOf(n, [...listOf(adjacency[b]), a]));
  }
  return { cells: Array.from({ length: n }, (_, v) => v), adjacency };
};
const listOf = (bits: Uint32Array | undefined) =>
  Array.from({ length: (bits?.length ?? 0) * 32 }, (_, i) => i).filter(
    (i) => (((bits?.[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1,
  );

describe('solveSetCover', () => {
  it.each([
    {
      name: 'a cover forced by lone elements',
      universe: 4,
      sets: [
        [0, 1],
        [2, 3],
        [1, 2],
      ],
      size: 2,
    },
    {
      // Every pair of a triangle: two sets are needed, three are offered.
      name: 'a triangle of pairs',
      universe: 3,
      sets: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      size: 2,
    },
    {
      name: 'a cover where greedy takes the big set first',
      universe: 6,
      sets: [
        [0, 1, 2],
        [3, 4, 5],
        [1, 2, 3, 4],
      ],
      size: 2,
    },
  ])('finds the minimum of $name', async ({ universe, sets, size }) => {
    const result = await solveSetCover(universe, sets, 5);

    expect(result.chosen.length).toBe(size);
    expect(result.optimal).toBe(true);
    expect(result.lowerBound).toBe(size);
    const covered = new Set(result.chosen.flatMap((s) => sets[s] ?? []));
    expect(covered.size).toBe(universe);
  });
});

describe('searchSetCover', () => {
  it('improves on the incumbent and proves it', () => {
    const members = [[0, 1, 2], [3, 4, 5], [1, 2, 3, 4], [0], [5]].map((s) =>
      bitsOf(6, s),
    );

    const result = searchSetCover(
      bitsOf(6, [0, 1, 2, 3, 4, 5]),
      members,
      [0, 1, 2, 3, 4],
      [2, 3, 4],
      1000,
    );

    expect(result).toEqual({ chosen: [0, 1], optimal: true });
  });
});

describe('listMaximalCliques', () => {
  it('lists a triangle with a pendant edge', () => {
    const graph = graphOf(4, [
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
    ]);

    const cliques = listMaximalCliques(graph, 10);

    expect(cliques?.map((c) => [...c].sort()).sort()).toEqual([
      [0, 1, 2],
      [2, 3],
    ]);
  });

  it('gives up past the limit', () => {
    const graph = graphOf(4, []);

    expect(listMaximalCliques(graph, 3)).toBeNull();
  });
});

describe('writeLp', () => {
  it('writes a binary program in CPLEX LP format', () => {
    const text = writeLp({
      costs: [1, 2],
      constraints: [{ vars: [0, 1], coefs: [1, -1], atLeast: 0 }],
    });

    expect(text).toBe(
      'Minimize\n obj:\n + x0\n + 2 x1\nSubject To\n c0:\n + x0\n - x1\n ' +
        '>= 0\nBinary\n x0 x1\nEnd\n',
    );
  });
});
