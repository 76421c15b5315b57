import type { Bits } from '../bitset.ts';
import { clearBit, forEachBit, isEmpty } from './bits.ts';
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

/**
 * Lowers the WSC of a valid role set by moves that keep it exact, until
 * none helps or the deadline passes:
 * - give each row the fewest roles that rebuild it;
 * - strip from a role the entitlements all its members get elsewhere;
 * - drop a role when re-covering its members costs less than it does;
 * - add a candidate role when the assignments it saves outweigh it.
 */
export function improveWsc(
  instance: WscInstance,
  start: readonly Bits[],
  candidates: readonly Bits[],
  deadline: number,
): WscState {
  const state = createState(instance, start);
  let cost = costOf(instance, state);
  for (;;) {
    stripEntitlements(instance, state);
    reassign(instance, state);
    dropRoles(instance, state, deadline);
    addCandidates(instance, state, candidates, deadline);
    compact(state);
    const next = costOf(instance, state);
    if (next >= cost - 1e-9 || performance.now() > deadline) return state;
    cost = next;
  }
}

export function createState(instance: WscInstance, roles: readonly Bits[]): WscState {
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

function fittingRoles(instance: WscInstance, roles: readonly Bits[]): number[][] {
  const fitting: number[][] = instance.matrix.rows.map(() => []);
  roles.forEach((cols, r) => {
    forEachBit(rowsHolding(instance.matrix, cols), (u) => fitting[u]?.push(r));
  });
  return fitting;
}

/** Each row takes a greedy cover when it needs fewer roles than now. */
function reassign(instance: WscInstance, state: WscState, fresh = false): void {
  instance.matrix.rows.forEach((row, u) => {
    const cover = coverRow(row, state.fitting[u] ?? [], state.roles);
    if (cover === null) {
      if (fresh) throw new Error('a starting role set does not cover a row');
      return;
    }
    if (fresh || cover.length < (state.assigned[u]?.length ?? 0)) {
      state.assigned[u] = cover;
    }
  });
}

/** Removes entitlements every member of the role also gets from another. */
function stripEntitlements(instance: WscInstance, state: WscState): void {
  const columns = instance.matrix.cols.length;
  const members = membersOf(state);
  const count = new Int32Array(instance.matrix.rows.length * columns);
  state.roles.forEach((cols, r) => {
    forEachBit(cols, (c) => {
      for (const u of members[r] ?? []) {
        const i = u * columns + c;
        count[i] = (count[i] as number) + 1;
      }
    });
  });
  const spare = (rows: number[], c: number) =>
    rows.every((u) => (count[u * columns + c] as number) > 1);
  // Costly roles and columns first: stripping them saves the most.
  const fixed = state.roles.map((cols) => roleFixedCost(instance, cols));
  const order = state.roles.map((_, r) => r);
  order.sort((a, b) => (fixed[b] as number) - (fixed[a] as number) || a - b);
  for (const r of order) {
    const rows = members[r] ?? [];
    if (rows.length === 0) continue;
    const cols = state.roles[r] as Bits;
    const found: number[] = [];
    forEachBit(cols, (c) => {
      if (spare(rows, c)) found.push(c);
    });
    found.sort(
      (a, b) =>
        (instance.colCost[b] as number) - (instance.colCost[a] as number) ||
        a - b,
    );
    for (const c of found) {
      if (!spare(rows, c)) continue;
      clearBit(cols, c);
      for (const u of rows) {
        const i = u * columns + c;
        count[i] = (count[i] as number) - 1;
      }
    }
  }
  // A stripped role fits more rows.
  state.fitting = fittingRoles(instance, state.roles);
}

/**
 * Tries removing each role: its members re-cover from the roles they may
 * hold; the saving is the role's fixed cost less any extra assignments.
 */
function dropRoles(instance: WscInstance, state: WscState, deadline: number): void {
  const { matrix } = instance;
  const members = membersOf(state);
  const gone = new Uint8Array(state.roles.length);
  for (let r = state.roles.length - 1; r >= 0; r--) {
    if (performance.now() > deadline) break;
    // A copy: re-covering a member removes it from members[r] as we go.
    const rows = [...(members[r] ?? [])];
    let saving = rows.length === 0 ? 0 : roleFixedCost(instance, state.roles[r] as Bits);
    const covers: number[][] = [];
    for (const u of rows) {
      const fitting = (state.fitting[u] ?? []).filter((k) => k !== r && gone[k] === 0);
      const cover = coverRow(matrix.rows[u] as Bits, fitting, state.roles);
      if (cover === null) {
        saving = -1;
        break;
      }
      covers.push(cover);
      saving += (instance.rowCost[u] as number) * ((state.assigned[u]?.length ?? 0) - cover.length);
    }
    if (saving <= 1e-9 && rows.length > 0) continue;
    gone[r] = 1;
    rows.forEach((u, i) => {
      for (const k of state.assigned[u] ?? []) {
        const list = members[k] as number[];
        list.splice(list.indexOf(u), 1);
      }
      const cover = covers[i] as number[];
      state.assigned[u] = cover;
      for (const k of cover) members[k]?.push(u);
    });
  }
}

/** Adds a candidate when it pays for itself in saved assignments. */
function addCandidates(
  instance: WscInstance,
  state: WscState,
  candidates: readonly Bits[],
  deadline: number,
): void {
  const { matrix } = instance;
  for (const candidate of candidates) {
    if (performance.now() > deadline) return;
    const index = state.roles.length;
    state.roles.push(candidate.slice());
    let saving = -roleFixedCost(instance, candidate);
    const better: [number, number[]][] = [];
    const holders = rowsHolding(matrix, candidate);
    forEachBit(holders, (u) => {
      const fitting = [...(state.fitting[u] ?? []), index];
      const cover = coverRow(matrix.rows[u] as Bits, fitting, state.roles);
      const now = state.assigned[u]?.length ?? 0;
      if (cover !== null && cover.length < now) {
        saving += (instance.rowCost[u] as number) * (now - cover.length);
        better.push([u, cover]);
      }
    });
    if (saving <= 1e-9) {
      state.roles.pop();
      continue;
    }
    forEachBit(holders, (u) => state.fitting[u]?.push(index));
    for (const [u, cover] of better) state.assigned[u] = cover;
  }
}

/** Forgets roles no row holds, renumbering the rest. */
function compact(state: WscState): void {
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
