import type { Bits } from '../bitset.ts';
import type { Logger } from '../../logger.ts';
import type { CellGraph } from './cell-graph.ts';
import { findCliqueCover, findFoolingSet } from './bounds.ts';
import { listMaximalCliques } from './cliques.ts';
import { solveSetCover } from './set-cover.ts';
import type { Subgraph } from './subgraph.ts';
import { splitComponents } from './subgraph.ts';

export interface ResidualCover {
  /** Cliques of cells of the cell graph. */
  cliques: number[][];
  lowerBound: number;
  optimal: boolean;
}

export interface ResidualOptions {
  /** Wall-clock deadline, `performance.now()` milliseconds. */
  deadline: number;
  random: () => number;
  logger: Logger;
}

/** Beyond this many maximal cliques the exact model is not attempted. */
const CLIQUE_LIMIT = 200_000;
/** Restarts of the randomised bounds before an exact solve. */
const BOUND_ROUNDS = 24;

/**
 * Covers the cells the kernel left, component by component: randomised
 * bounds first (a fooling set and a greedy cover that meet settle the
 * component), then an exact set cover over its maximal cliques.
 */
export async function coverResidual(
  graph: CellGraph,
  alive: Bits,
  options: ResidualOptions,
): Promise<ResidualCover> {
  const result: ResidualCover = { cliques: [], lowerBound: 0, optimal: true };
  const components = splitComponents(graph, alive);
  for (const [i, component] of components.entries()) {
    options.logger.progress('covering the residual', i, components.length);
    const part = await coverComponent(component, options);
    for (const clique of part.cliques) {
      result.cliques.push(clique.map((v) => component.cells[v] as number));
    }
    result.lowerBound += part.lowerBound;
    result.optimal &&= part.optimal;
  }
  return result;
}

async function coverComponent(
  graph: Subgraph,
  options: ResidualOptions,
): Promise<ResidualCover> {
  let lowerBound = 0;
  let cover: number[][] = [];
  for (let round = 0; round < BOUND_ROUNDS; round++) {
    lowerBound = Math.max(
      lowerBound,
      findFoolingSet(graph, options.random).length,
    );
    const next = findCliqueCover(graph, options.random);
    if (round === 0 || next.length < cover.length) cover = next;
    if (lowerBound === cover.length || performance.now() > options.deadline) {
      break;
    }
  }
  options.logger.debug('residual bounds', {
    cells: graph.cells.length,
    lowerBound,
    upperBound: cover.length,
  });
  if (lowerBound === cover.length) {
    return { cliques: cover, lowerBound, optimal: true };
  }

  const seconds = (options.deadline - performance.now()) / 1000;
  const cliques = seconds > 0 ? listMaximalCliques(graph, CLIQUE_LIMIT) : null;
  if (cliques === null) {
    options.logger.warn('the residual is too large for an exact cover', {
      cells: graph.cells.length,
      lowerBound,
      upperBound: cover.length,
    });
    return { cliques: cover, lowerBound, optimal: false };
  }
  options.logger.debug('maximal cliques listed', { cliques: cliques.length });
  const exact = await solveSetCover(graph.cells.length, cliques, seconds);
  options.logger.debug('set cover solved', {
    ...exact,
    chosen: exact.chosen.length,
  });
  lowerBound = Math.max(lowerBound, exact.lowerBound);
  if (exact.chosen.length < cover.length) {
    cover = exact.chosen.map((c) => cliques[c] as number[]);
  }
  return {
    cliques: cover,
    lowerBound,
    optimal: exact.optimal || lowerBound === cover.length,
  };
}
