import type { Bits } from '../bitset.ts';
import { createBits, setBit } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import { subsetOf } from './bits.ts';
import type { CellGraph } from './cell-graph.ts';
import type { ReducedMatrix, RemovedLine } from './union-reduction.ts';

/** A role as a biclique of the deduplicated matrix. */
export interface RoleShape {
  /** Distinct rows (identity groups) that may hold the role. */
  rows: Bits;
  /** Distinct columns (entitlement groups) the role grants. */
  cols: Bits;
}

/** The biclique each clique of cells spans, in deduplicated indices. */
export function shapesOfCliques(
  matrix: AccessMatrix,
  reduced: ReducedMatrix,
  graph: CellGraph,
  cliques: readonly number[][],
): RoleShape[] {
  return cliques.map((clique) => {
    const rows = createBits(matrix.rows.length);
    const cols = createBits(matrix.cols.length);
    for (const cell of clique) {
      setBit(rows, reduced.rowIndex[graph.rowOf[cell] as number] as number);
      setBit(cols, reduced.colIndex[graph.colOf[cell] as number] as number);
    }
    return { rows, cols };
  });
}

/**
 * Puts back the lines the union reduction dropped, last dropped first: a
 * row joins every role whose entitlements it holds, a column every role
 * whose members all hold it. Both keep roles inside the matrix, and the
 * line's cells are covered through the lines inside it.
 */
export function restoreUnions(
  matrix: AccessMatrix,
  removed: readonly RemovedLine[],
  shapes: RoleShape[],
): void {
  for (let i = removed.length - 1; i >= 0; i--) {
    const { axis, index } = removed[i] as RemovedLine;
    for (const shape of shapes) {
      if (axis === 'row') {
        if (subsetOf(shape.cols, matrix.rows[index] as Bits)) {
          setBit(shape.rows, index);
        }
      } else if (subsetOf(shape.rows, matrix.cols[index] as Bits)) {
        setBit(shape.cols, index);
      }
    }
  }
}

/** What a cover search hands back to `mineExact`. */
export interface FoundCover {
  shapes: RoleShape[];
  /** Rows assigned to each shape, when the search chose them itself. */
  members?: number[][];
  /** Proven lower bound on the objective, or null when none is known. */
  lowerBound: number | null;
  optimal: boolean;
  stages: Record<string, number>;
}
