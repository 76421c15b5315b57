import type { Identity, Inventory } from '../../model/index.ts';

export const HUMAN = 0;
export const MACHINE = 1;

/**
 * The inventory as sparse rows and columns over sorted ids. A dense bit
 * matrix of 100,000 identities × 20,000 entitlements would not fit the
 * memory budget, so the governed miner works on compressed sparse rows:
 * each distinct (identity, entitlement) pair has an index, rows list
 * pairs by entitlement and columns list pairs by identity.
 */
export interface AccessIndex {
  /** Sorted identity ids (from the identity list and the assignments). */
  identities: string[];
  /** Sorted ids of the entitlements that are assigned. */
  entitlements: string[];
  records: (Identity | undefined)[];
  /** HUMAN or MACHINE per identity. */
  audience: Uint8Array;
  /** 1 when the identity's kind is assumed (or it is not listed at all). */
  assumed: Uint8Array;
  /** Pairs of identity i are rowStart[i] .. rowStart[i + 1] - 1. */
  rowStart: Int32Array;
  /** Entitlement of each pair, ascending within a row. */
  pairEntitlement: Int32Array;
  pairIdentity: Int32Array;
  /** Pairs of entitlement e are colPairs[colStart[e] .. colStart[e + 1]). */
  colStart: Int32Array;
  colPairs: Int32Array;
  /** The pair of each input assignment (duplicates share one). */
  assignmentPair: Int32Array;
}

export function buildAccessIndex(inventory: Inventory): AccessIndex {
  const { assignments } = inventory;
  const listed = new Map<string, Identity>();
  for (const identity of inventory.identities) {
    if (!listed.has(identity.id)) listed.set(identity.id, identity);
  }
  const identitySet = new Set(listed.keys());
  const entitlementSet = new Set<string>();
  for (const a of assignments) {
    identitySet.add(a.identity);
    entitlementSet.add(a.entitlement);
  }
  const identities = [...identitySet].sort();
  const entitlements = [...entitlementSet].sort();
  const identityIndex = indexOf(identities);
  const entitlementIndex = indexOf(entitlements);

  // Bucket assignments by identity, then sort each row by entitlement.
  const n = identities.length;
  const count = assignments.length;
  const ofIdentity = new Int32Array(count);
  const ofEntitlement = new Int32Array(count);
  const bucketStart = new Int32Array(n + 1);
  assignments.forEach((a, k) => {
    const i = identityIndex.get(a.identity) ?? 0;
    ofIdentity[k] = i;
    ofEntitlement[k] = entitlementIndex.get(a.entitlement) ?? 0;
    bucketStart[i + 1] = (bucketStart[i + 1] ?? 0) + 1;
  });
  for (let i = 0; i < n; i++) {
    bucketStart[i + 1] = (bucketStart[i + 1] ?? 0) + (bucketStart[i] ?? 0);
  }
  const fill = bucketStart.slice(0, n);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = ofIdentity[k] ?? 0;
    order[fill[i] ?? 0] = k;
    fill[i] = (fill[i] ?? 0) + 1;
  }

  const rowStart = new Int32Array(n + 1);
  const pairEntitlement = new Int32Array(count);
  const pairIdentity = new Int32Array(count);
  const assignmentPair = new Int32Array(count);
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = pairs;
    const from = bucketStart[i] ?? 0;
    const to = bucketStart[i + 1] ?? 0;
    const row = Array.from(order.subarray(from, to));
    row.sort((x, y) => (ofEntitlement[x] ?? 0) - (ofEntitlement[y] ?? 0));
    let last = -1;
    for (const k of row) {
      const e = ofEntitlement[k] ?? 0;
      if (e !== last) {
        pairEntitlement[pairs] = e;
        pairIdentity[pairs] = i;
        pairs++;
        last = e;
      }
      assignmentPair[k] = pairs - 1;
    }
  }
  rowStart[n] = pairs;

  const { colStart, colPairs } = buildColumns(
    pairEntitlement.subarray(0, pairs),
    entitlements.length,
  );
  const audience = new Uint8Array(n);
  const assumed = new Uint8Array(n);
  const records = identities.map((id, i) => {
    const record = listed.get(id);
    // An assumed kind is only a default: such identities count as people.
    if (record === undefined || record.kindAssumed === true) assumed[i] = 1;
    else if (record.kind !== 'human') audience[i] = MACHINE;
    return record;
  });
  return {
    identities,
    entitlements,
    records,
    audience,
    assumed,
    rowStart,
    pairEntitlement: pairEntitlement.slice(0, pairs),
    pairIdentity: pairIdentity.slice(0, pairs),
    colStart,
    colPairs,
    assignmentPair,
  };
}

function buildColumns(
  pairEntitlement: Int32Array,
  m: number,
): { colStart: Int32Array; colPairs: Int32Array } {
  const colStart = new Int32Array(m + 1);
  for (const e of pairEntitlement) colStart[e + 1] = (colStart[e + 1] ?? 0) + 1;
  for (let e = 0; e < m; e++) {
    colStart[e + 1] = (colStart[e + 1] ?? 0) + (colStart[e] ?? 0);
  }
  const fill = colStart.slice(0, m);
  const colPairs = new Int32Array(pairEntitlement.length);
  // Pairs are in identity order, so each column comes out sorted too.
  pairEntitlement.forEach((e, p) => {
    colPairs[fill[e] ?? 0] = p;
    fill[e] = (fill[e] ?? 0) + 1;
  });
  return { colStart, colPairs };
}

function indexOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

export function pairCount(index: AccessIndex): number {
  return index.pairEntitlement.length;
}

/** The pair of identity i and entitlement e, or -1 when i lacks e. */
export function findPair(index: AccessIndex, i: number, e: number): number {
  let low = index.rowStart[i] ?? 0;
  let high = (index.rowStart[i + 1] ?? 0) - 1;
  const ents = index.pairEntitlement;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = ents[mid] ?? 0;
    if (at === e) return mid;
    if (at < e) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}
