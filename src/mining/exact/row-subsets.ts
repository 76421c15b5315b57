import type { Bits } from '../bitset.ts';
import { bitsKey, popcount } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import { bitsOf, forEachBit } from './bits.ts';

/**
 * Every non-empty set of columns some row holds in full: the column sets
 * of all possible roles. A WSC model over all of them is exact; null when
 * there are more than `limit`.
 */
export function listRowSubsets(
  matrix: AccessMatrix,
  limit: number,
): Bits[] | null {
  if (matrix.rows.some((row) => popcount(row) > 24)) return null;
  const seen = new Map<string, Bits>();
  for (const row of matrix.rows) {
    const cols: number[] = [];
    forEachBit(row, (c) => cols.push(c));
    for (let mask = 1; mask < 1 << cols.length; mask++) {
      const subset = bitsOf(
        matrix.cols.length,
        cols.filter((_, k) => (mask & (1 << k)) !== 0),
      );
      const key = bitsKey(subset);
      if (!seen.has(key)) {
        seen.set(key, subset);
        if (seen.size > limit) return null;
      }
    }
  }
  return [...seen.values()];
}
