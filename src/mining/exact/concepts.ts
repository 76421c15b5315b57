import type { Bits } from '../bitset.ts';
import { hasBit } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import { andInto, bitsOf, forEachBit, isEmpty } from './bits.ts';

/** A formal concept: a maximal biclique of the matrix. */
export interface Concept {
  /** Rows holding every column of the intent. */
  extent: Bits;
  /** Columns every row of the extent holds. */
  intent: Bits;
}

/**
 * Every concept with a non-empty extent and intent (Close-by-One: each
 * concept is generated once, from its canonical parent), or null past
 * `limit` concepts or the deadline, so the caller can choose a cheaper
 * candidate pool.
 */
export function listConcepts(
  matrix: AccessMatrix,
  limit: number,
  deadline = Infinity,
): Concept[] | null {
  const columns = matrix.cols.length;
  const concepts: Concept[] = [];
  const closure = (extent: Bits): Bits => commonColumns(matrix, extent);

  const expand = (extent: Bits, intent: Bits, from: number): boolean => {
    if (!isEmpty(intent)) {
      concepts.push({ extent, intent });
      if (concepts.length > limit) return false;
      if (concepts.length % 256 === 0 && performance.now() > deadline) {
        return false;
      }
    }
    for (let j = from; j < columns; j++) {
      if (hasBit(intent, j)) continue;
      const next = extent.slice();
      andInto(next, matrix.cols[j] as Bits);
      if (isEmpty(next)) continue;
      const closed = closure(next);
      if (!samePrefix(closed, intent, j)) continue;
      if (!expand(next, closed, j + 1)) return false;
    }
    return true;
  };

  const all = bitsOf(matrix.rows.length, matrix.rows.keys());
  return expand(all, closure(all), 0) ? concepts : null;
}

/** `a` and `b` agree on bits 0..end-1. */
function samePrefix(a: Bits, b: Bits, end: number): boolean {
  const full = end >>> 5;
  for (let w = 0; w < full; w++) if (a[w] !== b[w]) return false;
  const rest = end & 31;
  if (rest === 0) return true;
  const mask = (1 << rest) - 1;
  return (((a[full] as number) ^ (b[full] as number)) & mask) === 0;
}

/** Columns every given row holds. */
export function commonColumns(matrix: AccessMatrix, rows: Bits): Bits {
  const intent = allOf(matrix.cols.length);
  forEachBit(rows, (r) => {
    andInto(intent, matrix.rows[r] as Bits);
  });
  return intent;
}

/** Rows holding every given column. */
export function rowsHolding(matrix: AccessMatrix, cols: Bits): Bits {
  const extent = allOf(matrix.rows.length);
  forEachBit(cols, (c) => {
    andInto(extent, matrix.cols[c] as Bits);
  });
  return extent;
}

/** A bit set with bits 0..size-1 set. */
function allOf(size: number): Bits {
  const bits = new Uint32Array((size + 31) >>> 5).fill(0xffffffff);
  if ((size & 31) !== 0) bits[bits.length - 1] = (1 << (size & 31)) - 1;
  return bits;
}
