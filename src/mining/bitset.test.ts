import { describe, expect, it } from 'vitest';
import { createBits, isSubset, setBit } from './bitset.ts';

describe('isSubset', () => {
  it.each([
    [[31], [31], true],
    [[31], [30, 31], true],
    [[30, 31], [31], false],
    [[0, 63], [0, 31, 63], true],
  ])('tells whether %j is within %j: %s', (a, b, expected) => {
    const left = createBits(64);
    const right = createBits(64);
    for (const bit of a) setBit(left, bit);
    for (const bit of b) setBit(right, bit);

    expect(isSubset(left, right)).toBe(expected);
  });
});
