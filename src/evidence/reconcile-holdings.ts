// What the inventory says about the few ids that reasons name, read in
// one pass over the assignments.
import type { Identity, Inventory } from '../model/index.ts';

/**
 * What the inventory says about the few ids reasons name: who holds each
 * entitlement, what each identity holds, and each identity's record.
 */
export interface Holdings {
  holders(entitlement: string): ReadonlySet<string>;
  held(identity: string): ReadonlySet<string>;
  identity(id: string): Identity | undefined;
}

const NONE: ReadonlySet<string> = new Set();

/** One pass over the assignments, keeping only the ids reasons name. */
export function collectHoldings(
  inventory: Inventory,
  entitlements: ReadonlySet<string>,
  identities: ReadonlySet<string>,
): Holdings {
  const holders = new Map<string, Set<string>>();
  const held = new Map<string, Set<string>>();
  for (const { identity, entitlement } of inventory.assignments) {
    if (entitlements.has(entitlement)) {
      const set = holders.get(entitlement) ?? new Set<string>();
      holders.set(entitlement, set.add(identity));
    }
    if (identities.has(identity)) {
      const set = held.get(identity) ?? new Set<string>();
      held.set(identity, set.add(entitlement));
    }
  }
  const records = new Map<string, Identity>();
  for (const record of inventory.identities) {
    if (identities.has(record.id) && !records.has(record.id)) {
      records.set(record.id, record);
    }
  }
  return {
    holders: (id) => holders.get(id) ?? NONE,
    held: (id) => held.get(id) ?? NONE,
    identity: (id) => records.get(id),
  };
}
