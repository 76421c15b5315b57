/**
 * Fixed-size bit sets over `Uint32Array`. SoD evaluation sets the few
 * bits one identity holds, tests risks against them and clears them
 * again, so one set serves a whole run without reallocation.
 */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Bitset, bit: number): void {
  const word = bit >>> 5;
  bits[word] = (bits[word] ?? 0) | (1 << (bit & 31));
}

export function clearBit(bits: Bitset, bit: number): void {
  const word = bit >>> 5;
  bits[word] = (bits[word] ?? 0) & ~(1 << (bit & 31));
}

export function hasBit(bits: Bitset, bit: number): boolean {
  return ((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}
