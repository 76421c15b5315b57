/**
 * Dense bit sets over Uint32Array words, the currency of the miners: a
 * row of the access matrix is a bit set over entitlement columns.
 */
export type Bits = Uint32Array;

export function createBits(size: number): Bits {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Bits, bit: number): void {
  const word = bit >>> 5;
  bits[word] = (bits[word] ?? 0) | (1 << (bit & 31));
}

export function hasBit(bits: Bits, bit: number): boolean {
  return ((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

export function popcount(bits: Bits): number {
  let count = 0;
  for (const word of bits) count += popcount32(word);
  return count;
}

export function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** True when every bit of `a` is set in `b`. */
export function isSubset(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) {
    // `x & y` is a signed 32-bit number in JS; test for bits of a missing
    // from b instead, which is correct whatever bit 31 holds.
    if (((a[i] ?? 0) & ~(b[i] ?? 0)) !== 0) return false;
  }
  return true;
}

export function intersect(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) & (b[i] ?? 0);
  return out;
}

export function equalBits(a: Bits, b: Bits): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Indices of the set bits, ascending. */
export function bitsToArray(bits: Bits): number[] {
  const out: number[] = [];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      out.push((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}

/** A hashable key for a bit set (for deduplication). */
export function bitsKey(bits: Bits): string {
  return Array.from(bits, (w) => w.toString(36)).join(',');
}
