import type { Assignment } from '../model/index.ts';
import type { CanonicalIds } from './correlate.ts';
import type { LabelledInventory } from './merge.ts';

/** Rewrites assignments to canonical ids and keeps one per pair. */
export function mergeAssignments(
  parts: LabelledInventory[],
  ids: CanonicalIds,
): Assignment[] {
  const assignments: Assignment[] = [];
  const at = new Map<string, number>();
  for (const { label, inventory } of parts) {
    for (const assignment of inventory.assignments) {
      const identity = ids.canonicalOf(label, assignment.identity);
      const key = `${identity}\u0000${assignment.entitlement}`;
      const index = at.get(key);
      const kept = index === undefined ? undefined : assignments[index];
      if (index !== undefined && kept !== undefined) {
        assignments[index] = mergeUsage(kept, assignment);
        continue;
      }
      at.set(key, assignments.length);
      assignments.push(
        identity === assignment.identity
          ? assignment
          : { ...assignment, identity },
      );
    }
  }
  return assignments;
}

/**
 * The same grant seen twice keeps the latest use and the earliest grant,
 * so a source without usage data (a pair file) cannot make access that
 * another source saw used look never used.
 */
function mergeUsage(kept: Assignment, other: Assignment): Assignment {
  const lastUsedAt = pick(kept.lastUsedAt, other.lastUsedAt, 1);
  const grantedAt = pick(kept.grantedAt, other.grantedAt, -1);
  if (lastUsedAt === kept.lastUsedAt && grantedAt === kept.grantedAt) {
    return kept;
  }
  return {
    ...kept,
    ...(lastUsedAt !== undefined && { lastUsedAt }),
    ...(grantedAt !== undefined && { grantedAt }),
  };
}

/** The later (`sign` 1) or earlier (-1) of two timestamps; kept on ties. */
function pick(
  kept: string | undefined,
  other: string | undefined,
  sign: 1 | -1,
): string | undefined {
  if (kept === undefined) return other;
  if (other === undefined || other === kept) return kept;
  return (timeOf(other) - timeOf(kept)) * sign > 0 ? other : kept;
}

// A timestamp without a zone is read as UTC, as the quality report does,
// so that the result does not depend on the machine's time zone.
function timeOf(value: string): number {
  const zoneless = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(value);
  return Date.parse(zoneless ? `${value}Z` : value);
}
