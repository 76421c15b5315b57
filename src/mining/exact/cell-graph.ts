import type { Bits } from '../bitset.ts';
import { setBit } from '../bitset.ts';
import { forEachBit, orInto } from './bits.ts';
import type { ReducedMatrix } from './union-reduction.ts';

/**
 * The compatibility graph of the cells (assignments) of a matrix: two
 * cells (u1, p1) and (u2, p2) are adjacent when u1 holds p2 and u2 holds
 * p1. A set of pairwise compatible cells spans a biclique of the matrix,
 * so a minimum biclique cover is a minimum clique cover of this graph, and
 * a fooling set is an independent set of it.
 */
export interface CellGraph {
  size: number;
  /** Reduced row of each cell. */
  rowOf: Int32Array;
  /** Reduced column of each cell. */
  colOf: Int32Array;
  /** Closed neighbourhoods: `neighbours[x]` includes x. */
  neighbours: Bits[];
}

/** Cells are numbered row by row, columns ascending within a row. */
export function countCells(matrix: ReducedMatrix): number {
  let cells = 0;
  for (const row of matrix.rows) {
    forEachBit(row, () => {
      cells++;
    });
  }
  return cells;
}

export function buildCellGraph(matrix: ReducedMatrix): CellGraph {
  const size = countCells(matrix);
  const words = (size + 31) >>> 5;
  const rowOf = new Int32Array(size);
  const colOf = new Int32Array(size);
  const rowCells = slab(matrix.rows.length, words);
  const colCells = slab(matrix.cols.length, words);
  let cell = 0;
  matrix.rows.forEach((row, r) => {
    forEachBit(row, (c) => {
      rowOf[cell] = r;
      colOf[cell] = c;
      setBit(rowCells[r] as Bits, cell);
      setBit(colCells[c] as Bits, cell);
      cell++;
    });
  });

  // A cell's neighbours lie in the rows holding its column and in the
  // columns its row holds: intersect one region of each kind.
  const colRegion = slab(matrix.cols.length, words);
  matrix.cols.forEach((col, c) => {
    forEachBit(col, (r) => {
      orInto(colRegion[c] as Bits, rowCells[r] as Bits);
    });
  });
  const rowRegion = slab(matrix.rows.length, words);
  matrix.rows.forEach((row, r) => {
    forEachBit(row, (c) => {
      orInto(rowRegion[r] as Bits, colCells[c] as Bits);
    });
  });
  const neighbours = slab(size, words);
  for (let x = 0; x < size; x++) {
    const a = colRegion[colOf[x] as number] as Bits;
    const b = rowRegion[rowOf[x] as number] as Bits;
    const n = neighbours[x] as Bits;
    for (let i = 0; i < words; i++) n[i] = (a[i] as number) & (b[i] as number);
  }
  return { size, rowOf, colOf, neighbours };
}

/** `count` bit sets of `words` words in one allocation (less for GC). */
function slab(count: number, words: number): Bits[] {
  const buffer = new Uint32Array(count * words);
  return Array.from({ length: count }, (_, i) =>
    buffer.subarray(i * words, (i + 1) * words),
  );
}
