import type { Bits } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import type { WscWeights } from '../types.ts';
import { forEachBit } from './bits.ts';

/**
 * WSC on the deduplicated matrix: a distinct row stands for all its
 * identities, so giving it a role costs `ua` per identity; a distinct
 * column costs `pa` per entitlement in every role that grants it.
 */
export interface WscInstance {
  matrix: AccessMatrix;
  rowCost: Float64Array;
  colCost: Float64Array;
  roleCost: number;
}

export function createWscInstance(
  matrix: AccessMatrix,
  weights: WscWeights,
): WscInstance {
  return {
    matrix,
    rowCost: Float64Array.from(
      matrix.rowMembers,
      (members) => weights.ua * members.length,
    ),
    colCost: Float64Array.from(
      matrix.colMembers,
      (members) => weights.pa * members.length,
    ),
    roleCost: weights.roles,
  };
}

/** The fixed part of a role's cost: itself and its entitlements. */
export function roleFixedCost(instance: WscInstance, cols: Bits): number {
  let cost = instance.roleCost;
  forEachBit(cols, (c) => {
    cost += instance.colCost[c] as number;
  });
  return cost;
}

/** WSC of roles (column sets) and their members (rows per role). */
export function wscOf(
  instance: WscInstance,
  roles: readonly Bits[],
  members: readonly number[][],
): number {
  let cost = 0;
  roles.forEach((cols, r) => {
    const rows = members[r] ?? [];
    if (rows.length === 0) return;
    cost += roleFixedCost(instance, cols);
    for (const u of rows) cost += instance.rowCost[u] as number;
  });
  return cost;
}
