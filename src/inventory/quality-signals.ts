import type { Identity, Inventory } from '../model/index.ts';
import { audienceOf, systemOf } from '../model/index.ts';

/** Signals the data-quality report counts, each a small pure function. */

export function heldBy(inventory: Inventory): Map<string, Set<string>> {
  const held = new Map<string, Set<string>>();
  for (const { identity, entitlement } of inventory.assignments) {
    let set = held.get(identity);
    if (set === undefined) held.set(identity, (set = new Set()));
    set.add(entitlement);
  }
  return held;
}

export function hasAttribute(identity: Identity, attribute: string): boolean {
  const value = identity.attributes[attribute];
  return value !== undefined && value.trim() !== '';
}

export function duplicates(people: Identity[]): string[] {
  const groups = new Map<string, string[]>();
  for (const person of people) {
    // Prefixed so that a name never matches someone's address.
    const keys = [
      `email ${norm(person.email ?? '')}`,
      `name ${norm(person.name ?? '').replace(/\s+/g, ' ')}`,
    ];
    for (const key of keys) {
      if (key.endsWith(' ')) continue;
      groups.set(key, [...(groups.get(key) ?? []), person.id]);
    }
  }
  return [...groups.values()].filter((ids) => new Set(ids).size > 1).flat();
}

export function newestDate(inventory: Inventory): string | undefined {
  let newest: string | undefined;
  let newestTime = -Infinity;
  for (const a of inventory.assignments) {
    for (const value of [a.lastUsedAt, a.grantedAt]) {
      if (value === undefined) continue;
      const time = timeOf(value);
      if (time > newestTime) {
        newestTime = time;
        newest = value;
      }
    }
  }
  return newest === undefined ? undefined : new Date(newestTime).toISOString();
}

export function norm(text: string): string {
  return text.trim().toLowerCase();
}

// A timestamp without a zone is read as UTC (as merging does), so that the
// report does not depend on the time zone of the machine that writes it.
export function timeOf(value: string): number {
  const zoneless = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(value);
  return Date.parse(zoneless ? `${value}Z` : value);
}

export function usageBySystem(inventory: Inventory): Set<string> {
  const systems = new Set<string>();
  for (const a of inventory.assignments) {
    if (a.lastUsedAt !== undefined) systems.add(systemOf(a.entitlement));
  }
  return systems;
}

export function sharedBundles(
  inventory: Inventory,
  held: Map<string, Set<string>>,
): string[] {
  const audiences = new Map<string, { human: string[]; machine: string[] }>();
  for (const identity of inventory.identities) {
    const set = held.get(identity.id);
    if (set === undefined || set.size === 0) continue;
    const key = [...set].sort().join('\n');
    const entry = audiences.get(key) ?? { human: [], machine: [] };
    entry[audienceOf(identity.kind)].push(identity.id);
    audiences.set(key, entry);
  }
  const shared: string[] = [];
  for (const { human, machine } of audiences.values()) {
    if (human.length > 0 && machine.length > 0) {
      const people = human.sort().slice(0, 3).join(', ');
      const more = human.length > 3 ? ` (+${human.length - 3})` : '';
      shared.push(`${machine.sort().join(', ')} ~ ${people}${more}`);
    }
  }
  return shared;
}

export function countBy<T>(
  items: T[],
  key: (item: T) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)),
  );
}
