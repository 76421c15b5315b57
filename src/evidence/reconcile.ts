// Reconciles mined candidates with the approved catalogue. Nothing here
// edits a role: every difference comes back as a proposed change with the
// facts behind it, for a reviewer to accept or reject.
import { indexMembers } from '../checks/effective-access.ts';
import { usageError } from '../errors.ts';
import type { Role } from '../model/index.ts';
import type { CandidateRole } from '../mining/types.ts';
import type { EntriesInput } from './reconcile-entries.ts';
import { matchedEntries } from './reconcile-entries.ts';
import { matchItems } from './reconcile-match.ts';
import type { Item } from './reconcile-sets.ts';
import { sortedUnique, tokenize } from './reconcile-sets.ts';
import { suggest } from './reconcile-suggest.ts';
import type { ReconcileOptions, Reconciliation } from './reconcile-types.ts';
import { newEntries, unmatchedEntries } from './reconcile-unmatched.ts';
import { RECONCILE_STATUSES } from './reconcile-types.ts';

export type {
  ReconcileEntry,
  ReconcileOptions,
  ReconcileStatus,
  ReconcileSuggestion,
  Reconciliation,
} from './reconcile-types.ts';
export { RECONCILE_STATUSES } from './reconcile-types.ts';

/**
 * Compares candidates with existing roles of the same audience. Roles and
 * candidates are taken by id (the first of a repeated id wins, as
 * everywhere access is resolved) and the result does not depend on their
 * order. Pure and synchronous.
 */
export function reconcile(
  existing: readonly Role[],
  candidates: readonly CandidateRole[],
  options: ReconcileOptions = {},
): Reconciliation {
  const thresholds = {
    match: threshold(options.matchThreshold, 0.8, 'matchThreshold'),
    suggest: threshold(options.suggestThreshold, 0.9, 'suggestThreshold'),
  };
  const roles = firstById(existing);
  const mined = firstById(candidates);
  const members = indexMembers(options.inventory);
  const vocabulary = tokenize([
    ...roles.map((role) => role.entitlements),
    ...mined.map((candidate) => candidate.entitlements),
  ]);
  const tokensAt = (at: number) => vocabulary.tokens[at] ?? new Int32Array();
  const roleItems = roles.map((role, at): Item => ({
    id: role.id,
    audience: role.audience,
    tokens: tokensAt(at),
    members: sortedUnique(members.slotsOf(role)),
  }));
  const candidateItems = mined.map((candidate, at): Item => ({
    id: candidate.id,
    audience: candidate.audience,
    tokens: tokensAt(roles.length + at),
    members: sortedUnique(candidate.identities.map((id) => members.slotOf(id))),
  }));
  const tokenCount = vocabulary.names.length;
  const matching = matchItems(
    roleItems,
    candidateItems,
    tokenCount,
    thresholds,
  );
  const context: EntriesInput = {
    roles,
    roleItems,
    candidateItems,
    matching,
    vocabulary,
    members,
    inventory: options.inventory,
    matchThreshold: thresholds.match,
  };
  const { entries, changed } = matchedEntries(context);
  entries.push(...newEntries(context), ...unmatchedEntries(context));
  const suggestions = suggest({
    roles: roleItems,
    candidates: candidateItems,
    matching,
    changed,
    tokenCount,
    slotCount: members.size(),
    threshold: thresholds.suggest,
  });
  entries.sort(
    (a, b) =>
      RECONCILE_STATUSES.indexOf(a.status) -
        RECONCILE_STATUSES.indexOf(b.status) ||
      compare(a.role, b.role) ||
      compare(a.candidate ?? '', b.candidate ?? ''),
  );
  suggestions.sort(
    (a, b) =>
      compare(a.kind, b.kind) ||
      compare(a.roles.join('\n'), b.roles.join('\n')) ||
      compare(a.candidates.join('\n'), b.candidates.join('\n')),
  );
  return { entries, suggestions };
}

function threshold(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!(value > 0 && value <= 1)) {
    throw usageError(
      `${name} must be above 0 and at most 1, not ${value}`,
      `${name}: 0.8`,
    );
  }
  return value;
}

/** The first of each id, sorted by id. */
function firstById<T extends { id: string }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
