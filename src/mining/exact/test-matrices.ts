import type { CandidateRole } from '../types.ts';
import type { ExactPair } from './mine-exact.ts';

/**
 * Pairs from a 0/1 grid: row i is identity `u<i>`, column j entitlement
 * `e<j>`; a `1` grants it. Test helper.
 */
export function pairsOfGrid(grid: readonly string[]): ExactPair[] {
  return grid.flatMap((line, i) =>
    Array.from(line).flatMap((cell, j) =>
      cell === '1' ? [{ identity: `u${i}`, entitlement: `e${j}` }] : [],
    ),
  );
}

/** The pairs the roles grant, as sorted `identity entitlement` strings. */
export function grantedPairs(roles: readonly CandidateRole[]): string[] {
  const granted = new Set<string>();
  for (const role of roles) {
    for (const identity of role.identities) {
      for (const entitlement of role.entitlements) {
        granted.add(`${identity} ${entitlement}`);
      }
    }
  }
  return [...granted].sort();
}

export function pairKeys(pairs: readonly ExactPair[]): string[] {
  return [
    ...new Set(pairs.map((p) => `${p.identity} ${p.entitlement}`)),
  ].sort();
}

/**
 * The minimum number of bicliques covering a small grid, by brute force
 * over all sets of maximal bicliques: the reference the miner must meet.
 */
export function bruteForceMinimum(grid: readonly string[]): number {
  const rows = grid.map((line) =>
    Array.from(line).reduce(
      (bits, cell, j) => (cell === '1' ? bits | (1 << j) : bits),
      0,
    ),
  );
  const width = grid[0]?.length ?? 0;
  const cells: [number, number][] = [];
  rows.forEach((bits, i) => {
    for (let j = 0; j < width; j++) if ((bits >> j) & 1) cells.push([i, j]);
  });
  if (cells.length === 0) return 0;

  // Maximal bicliques: close every non-empty set of rows.
  const bicliques = new Map<string, { rows: number; cols: number }>();
  for (let set = 1; set < 1 << rows.length; set++) {
    let cols = (1 << width) - 1;
    rows.forEach((bits, i) => {
      if ((set >> i) & 1) cols &= bits;
    });
    if (cols === 0) continue;
    let members = 0;
    rows.forEach((bits, i) => {
      if ((bits & cols) === cols) members |= 1 << i;
    });
    bicliques.set(`${members}/${cols}`, { rows: members, cols });
  }
  const list = [...bicliques.values()];
  const covers = (chosen: number[]) =>
    cells.every(([i, j]) =>
      chosen.some((k) => {
        const b = list[k];
        return (
          b !== undefined &&
          ((b.rows >> i) & 1) === 1 &&
          ((b.cols >> j) & 1) === 1
        );
      }),
    );
  for (let size = 1; ; size++) {
    if (someCombination(list.length, size, covers)) return size;
  }
}

function someCombination(
  n: number,
  size: number,
  test: (chosen: number[]) => boolean,
): boolean {
  const chosen: number[] = [];
  const walk = (from: number): boolean => {
    if (chosen.length === size) return test(chosen);
    for (let k = from; k < n; k++) {
      chosen.push(k);
      if (walk(k + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return walk(0);
}
