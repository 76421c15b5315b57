import type { AccessMatrix } from '../matrix.ts';
import type { CandidateRole } from '../types.ts';
import { forEachBit } from './bits.ts';
import type { Bits } from '../bitset.ts';

/**
 * Turns roles (distinct columns granted) and their assigned rows into candidate roles with the
 * input's ids, ordered by entitlements (then identities) so that ids
 * `role-001`, … are stable for unchanged input. Unassigned roles drop.
 */
export function buildCandidateRoles(
  matrix: AccessMatrix,
  grants: readonly Bits[],
  members: readonly number[][],
): CandidateRole[] {
  const roles: Omit<CandidateRole, 'id'>[] = [];
  grants.forEach((cols, s) => {
    const rows = members[s] ?? [];
    if (rows.length === 0) return;
    const identities = rows
      .flatMap((r) => matrix.rowMembers[r] ?? [])
      .map((i) => matrix.identities[i] as string)
      .sort(compareIds);
    const entitlements: string[] = [];
    forEachBit(cols, (c) => {
      for (const e of matrix.colMembers[c] ?? []) {
        entitlements.push(matrix.entitlements[e] as string);
      }
    });
    entitlements.sort(compareIds);
    roles.push({ audience: 'human', identities, entitlements });
  });
  roles.sort(
    (a, b) =>
      compareLists(a.entitlements, b.entitlements) ||
      compareLists(a.identities, b.identities),
  );
  const width = Math.max(3, String(roles.length).length);
  return roles.map((role, i) => ({
    id: `role-${String(i + 1).padStart(width, '0')}`,
    ...role,
  }));
}

/** Code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareIds(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
