import type { Bits } from '../bitset.ts';
import { forEachBit } from './bits.ts';
import { rowsHolding } from './concepts.ts';
import { solveBinaryProgram } from './ilp.ts';
import type { WscInstance } from './wsc-instance.ts';
import { roleFixedCost } from './wsc-instance.ts';

/** Past this many row–role variables the model is not built. */
export const WSC_ILP_LIMIT = 60_000;

export interface WscPick {
  roles: Bits[];
  members: number[][];
  /** Optimal over the candidate pool. */
  optimal: boolean;
  cost: number;
}

/**
 * Chooses roles among `candidates` (column sets) and which rows take
 * each, minimising WSC exactly over that pool: y_r opens role r, x_ur
 * gives it to row u (only rows holding all of r), every cell needs one
 * open role of its row that grants it, and x_ur ≤ y_r. Returns null when
 * the model is too large or no solution came back in time.
 */
export async function pickRolesByIlp(
  instance: WscInstance,
  candidates: readonly Bits[],
  timeLimitSeconds: number,
  incumbent?: readonly number[][],
): Promise<WscPick | null> {
  const { matrix } = instance;
  const holders = candidates.map((cols) => {
    const rows: number[] = [];
    forEachBit(rowsHolding(matrix, cols), (u) => rows.push(u));
    return rows;
  });
  const pairs = holders.reduce((sum, rows) => sum + rows.length, 0);
  if (pairs > WSC_ILP_LIMIT) return null;

  // Variables: y_r first, then x_ur in candidate order.
  const costs = candidates.map((cols) => roleFixedCost(instance, cols));
  const assignment: { role: number; row: number }[] = [];
  const constraints: { vars: number[]; coefs?: number[]; atLeast: number }[] =
    [];
  const byCell = new Map<number, number[]>();
  const columns = matrix.cols.length;
  holders.forEach((rows, r) => {
    for (const u of rows) {
      const x = candidates.length + assignment.length;
      assignment.push({ role: r, row: u });
      costs.push(instance.rowCost[u] as number);
      constraints.push({ vars: [r, x], coefs: [1, -1], atLeast: 0 });
      forEachBit(candidates[r] as Bits, (c) => {
        const key = u * columns + c;
        const list = byCell.get(key);
        if (list === undefined) byCell.set(key, [x]);
        else list.push(x);
      });
    }
  });
  matrix.rows.forEach((row, u) => {
    forEachBit(row, (c) => {
      const vars = byCell.get(u * columns + c);
      if (vars !== undefined) constraints.push({ vars, atLeast: 1 });
    });
  });

  const result = await solveBinaryProgram(
    { costs, constraints },
    timeLimitSeconds,
    incumbent &&
      startOf(candidates.length, costs.length, assignment, incumbent),
  );
  const values = result.values;
  if (values === null) return null;
  const members: number[][] = candidates.map(() => []);
  assignment.forEach(({ role, row }, k) => {
    if ((values[candidates.length + k] ?? 0) > 0.5) members[role]?.push(row);
  });
  let cost = 0;
  costs.forEach((value, j) => {
    if ((values[j] ?? 0) > 0.5) cost += value;
  });
  return {
    roles: candidates.map((c) => c.slice()),
    members,
    optimal: result.status === 'optimal',
    cost,
  };
}

/**
 * The solution vector of a known assignment (`incumbent[u]`: candidates
 * row u holds), so HiGHS starts from it.
 */
function startOf(
  roles: number,
  size: number,
  assignment: readonly { role: number; row: number }[],
  incumbent: readonly number[][],
): Float64Array {
  const start = new Float64Array(size);
  const given = incumbent.map((list) => new Set(list));
  assignment.forEach(({ role, row }, k) => {
    if (given[row]?.has(role) === true) {
      start[roles + k] = 1;
      start[role] = 1;
    }
  });
  return start;
}
