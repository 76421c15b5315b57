import { describe, expect, it } from 'vitest';
import { bitsToArray } from './bitset.ts';
import { buildAccessMatrix } from './matrix.ts';

const pairs = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => {
      const [identity = '', entitlement = ''] = line.trim().split(/\s+/);
      return { identity, entitlement };
    });

describe('buildAccessMatrix', () => {
  it('collapses identical rows and identical columns', () => {
    const matrix = buildAccessMatrix(
      pairs(`
        u1 a
        u1 b
        u2 a
        u2 b
        u3 c
        u1 a
      `),
    );

    expect(matrix.identities).toEqual(['u1', 'u2', 'u3']);
    expect(matrix.entitlements).toEqual(['a', 'b', 'c']);
    expect(matrix.rowMembers).toEqual([[0, 1], [2]]);
    expect(matrix.colMembers).toEqual([[0, 1], [2]]);
    expect(matrix.rows.map(bitsToArray)).toEqual([[0], [1]]);
    expect(matrix.cols.map(bitsToArray)).toEqual([[0], [1]]);
  });

  it('keeps rows that differ by one column apart', () => {
    const matrix = buildAccessMatrix(
      pairs(`
        u1 a
        u1 b
        u2 a
      `),
    );

    expect(matrix.rows.map(bitsToArray)).toEqual([[0, 1], [0]]);
    expect(Array.from(matrix.rowOf)).toEqual([0, 1]);
    expect(Array.from(matrix.colOf)).toEqual([0, 1]);
  });
});

describe('buildAccessMatrix on random pairs', () => {
  // Checks the compressed matrix against the plain definition: each
  // identity's row expands back to exactly its entitlements, and no two
  // distinct rows or columns are equal.
  it('expands back to the input and leaves no duplicates', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let trial = 0; trial < 40; trial++) {
      const input = Array.from(
        { length: 1 + Math.floor(random() * 120) },
        () => ({
          identity: `u${String(Math.floor(random() * 14))}`,
          entitlement: `e${String(Math.floor(random() * 45))}`,
        }),
      );
      const matrix = buildAccessMatrix(input);

      const expected = new Set(
        input.map((p) => `${p.identity}\t${p.entitlement}`),
      );
      const actual = new Set<string>();
      matrix.identities.forEach((identity, i) => {
        const row = matrix.rows[matrix.rowOf[i] ?? -1];
        for (const c of bitsToArray(row ?? new Uint32Array())) {
          for (const e of matrix.colMembers[c] ?? []) {
            actual.add(`${identity}\t${matrix.entitlements[e] ?? ''}`);
          }
        }
      });
      expect(actual).toEqual(expected);
      const rowKeys = matrix.rows.map((r) => bitsToArray(r).join());
      const colKeys = matrix.cols.map((c) => bitsToArray(c).join());
      expect(new Set(rowKeys).size).toBe(rowKeys.length);
      expect(new Set(colKeys).size).toBe(colKeys.length);
      matrix.cols.forEach((col, c) => {
        for (const r of bitsToArray(col)) {
          expect(bitsToArray(matrix.rows[r] ?? new Uint32Array())).toContain(c);
        }
      });
    }
  });
});
