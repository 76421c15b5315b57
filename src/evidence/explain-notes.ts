import type { Inventory, Role } from '../model/index.ts';
import type { EvidenceBlock } from './evidence.ts';
import type { Difference } from './explain-compare.ts';

const NAMED = 5;

/**
 * Notes on what explain can attribute: a reviewer's edits to the role
 * since mining (the evidence lists the mined entitlements and counts the
 * mined members), members matched by criteria, and named members the
 * inventory lacks. Differences the notes explain get a note of their own.
 */
export function roleEditNotes(
  role: Role,
  recorded: EvidenceBlock | undefined,
  members: readonly string[],
  inventory: Inventory,
  differences: Difference[],
): string[] {
  const notes: string[] = [];
  const known = new Set(inventory.identities.map((i) => i.id));
  for (const a of inventory.assignments) known.add(a.identity);
  const absent = role.membership.identities.filter((id) => !known.has(id));
  if (absent.length > 0) {
    notes.push(
      `${absent.length} of the members the role names ` +
        `${absent.length === 1 ? 'is' : 'are'} not in the inventory ` +
        `(${names(absent)}); they count as members holding nothing.`,
    );
  }
  const named = new Set(role.membership.identities);
  const matched = members.filter((id) => !named.has(id)).length;
  if (role.membership.criteria.length > 0) {
    notes.push(
      `${matched} of its ${members.length} members are matched by its ` +
        'attribute criteria in this inventory.',
    );
  }
  if (recorded === undefined) return notes;

  const edits = [
    ...entitlementEdits(role, recorded, differences),
    ...memberEdits(role, recorded, members, differences),
  ];
  if (edits.length > 0) {
    notes.push(
      `The role was edited since mining: ${edits.join('; ')}. Figures that ` +
        'depend on its members or entitlements are recomputed for the role ' +
        'as it is now, so they differ for that reason too.',
    );
  }
  return notes;
}

/** Entitlements added to or removed from the role file since mining. */
function entitlementEdits(
  role: Role,
  recorded: EvidenceBlock,
  differences: Difference[],
): string[] {
  const mined = new Set(recorded.statistics.entitlements.map((e) => e.id));
  const grants = new Set(role.entitlements);
  const added = [...grants].filter((id) => !mined.has(id)).sort();
  const removed = [...mined].filter((id) => !grants.has(id)).sort();
  for (const d of differences) {
    if (d.path === '/statistics/entitlements/-') {
      d.note = 'added to the role since mining';
    } else if (/^\/statistics\/entitlements\/\d+$/.test(d.path)) {
      d.note = 'removed from the role since mining';
    }
  }
  return [
    ...(added.length > 0 ? [`it now also grants ${names(added)}`] : []),
    ...(removed.length > 0 ? [`it no longer grants ${names(removed)}`] : []),
  ];
}

/**
 * The evidence counts members rather than naming them, so a different
 * count is all explain can see; only without criteria is that count the
 * role file's own doing.
 */
function memberEdits(
  role: Role,
  recorded: EvidenceBlock,
  members: readonly string[],
  differences: Difference[],
): string[] {
  const count = differences.find((d) => d.path === '/statistics/members/count');
  if (count === undefined) return [];
  if (role.membership.criteria.length > 0) {
    count.note =
      'members matched by attribute criteria depend on the inventory';
    return [];
  }
  count.note = 'members edited in the role since mining';
  return [
    `it names ${members.length} members, ${recorded.statistics.members.count} were mined`,
  ];
}

function names(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMED).join(', ');
  return ids.length > NAMED ? `${shown} and ${ids.length - NAMED} more` : shown;
}
