import type { Assignment, IdentityKind, Inventory } from '../../model/index.ts';

/** One identity of a test inventory and what it holds. */
export interface PersonSpec {
  id: string;
  kind?: IdentityKind;
  kindAssumed?: boolean;
  name?: string;
  attributes?: Record<string, string>;
  holds: string[];
  /** Per-entitlement timestamps or source, overriding the defaults. */
  overrides?: Record<string, Partial<Assignment>>;
}

export const GRANTED = '2026-01-05T00:00:00Z';
/** The newest timestamp of a default inventory: its data date. */
export const USED = '2026-06-01T00:00:00Z';

/** An inventory built from people; every pair granted and used recently. */
export function inventoryOf(people: readonly PersonSpec[]): Inventory {
  const assignments: Assignment[] = people.flatMap((person) =>
    person.holds.map((entitlement) => ({
      identity: person.id,
      entitlement,
      grantedAt: GRANTED,
      lastUsedAt: USED,
      ...person.overrides?.[entitlement],
    })),
  );
  return {
    identities: people.map((person) => ({
      id: person.id,
      kind: person.kind ?? 'human',
      ...(person.kindAssumed !== undefined && {
        kindAssumed: person.kindAssumed,
      }),
      ...(person.name !== undefined && { name: person.name }),
      attributes: person.attributes ?? {},
    })),
    entitlements: [],
    assignments,
    sources: [],
  };
}

/** `count` people named `prefix-1` … with the same attributes and access. */
export function team(
  prefix: string,
  count: number,
  holds: string[],
  attributes: Record<string, string> = {},
  kind: IdentityKind = 'human',
): PersonSpec[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `${prefix}-${String(n + 1).padStart(2, '0')}`,
    kind,
    attributes: { ...attributes },
    holds: [...holds],
  }));
}

/** Reverses the identities and assignments: order must not matter. */
export function shuffled(inventory: Inventory): Inventory {
  return {
    ...inventory,
    identities: [...inventory.identities].reverse(),
    assignments: [...inventory.assignments].reverse(),
  };
}
