// Entries for matched roles: the diff a candidate proposes to an approved
// role, with its reasons; and the context every entry builder reads.
import type { MemberIndex } from '../checks/effective-access.ts';
import type { Inventory, Role } from '../model/index.ts';
import type { Holdings } from './reconcile-holdings.ts';
import { collectHoldings } from './reconcile-holdings.ts';
import type { Matching } from './reconcile-match.ts';
import type { MatchFacts } from './reconcile-reasons.ts';
import { matchReasons } from './reconcile-reasons.ts';
import type { Item, Vocabulary } from './reconcile-sets.ts';
import { difference, intersectionSize } from './reconcile-sets.ts';
import { LIST_CAP } from './reconcile-text.ts';
import type { ReconcileEntry } from './reconcile-types.ts';

export interface EntriesInput {
  roles: readonly Role[];
  roleItems: readonly Item[];
  candidateItems: readonly Item[];
  matching: Matching;
  vocabulary: Vocabulary;
  members: MemberIndex;
  inventory: Inventory | undefined;
  matchThreshold: number;
}

/** Sorted entitlement ids of tokens. */
export function tokenNames(
  input: EntriesInput,
  tokens: Iterable<number>,
): string[] {
  return [...tokens].map((t) => input.vocabulary.names[t] ?? '').sort();
}

/** Sorted identity ids of member slots. */
export function memberIds(
  input: EntriesInput,
  slots: Iterable<number>,
): string[] {
  return [...slots].map((slot) => input.members.idOf(slot)).sort();
}

/** An entry for every candidate matched to a role: unchanged or changed. */
export function matchedEntries(input: EntriesInput): {
  entries: ReconcileEntry[];
  /** Per role index: matched, with a difference. */
  changed: Uint8Array;
} {
  const { roleItems, candidateItems, matching } = input;
  const names = (tokens: Iterable<number>) => tokenNames(input, tokens);
  const ids = (slots: Iterable<number>) => memberIds(input, slots);
  const entries: ReconcileEntry[] = [];
  const changed = new Uint8Array(roleItems.length);

  const matches: { facts: MatchFacts; role: Item; r: number }[] = [];
  candidateItems.forEach((candidate, c) => {
    const role = roleItems[matching.roleOf[c] ?? -1];
    if (role === undefined) return;
    const r = matching.roleOf[c] ?? -1;
    const shared = intersectionSize(role.tokens, candidate.tokens);
    const added = difference(candidate.tokens, role.tokens);
    const removed = difference(role.tokens, candidate.tokens);
    const joining = difference(candidate.members, role.members);
    const leaving = difference(role.members, candidate.members);
    const same =
      added.length + removed.length + joining.length + leaving.length === 0;
    if (!same) changed[r] = 1;
    // Full lists are only read by the reasons of a change.
    const facts: MatchFacts = {
      role: role.id,
      candidate: candidate.id,
      byId: matching.byId[r] === 1,
      similarity: matching.similarity[r] ?? 0,
      shared,
      union: role.tokens.length + candidate.tokens.length - shared,
      roleEntitlements: same ? [] : names(role.tokens),
      candidateEntitlements: same ? [] : names(candidate.tokens),
      roleMembers: role.members.length,
      entitlementsAdded: names(added),
      entitlementsRemoved: names(removed),
      membersAdded: ids(joining),
      membersRemoved: ids(leaving),
    };
    matches.push({ facts, role, r });
  });

  const holdings = holdingsFor(
    input.inventory,
    matches.map((m) => m.facts),
  );
  for (const { facts, role, r } of matches) {
    const named = holdings !== undefined && changed[r] === 1;
    const roleMembers = named ? ids(role.members) : [];
    entries.push({
      status: changed[r] === 1 ? 'changed' : 'unchanged',
      role: facts.role,
      candidate: facts.candidate,
      entitlementsAdded: facts.entitlementsAdded,
      entitlementsRemoved: facts.entitlementsRemoved,
      membersAdded: facts.membersAdded,
      membersRemoved: facts.membersRemoved,
      similarity: facts.similarity,
      reasons: matchReasons(facts, roleMembers, holdings),
    });
  }

  return { entries, changed };
}

/** Inventory facts for the ids the match reasons name, read in one pass. */
function holdingsFor(
  inventory: Inventory | undefined,
  matches: readonly MatchFacts[],
): Holdings | undefined {
  if (inventory === undefined) return undefined;
  const entitlements = new Set<string>();
  const identities = new Set<string>();
  const name = (ids: readonly string[], into: Set<string>) => {
    for (const id of ids.slice(0, LIST_CAP)) into.add(id);
  };
  for (const facts of matches) {
    name(facts.entitlementsAdded, entitlements);
    name(facts.entitlementsRemoved, entitlements);
    name(facts.membersAdded, identities);
    name(facts.membersRemoved, identities);
  }
  return collectHoldings(inventory, entitlements, identities);
}
