import type { Bits } from '../bitset.ts';
import { createBits, hasBit, popcount, setBit } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import {
  andInto,
  bitsOf,
  clearBit,
  countAnd,
  forEachBit,
  subsetOf,
} from './bits.ts';

/** A sub-matrix of the deduplicated matrix, re-indexed densely. */
export interface ReducedMatrix {
  /** Reduced row → row of the deduplicated matrix. */
  rowIndex: number[];
  /** Reduced column → column of the deduplicated matrix. */
  colIndex: number[];
  /** Rows as bit sets over reduced columns. */
  rows: Bits[];
  /** Columns as bit sets over reduced rows. */
  cols: Bits[];
}

export interface RemovedLine {
  axis: 'row' | 'col';
  /** Row or column of the deduplicated matrix. */
  index: number;
}

export interface UnionReduction {
  reduced: ReducedMatrix;
  /** In removal order; replay in reverse to expand a cover. */
  removed: RemovedLine[];
}

/**
 * Drops rows that equal the union of the rows they contain, then the same
 * for columns, until nothing changes. Each drop keeps the minimum role
 * count: the dropped row joins every role whose entitlements it holds,
 * which already cover its cells through the rows inside it (Ene et al.,
 * SACMAT 2008). Duplicates that appear once lines vanish drop the same way.
 */
export function reduceUnions(matrix: AccessMatrix): UnionReduction {
  const rowsAlive = bitsOf(matrix.rows.length, matrix.rows.keys());
  const colsAlive = bitsOf(matrix.cols.length, matrix.cols.keys());
  const removed: RemovedLine[] = [];
  for (;;) {
    const rows = reduceAxis(matrix.rows, matrix.cols, rowsAlive, colsAlive);
    for (const index of rows) removed.push({ axis: 'row', index });
    const cols = reduceAxis(matrix.cols, matrix.rows, colsAlive, rowsAlive);
    for (const index of cols) removed.push({ axis: 'col', index });
    if (rows.length === 0 && cols.length === 0) break;
  }
  return { reduced: compact(matrix, rowsAlive, colsAlive), removed };
}

/**
 * One pass over the lines of one axis; returns the dropped lines in a
 * valid order: a line only relies on strictly smaller lines, so dropping
 * larger lines first never removes a line a later drop relies on. Lines
 * and covers live in flat word arrays: this runs over every pair of a
 * line and a line containing it.
 */
function reduceAxis(
  lines: Bits[],
  cross: Bits[],
  alive: Bits,
  crossAlive: Bits,
): number[] {
  const words = crossAlive.length;
  const masked = new Uint32Array(lines.length * words);
  const dropped = dropDuplicates(lines, alive, crossAlive, masked);

  // cover[u] = union of the lines strictly inside line u. The lines
  // containing v all hold v's rarest cross line: test only its holders.
  const holders = new Int32Array(cross.length);
  forEachBit(crossAlive, (c) => {
    holders[c] = countAnd(cross[c] as Bits, alive);
  });
  const cover = new Uint32Array(lines.length * words);
  forEachBit(alive, (v) => {
    const line = masked.subarray(v * words, (v + 1) * words);
    let rarest = -1;
    forEachBit(line, (c) => {
      if (rarest < 0 || (holders[c] as number) < (holders[rarest] as number)) {
        rarest = c;
      }
    });
    forEachBit(cross[rarest] as Bits, (u) => {
      if (u === v || !hasBit(alive, u)) return;
      const base = u * words;
      for (let i = 0; i < words; i++) {
        if (((line[i] as number) & ~(masked[base + i] as number)) !== 0) return;
      }
      for (let i = 0; i < words; i++) {
        cover[base + i] = (cover[base + i] as number) | (line[i] as number);
      }
    });
  });

  const unions: { line: number; size: number }[] = [];
  forEachBit(alive, (u) => {
    const line = masked.subarray(u * words, (u + 1) * words);
    if (subsetOf(line, cover.subarray(u * words, (u + 1) * words))) {
      unions.push({ line: u, size: popcount(line) });
    }
  });
  unions.sort((a, b) => b.size - a.size || a.line - b.line);
  for (const { line } of unions) {
    clearBit(alive, line);
    dropped.push(line);
  }
  return dropped;
}

/**
 * Masks each live line to the live cross lines (into `masked`) and drops
 * all but the first of lines that became equal.
 */
function dropDuplicates(
  lines: Bits[],
  alive: Bits,
  crossAlive: Bits,
  masked: Uint32Array,
): number[] {
  const words = crossAlive.length;
  const buckets = new Map<number, number[]>();
  const dropped: number[] = [];
  forEachBit(alive, (i) => {
    const line = masked.subarray(i * words, (i + 1) * words);
    line.set(lines[i] as Bits);
    andInto(line, crossAlive);
    let hash = 0;
    for (let w = 0; w < words; w++) {
      hash = (Math.imul(hash, 31) + (line[w] as number)) | 0;
    }
    const bucket = buckets.get(hash);
    if (bucket === undefined) {
      buckets.set(hash, [i]);
      return;
    }
    const twin = bucket.some((j) =>
      equalWords(line, masked.subarray(j * words, (j + 1) * words)),
    );
    if (twin) dropped.push(i);
    else bucket.push(i);
  });
  for (const i of dropped) clearBit(alive, i);
  return dropped;
}

function equalWords(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compact(
  matrix: AccessMatrix,
  rowsAlive: Bits,
  colsAlive: Bits,
): ReducedMatrix {
  const rowIndex: number[] = [];
  const colIndex: number[] = [];
  forEachBit(rowsAlive, (r) => rowIndex.push(r));
  forEachBit(colsAlive, (c) => colIndex.push(c));
  const rows = rowIndex.map(() => createBits(colIndex.length));
  const cols = colIndex.map(() => createBits(rowIndex.length));
  rowIndex.forEach((r, i) => {
    const full = matrix.rows[r] as Bits;
    colIndex.forEach((c, j) => {
      if (hasBit(full, c)) {
        setBit(rows[i] as Bits, j);
        setBit(cols[j] as Bits, i);
      }
    });
  });
  return { rowIndex, colIndex, rows, cols };
}
