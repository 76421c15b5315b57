import type { Bits } from '../bitset.ts';
import { createBits, hasBit, popcount, setBit } from '../bitset.ts';
import { andInto, andNotInto, bitsOf, countAnd, forEachBit } from './bits.ts';
import type { ReducedMatrix } from './union-reduction.ts';

/** A biclique of the reduced matrix. */
export interface ReducedShape {
  rows: Bits;
  cols: Bits;
}

/**
 * For matrices too large for the cell graph: a greedy cover by the
 * concepts of single rows and single columns (each covers its whole line,
 * so the cover is never worse than one role per row or per column), and a
 * greedy fooling set as the lower bound.
 */
/**
 * One role per reduced row (or per column, whichever is fewer): the
 * trivial cover, optimal whenever a fooling set of the same size exists.
 */
export function coverByLines(matrix: ReducedMatrix): ReducedShape[] {
  return matrix.rows.length <= matrix.cols.length
    ? matrix.rows.map((row, r) => ({
        rows: bitsOf(matrix.rows.length, [r]),
        cols: row.slice(),
      }))
    : matrix.cols.map((col, c) => ({
        rows: col.slice(),
        cols: bitsOf(matrix.cols.length, [c]),
      }));
}

export function coverGreedily(
  matrix: ReducedMatrix,
  random: () => number,
): { shapes: ReducedShape[]; lowerBound: number } {
  const candidates = [
    ...matrix.rows.map((row) => conceptOfCols(matrix, row)),
    ...matrix.cols.map((col) => conceptOfRows(matrix, col)),
  ];
  const left = matrix.rows.map((row) => row.slice());
  const shapes: ReducedShape[] = [];
  for (;;) {
    let best: ReducedShape | undefined;
    let gain = 0;
    for (const shape of candidates) {
      let g = 0;
      forEachBit(shape.rows, (r) => {
        g += countAnd(left[r] as Bits, shape.cols);
      });
      if (g > gain) {
        gain = g;
        best = shape;
      }
    }
    if (best === undefined) break;
    shapes.push(best);
    const chosen = best;
    forEachBit(chosen.rows, (r) => {
      andNotInto(left[r] as Bits, chosen.cols);
    });
  }
  return { shapes, lowerBound: foolingSetSize(matrix, random) };
}

function conceptOfCols(matrix: ReducedMatrix, cols: Bits): ReducedShape {
  const rows = bitsOf(matrix.rows.length, matrix.rows.keys());
  forEachBit(cols, (c) => {
    andInto(rows, matrix.cols[c] as Bits);
  });
  return { rows, cols: cols.slice() };
}

function conceptOfRows(matrix: ReducedMatrix, rows: Bits): ReducedShape {
  const cols = bitsOf(matrix.cols.length, matrix.cols.keys());
  forEachBit(rows, (r) => {
    andInto(cols, matrix.rows[r] as Bits);
  });
  return { rows: rows.slice(), cols };
}

/**
 * Cells in random order, sparse lines first (their cells clash with fewer
 * others); a cell joins when it is incompatible with every cell already
 * chosen, so no role can hold two of them.
 */
export function foolingSetSize(
  matrix: ReducedMatrix,
  random: () => number,
): number {
  const rowSize = matrix.rows.map(popcount);
  const colSize = matrix.cols.map(popcount);
  const keyed: { r: number; c: number; key: number }[] = [];
  matrix.rows.forEach((row, r) => {
    forEachBit(row, (c) => {
      const key = (rowSize[r] as number) + (colSize[c] as number) + random();
      keyed.push({ r, c, key });
    });
  });
  keyed.sort((a, b) => a.key - b.key);
  const chosenRows = new Int32Array(Math.min(rowSize.length, colSize.length));
  const chosenCols = new Int32Array(chosenRows.length);
  let chosen = 0;
  const usedRows = createBits(matrix.rows.length);
  const usedCols = createBits(matrix.cols.length);
  for (const { r, c } of keyed) {
    if (hasBit(usedRows, r) || hasBit(usedCols, c)) continue;
    const row = matrix.rows[r] as Bits;
    let fooled = true;
    for (let k = 0; k < chosen && fooled; k++) {
      const other = chosenRows[k] as number;
      fooled =
        !hasBit(row, chosenCols[k] as number) ||
        !hasBit(matrix.rows[other] as Bits, c);
    }
    if (!fooled) continue;
    chosenRows[chosen] = r;
    chosenCols[chosen] = c;
    chosen++;
    setBit(usedRows, r);
    setBit(usedCols, c);
  }
  return chosen;
}
