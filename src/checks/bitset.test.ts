import { describe, expect, it } from 'vitest';
import { clearBit, createBitset, hasBit, setBit } from './bitset.ts';

describe('bitset', () => {
  it('sizes the set in whole 32-bit words', () => {
    expect(createBitset(0)).toHaveLength(0);
    expect(createBitset(1)).toHaveLength(1);
    expect(createBitset(32)).toHaveLength(1);
    expect(createBitset(33)).toHaveLength(2);
  });

  it.each([0, 1, 31, 32, 63, 64, 99])('sets and clears bit %i alone', (bit) => {
    const bits = createBitset(100);

    setBit(bits, bit);
    const set = Array.from({ length: 100 }, (_, i) => i).filter((i) =>
      hasBit(bits, i),
    );
    clearBit(bits, bit);

    expect(set).toEqual([bit]);
    expect(bits.every((word) => word === 0)).toBe(true);
  });

  it('keeps other bits of the word when clearing one', () => {
    const bits = createBitset(32);
    setBit(bits, 3);
    setBit(bits, 31);

    clearBit(bits, 3);

    expect(hasBit(bits, 3)).toBe(false);
    expect(hasBit(bits, 31)).toBe(true);
  });
});
