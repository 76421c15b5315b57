import { createBits, popcount, setBit } from '../bitset.ts';
import type { Logger } from '../../logger.ts';
import type { AccessMatrix } from '../matrix.ts';
import { forEachBit, listBits } from './bits.ts';
import { buildCellGraph, countCells } from './cell-graph.ts';
import {
  coverByLines,
  coverGreedily,
  foolingSetSize,
} from './fallback-cover.ts';
import type { ReducedShape } from './fallback-cover.ts';
import { reduceCellGraph } from './kernel.ts';
import { replayKernel } from './replay.ts';
import { coverResidual } from './residual.ts';
import type { FoundCover, RoleShape } from './shapes.ts';
import { restoreUnions, shapesOfCliques } from './shapes.ts';
import type { ReducedMatrix } from './union-reduction.ts';
import { reduceUnions } from './union-reduction.ts';

/** The cell graph takes cells² bits: 40,000 cells is 200 MB. */
const GRAPH_CELL_LIMIT = 40_000;

export interface MinimumCover extends FoundCover {
  shapes: RoleShape[];
  lowerBound: number;
  optimal: boolean;
  /** How far each stage shrank the problem (for evidence). */
  stages: Record<string, number>;
}

export interface CoverOptions {
  deadline: number;
  random: () => number;
  logger: Logger;
}

/**
 * A minimum biclique cover of the deduplicated matrix: union reduction,
 * then the clique-cover kernel on the cell graph, then an exact cover of
 * what is left; every step keeps the minimum, so the bound is proven.
 */
export async function findMinimumCover(
  matrix: AccessMatrix,
  options: CoverOptions,
): Promise<MinimumCover> {
  const { reduced, removed } = reduceUnions(matrix);
  const cells = countCells(reduced);
  const stages: Record<string, number> = {
    distinctRows: matrix.rows.length,
    distinctColumns: matrix.cols.length,
    reducedRows: reduced.rows.length,
    reducedColumns: reduced.cols.length,
    cells,
  };
  options.logger.debug('union reduction done', stages);

  // Cheap bounds first: a fooling set as large as the smaller side of
  // the reduced matrix proves one role per line optimal.
  let shapes: RoleShape[];
  let lowerBound = foolingSetSize(reduced, options.random);
  let optimal: boolean;
  const lines = Math.min(reduced.rows.length, reduced.cols.length);
  stages.foolingSet = lowerBound;
  const byLines = lowerBound === lines;
  if (byLines) {
    shapes = coverByLines(reduced).map((shape) => lift(matrix, reduced, shape));
    optimal = true;
  } else if (cells > GRAPH_CELL_LIMIT) {
    options.logger.warn('too many cells for an exact cover; using greedy', {
      cells,
      limit: GRAPH_CELL_LIMIT,
    });
    const greedy = coverGreedily(reduced, options.random);
    shapes = greedy.shapes.map((shape) => lift(matrix, reduced, shape));
    lowerBound = Math.max(lowerBound, greedy.lowerBound);
    optimal = lowerBound === shapes.length;
  } else {
    const graph = buildCellGraph(reduced);
    const kernel = reduceCellGraph(graph);
    stages.forced = kernel.forced;
    stages.residualCells = popcount(kernel.alive);
    options.logger.debug('kernel done', stages);
    const residual = await coverResidual(graph, kernel.alive, options);
    const cliques = replayKernel(kernel.steps, residual.cliques);
    shapes = shapesOfCliques(matrix, reduced, graph, cliques);
    lowerBound = Math.max(lowerBound, kernel.forced + residual.lowerBound);
    optimal = residual.optimal;
  }
  restoreUnions(matrix, removed, shapes);
  // A cover by columns needs no assignment search: every row holding a
  // column takes its role. Other covers are polished by the caller.
  const byColumns = byLines && reduced.rows.length > lines;
  const members = byColumns
    ? shapes.map((shape) => listBits(shape.rows))
    : undefined;
  return { shapes, ...(members && { members }), lowerBound, optimal, stages };
}

function lift(
  matrix: AccessMatrix,
  reduced: ReducedMatrix,
  shape: ReducedShape,
): RoleShape {
  const rows = createBits(matrix.rows.length);
  const cols = createBits(matrix.cols.length);
  forEachBit(shape.rows, (r) => {
    setBit(rows, reduced.rowIndex[r] as number);
  });
  forEachBit(shape.cols, (c) => {
    setBit(cols, reduced.colIndex[c] as number);
  });
  return { rows, cols };
}
