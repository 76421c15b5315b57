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
