import type { Bits } from '../bitset.ts';
import { popcount32 } from '../bitset.ts';

/*
 * Word-level bit-set helpers for the exact miner's inner loops. They work
 * in place and never allocate, and they test inclusion as `a & ~b`: on
 * Uint32Array words `(a & b) !== a` misfires whenever bit 31 is set,
 * because `&` yields a signed 32-bit integer.
 */

/** True when every bit of `a` is set in `b`. */
export function subsetOf(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) {
    if (((a[i] as number) & ~(b[i] as number)) !== 0) return false;
  }
  return true;
}

/** `a` and `b` share a bit. */
export function intersects(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) {
    if (((a[i] as number) & (b[i] as number)) !== 0) return true;
  }
  return false;
}

export function isEmpty(a: Bits): boolean {
  for (const word of a) if (word !== 0) return false;
  return true;
}

export function orInto(target: Bits, source: Bits): void {
  for (let i = 0; i < target.length; i++) {
    target[i] = (target[i] as number) | (source[i] as number);
  }
}

export function andInto(target: Bits, source: Bits): void {
  for (let i = 0; i < target.length; i++) {
    target[i] = (target[i] as number) & (source[i] as number);
  }
}

export function andNotInto(target: Bits, source: Bits): void {
  for (let i = 0; i < target.length; i++) {
    target[i] = (target[i] as number) & ~(source[i] as number);
  }
}

export function clearBit(bits: Bits, bit: number): void {
  const word = bit >>> 5;
  bits[word] = (bits[word] as number) & ~(1 << (bit & 31));
}

/** Number of bits set in `a & b`. */
export function countAnd(a: Bits, b: Bits): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    count += popcount32((a[i] as number) & (b[i] as number));
  }
  return count;
}

/** Number of bits set in `a & b & c`. */
export function countAnd3(a: Bits, b: Bits, c: Bits): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const word = (a[i] as number) & (b[i] as number) & (c[i] as number);
    if (word !== 0) count += popcount32(word);
  }
  return count;
}

/** Calls `visit` with each set bit, ascending. */
export function forEachBit(bits: Bits, visit: (bit: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] as number;
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

/** A bit set of `size` bits with the given bits set. */
export function bitsOf(size: number, members: Iterable<number>): Bits {
  const bits = new Uint32Array((size + 31) >>> 5);
  for (const m of members) {
    bits[m >>> 5] = (bits[m >>> 5] as number) | (1 << (m & 31));
  }
  return bits;
}

/** The set bits, ascending. */
export function listBits(bits: Bits): number[] {
  const list: number[] = [];
  forEachBit(bits, (i) => list.push(i));
  return list;
}
