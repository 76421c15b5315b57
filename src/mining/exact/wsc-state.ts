import { RolesmithError } from '../../errors.ts';
import type { Bits } from '../bitset.ts';
import { forEachBit, isEmpty } from './bits.ts';
import { coverRow } from './assign.ts';
import { rowsHolding } from './concepts.ts';
import type { WscInstance } from './wsc-instance.ts';
import { roleFixedCost } from './wsc-instance.ts';

/**
 * A valid exact role set: roles as column sets and, per row, the roles it
 * is given (their union is the row). Rows' choices are independent, which
 * is what makes the moves below cheap to evaluate.
 */
export interface WscState {
  roles: Bits[];
  /** Per row: the roles it is given. */
  assigned: number[][];
  /** Per row: every role it may hold (its columns are inside the row). */
  fitting: number[][];
}

export function createState(
  instance: WscInstance,
  roles: readonly Bits[],
): WscState {
  const copies = roles.map((cols) => cols.slice());
  const state: WscState = {
    roles: copies,
    assigned: instance.matrix.rows.map(() => []),
    fitting: fittingRoles(instance, copies),
  };
  reassign(instance, state, true);
  return state;
}

/** WSC of the roles in use plus one assignment per row and role. */
export function costOf(instance: WscInstance, state: WscState): number {
  const used = new Uint8Array(state.roles.length);
  let cost = 0;
  state.assigned.forEach((roles, u) => {
    cost += (instance.rowCost[u] as number) * roles.length;
    for (const r of roles) used[r] = 1;
  });
  state.roles.forEach((cols, r) => {
    if (used[r] === 1) cost += roleFixedCost(instance, cols);
  });
  return cost;
}

/** Members of each role, rows ascending. */
export function membersOf(state: WscState): number[][] {
  const members: number[][] = state.roles.map(() => []);
  state.assigned.forEach((roles, u) => {
    for (const r of roles) members[r]?.push(u);
  });
  return members;
}

export function fittingRoles(
  instance: WscInstance,
  roles: readonly Bits[],
): number[][] {
  const fitting: number[][] = instance.matrix.rows.map(() => []);
  roles.forEach((cols, r) => {
    forEachBit(rowsHolding(instance.matrix, cols), (u) => fitting[u]?.push(r));
  });
  return fitting;
}

/** Each row takes a greedy cover when it needs fewer roles than now. */
export function reassign(
  instance: WscInstance,
  state: WscState,
  fresh = false,
): void {
  instance.matrix.rows.forEach((row, u) => {
    const cover = coverRow(row, state.fitting[u] ?? [], state.roles);
    if (cover === null) {
      if (fresh) {
        throw new RolesmithError('a WSC start does not rebuild a row', {
          code: 'internal',
        });
      }
      return;
    }
    if (fresh || cover.length < (state.assigned[u]?.length ?? 0)) {
      state.assigned[u] = cover;
    }
  });
}

/** Forgets roles no row holds, renumbering the rest. */
export function compact(state: WscState): void {
  const used = new Uint8Array(state.roles.length);
  for (const roles of state.assigned) for (const r of roles) used[r] = 1;
  const renumber = new Int32Array(state.roles.length).fill(-1);
  const kept: Bits[] = [];
  state.roles.forEach((cols, r) => {
    if (used[r] === 1 && !isEmpty(cols)) {
      renumber[r] = kept.length;
      kept.push(cols);
    }
  });
  const map = (list: number[]) =>
    list.flatMap((r) => (renumber[r] === -1 ? [] : [renumber[r] as number]));
  state.roles = kept;
  state.assigned = state.assigned.map(map);
  state.fitting = state.fitting.map(map);
}
