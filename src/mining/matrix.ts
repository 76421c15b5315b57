import type { Bits } from './bitset.ts';

/**
 * The identity × entitlement access matrix, deduplicated: identities with
 * the same entitlements share one row, entitlements held by the same
 * identities share one column. Every miner works on this compressed form
 * and expands its answer at the end.
 */
export interface AccessMatrix {
  identities: string[];
  entitlements: string[];
  /** Distinct rows: `rowOf[i]` is the row of identity i. */
  rowOf: Int32Array;
  /** Distinct columns: `colOf[e]` is the column of entitlement e. */
  colOf: Int32Array;
  /** For each distinct row, its identity indices. */
  rowMembers: number[][];
  /** For each distinct column, its entitlement indices. */
  colMembers: number[][];
  /** Distinct rows as bit sets over distinct columns. */
  rows: Bits[];
  /** Distinct columns as bit sets over distinct rows. */
  cols: Bits[];
}

/**
 * Builds the deduplicated matrix from (identity, entitlement) pairs.
 * Distinct rows and columns are found with numeric hashes of their member
 * lists rather than string keys: on the larger HP sets, joining long rows
 * into strings cost more than the whole exact solve.
 */
export function buildAccessMatrix(
  pairs: Iterable<{ identity: string; entitlement: string }>,
): AccessMatrix {
  const identityIndex = new Map<string, number>();
  const entitlementIndex = new Map<string, number>();
  const held: number[][] = [];
  for (const { identity, entitlement } of pairs) {
    let i = identityIndex.get(identity);
    if (i === undefined) {
      i = identityIndex.size;
      identityIndex.set(identity, i);
      held.push([]);
    }
    let e = entitlementIndex.get(entitlement);
    if (e === undefined) {
      e = entitlementIndex.size;
      entitlementIndex.set(entitlement, e);
    }
    (held[i] as number[]).push(e);
  }
  const identities = [...identityIndex.keys()];
  const entitlements = [...entitlementIndex.keys()];

  // Holders of each entitlement, ascending and without repeats.
  const holders: number[][] = entitlements.map(() => []);
  held.forEach((list, i) => {
    for (const e of list) {
      const h = holders[e] as number[];
      if (h[h.length - 1] !== i) h.push(i);
    }
  });
  const colOf = new Int32Array(entitlements.length);
  const colMembers: number[][] = [];
  const colFirst: number[][] = [];
  const colBuckets = new Map<number, number[]>();
  holders.forEach((list, e) => {
    const c = findOrAdd(colBuckets, hashList(list), colFirst, list);
    if (c === colMembers.length) colMembers.push([]);
    colOf[e] = c;
    (colMembers[c] as number[]).push(e);
  });

  const words = (colMembers.length + 31) >>> 5;
  const rowOf = new Int32Array(identities.length);
  const rowMembers: number[][] = [];
  const rows: Bits[] = [];
  const rowBuckets = new Map<number, number[]>();
  held.forEach((list, i) => {
    const bits = new Uint32Array(words);
    for (const e of list) {
      const c = colOf[e] as number;
      bits[c >>> 5] = (bits[c >>> 5] as number) | (1 << (c & 31));
    }
    const r = findOrAdd(rowBuckets, hashList(bits), rows, bits);
    if (r === rowMembers.length) rowMembers.push([]);
    rowOf[i] = r;
    (rowMembers[r] as number[]).push(i);
  });

  const rowWords = (rows.length + 31) >>> 5;
  const cols: Bits[] = colMembers.map(() => new Uint32Array(rowWords));
  rows.forEach((bits, r) => {
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        const low = word & -word;
        const c = (w << 5) + 31 - Math.clz32(low);
        const col = cols[c] as Bits;
        col[r >>> 5] = (col[r >>> 5] as number) | (1 << (r & 31));
        word ^= low;
      }
    }
  });
  return {
    identities,
    entitlements,
    rowOf,
    colOf,
    rowMembers,
    colMembers,
    rows,
    cols,
  };
}

/** Index of an equal list in `lists`, appending it when there is none. */
function findOrAdd<T extends ArrayLike<number>>(
  buckets: Map<number, number[]>,
  hash: number,
  lists: T[],
  list: T,
): number {
  const bucket = buckets.get(hash);
  for (const k of bucket ?? []) {
    if (sameList(lists[k] as T, list)) return k;
  }
  const index = lists.length;
  lists.push(list);
  if (bucket === undefined) buckets.set(hash, [index]);
  else bucket.push(index);
  return index;
}

function hashList(list: ArrayLike<number>): number {
  let hash = 0x811c9dc5 ^ list.length;
  for (let i = 0; i < list.length; i++) {
    hash = Math.imul(hash ^ (list[i] as number), 0x01000193);
  }
  return hash;
}

function sameList(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
