import type { Bits } from '../bitset.ts';
import { clearBit, forEachBit } from './bits.ts';
import { coverRow } from './assign.ts';
import { rowsHolding } from './concepts.ts';
import type { WscInstance } from './wsc-instance.ts';
import { roleFixedCost } from './wsc-instance.ts';
import type { WscState } from './wsc-state.ts';
import { fittingRoles, membersOf } from './wsc-state.ts';

/** Removes entitlements every member of the role also gets from another. */
export function stripEntitlements(
  instance: WscInstance,
  state: WscState,
): void {
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
export function dropRoles(
  instance: WscInstance,
  state: WscState,
  deadline: number,
): void {
  const { matrix } = instance;
  const members = membersOf(state);
  const gone = new Uint8Array(state.roles.length);
  for (let r = state.roles.length - 1; r >= 0; r--) {
    if (performance.now() > deadline) break;
    // A copy: re-covering a member removes it from members[r] as we go.
    const rows = [...(members[r] ?? [])];
    let saving =
      rows.length === 0 ? 0 : roleFixedCost(instance, state.roles[r] as Bits);
    const covers: number[][] = [];
    for (const u of rows) {
      const fitting = (state.fitting[u] ?? []).filter(
        (k) => k !== r && gone[k] === 0,
      );
      const cover = coverRow(matrix.rows[u] as Bits, fitting, state.roles);
      if (cover === null) {
        saving = -1;
        break;
      }
      covers.push(cover);
      saving +=
        (instance.rowCost[u] as number) *
        ((state.assigned[u]?.length ?? 0) - cover.length);
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
export function addCandidates(
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
