import { describe, expect, it } from 'vitest';
import { bitsToArray, popcount } from '../bitset.ts';
import { buildAccessMatrix } from '../matrix.ts';
import { bitsOf, subsetOf } from './bits.ts';
import { buildCellGraph } from './cell-graph.ts';
import { reduceCellGraph } from './kernel.ts';
import { silentLogger } from '../../logger.ts';
import { coverGreedily } from './fallback-cover.ts';
import { createRandom } from './random.ts';
import { replayKernel } from './replay.ts';
import { coverResidual } from './residual.ts';
import { pairsOfGrid } from './test-matrices.ts';
import { reduceUnions } from './union-reduction.ts';

const reduce = (grid: readonly string[]) =>
  reduceUnions(buildAccessMatrix(pairsOfGrid(grid)));

describe('subsetOf', () => {
  it.each([
    { a: [31], b: [31], expected: true },
    { a: [31, 3], b: [3, 31, 40], expected: true },
    { a: [31, 40], b: [31], expected: false },
    { a: [], b: [], expected: true },
  ])('tells $a ⊆ $b (bit 31 included)', ({ a, b, expected }) => {
    expect(subsetOf(bitsOf(64, a), bitsOf(64, b))).toBe(expected);
  });
});

describe('reduceUnions', () => {
  it.each([
    {
      name: 'drops a row that is the union of two rows inside it',
      grid: ['10', '01', '11'],
      rows: 2,
      cols: 2,
    },
    {
      name: 'drops a column that is the union of two columns inside it',
      grid: ['101', '011'],
      rows: 2,
      cols: 2,
    },
    {
      // Column 1 is the union of columns 0, 2 and 3; no row is a union.
      name: 'keeps a row its sub-rows do not fill',
      grid: ['1100', '0110', '1111'],
      rows: 3,
      cols: 3,
    },
    {
      name: 'keeps an identity matrix whole',
      grid: ['100', '010', '001'],
      rows: 3,
      cols: 3,
    },
  ])('$name', ({ grid, rows, cols }) => {
    const { reduced } = reduce(grid);

    expect(reduced.rows.length).toBe(rows);
    expect(reduced.cols.length).toBe(cols);
  });

  it('records the dropped lines in a replayable order', () => {
    const { removed } = reduce(['1000', '0100', '1100', '0011', '1111']);

    expect(removed.map((line) => line.axis)).toContain('row');
    expect(removed.length).toBeGreaterThan(0);
  });
});

describe('reduceCellGraph', () => {
  it.each([
    { name: 'a full matrix', grid: ['111', '111'], forced: 1 },
    { name: 'an identity matrix', grid: ['100', '010', '001'], forced: 3 },
    { name: 'a staircase', grid: ['1100', '0110', '0011'], forced: 3 },
  ])('settles $name with forced cliques', ({ grid, forced }) => {
    const { reduced } = reduce(grid);
    const graph = buildCellGraph(reduced);

    const kernel = reduceCellGraph(graph);

    expect(kernel.forced).toBe(forced);
    expect(popcount(kernel.alive)).toBe(0);
  });

  it('leaves a crown to the exact cover', () => {
    const { reduced } = reduce(['011', '101', '110']);
    const kernel = reduceCellGraph(buildCellGraph(reduced));

    expect(kernel.forced).toBe(0);
    expect(popcount(kernel.alive)).toBe(6);
  });

  it('replays into cliques that cover every cell', async () => {
    const { reduced } = reduce(['1101', '0111', '1011', '1110', '0101']);
    const graph = buildCellGraph(reduced);
    const kernel = reduceCellGraph(graph);
    const residual = await coverResidual(graph, kernel.alive, {
      deadline: performance.now() + 5000,
      random: createRandom(1),
      logger: silentLogger,
    });

    const cliques = replayKernel(kernel.steps, residual.cliques);

    // The kernel trims neighbourhoods in place: check on a fresh graph.
    const fresh = buildCellGraph(reduced);
    const covered = new Set(cliques.flat());
    expect(covered.size).toBe(graph.size);
    for (const clique of cliques) {
      for (const x of clique) {
        for (const y of clique) {
          expect(bitsToArray(fresh.neighbours[x] ?? bitsOf(0, []))).toContain(
            y,
          );
        }
      }
    }
  });
});

describe('coverGreedily', () => {
  it.each([
    { grid: ['1100', '0110', '0011', '1001'], foolingAtMost: 4 },
    { grid: ['111', '110', '011'], foolingAtMost: 2 },
  ])('covers $grid with bicliques of the matrix', ({ grid, foolingAtMost }) => {
    const { reduced } = reduce(grid);

    const { shapes, lowerBound } = coverGreedily(reduced, createRandom(3));

    const covered = new Set<string>();
    for (const shape of shapes) {
      for (const r of bitsToArray(shape.rows)) {
        for (const c of bitsToArray(shape.cols)) {
          expect(bitsToArray(reduced.rows[r] ?? bitsOf(0, []))).toContain(c);
          covered.add(`${r}/${c}`);
        }
      }
    }
    const cells = reduced.rows.reduce((n, row) => n + popcount(row), 0);
    expect(covered.size).toBe(cells);
    expect(lowerBound).toBeLessThanOrEqual(
      Math.min(shapes.length, foolingAtMost),
    );
  });
});
