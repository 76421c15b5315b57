import type { Bits } from './bitset.ts';
import { bitsKey, createBits, setBit } from './bitset.ts';

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

/** Builds the deduplicated matrix from (identity, entitlement) pairs. */
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
    held[i]?.push(e);
  }
  const identities = [...identityIndex.keys()];
  const entitlements = [...entitlementIndex.keys()];

  // Columns first: entitlements with the same holders collapse.
  const holders: number[][] = entitlements.map(() => []);
  held.forEach((list, i) => {
    for (const e of new Set(list)) holders[e]?.push(i);
  });
  const colOf = new Int32Array(entitlements.length);
  const colMembers: number[][] = [];
  const colKeys = new Map<string, number>();
  holders.forEach((list, e) => {
    const key = list.join(',');
    let c = colKeys.get(key);
    if (c === undefined) {
      c = colMembers.length;
      colKeys.set(key, c);
      colMembers.push([]);
    }
    colOf[e] = c;
    colMembers[c]?.push(e);
  });

  // Rows over distinct columns, then identical rows collapse.
  const rowOf = new Int32Array(identities.length);
  const rowMembers: number[][] = [];
  const rows: Bits[] = [];
  const rowKeys = new Map<string, number>();
  held.forEach((list, i) => {
    const bits = createBits(colMembers.length);
    for (const e of list) setBit(bits, colOf[e] ?? 0);
    const key = bitsKey(bits);
    let r = rowKeys.get(key);
    if (r === undefined) {
      r = rows.length;
      rowKeys.set(key, r);
      rows.push(bits);
      rowMembers.push([]);
    }
    rowOf[i] = r;
    rowMembers[r]?.push(i);
  });

  const cols: Bits[] = colMembers.map(() => createBits(rows.length));
  rows.forEach((bits, r) => {
    for (let c = 0; c < colMembers.length; c++) {
      if (((bits[c >>> 5] ?? 0) & (1 << (c & 31))) !== 0) {
        setBit(cols[c] ?? createBits(0), r);
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
