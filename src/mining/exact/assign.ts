import type { Bits } from '../bitset.ts';
import { popcount } from '../bitset.ts';
import type { AccessMatrix } from '../matrix.ts';
import { andNotInto, countAnd, isEmpty, orInto, subsetOf } from './bits.ts';
import type { RoleShape } from './shapes.ts';

/**
 * Gives each distinct row the fewest roles that rebuild it: a row may
 * hold any role whose entitlements it has, but each role it is given
 * costs one assignment per identity. Greedy (most uncovered columns
 * first), then drops any role the others make redundant. Returns, per
 * role, its rows ascending.
 */
export function assignRows(
  matrix: AccessMatrix,
  shapes: readonly RoleShape[],
): number[][] {
  const members: number[][] = shapes.map(() => []);
  matrix.rows.forEach((row, r) => {
    const fitting = shapes.flatMap((shape, s) =>
      subsetOf(shape.cols, row) ? [s] : [],
    );
    const cover = coverRow(
      row,
      fitting,
      shapes.map((shape) => shape.cols),
    );
    for (const s of cover ?? []) members[s]?.push(r);
  });
  return members;
}

/**
 * The fewest of the `fitting` roles (column sets inside `row`) whose union
 * is the row, greedily; null when they cannot rebuild it.
 */
export function coverRow(
  row: Bits,
  fitting: readonly number[],
  roles: readonly Bits[],
): number[] | null {
  const left = row.slice();
  const picked: number[] = [];
  while (!isEmpty(left)) {
    let best = -1;
    let gain = 0;
    for (const s of fitting) {
      const g = countAnd(roles[s] as Bits, left);
      if (g > gain) {
        gain = g;
        best = s;
      }
    }
    if (best < 0) return null;
    picked.push(best);
    andNotInto(left, roles[best] as Bits);
  }

  // Smallest first: a role whose columns the others cover is dropped.
  if (picked.length < 3) return picked;
  const order = [...picked].sort(
    (a, b) => popcount(roles[a] as Bits) - popcount(roles[b] as Bits) || a - b,
  );
  const kept = new Set(picked);
  const rest = new Uint32Array(row.length);
  for (const s of order) {
    rest.fill(0);
    for (const t of kept) if (t !== s) orInto(rest, roles[t] as Bits);
    if (subsetOf(row, rest)) kept.delete(s);
  }
  return [...kept];
}
