// Entries for what matched nothing: new candidates, and existing roles
// that candidates make redundant or that stay as they are.
import { coverageChecker } from './reconcile-coverage.ts';
import type { EntriesInput } from './reconcile-entries.ts';
import { memberIds, tokenNames } from './reconcile-entries.ts';
import type { LostFacts } from './reconcile-reasons.ts';
import { coverageReasons, unmatchedReason } from './reconcile-reasons.ts';
import { counted } from './reconcile-text.ts';
import type { ReconcileEntry } from './reconcile-types.ts';

/** An entry for every candidate without a match. */
export function newEntries(input: EntriesInput): ReconcileEntry[] {
  const { roleItems, candidateItems, matching } = input;
  const names = (tokens: Iterable<number>) => tokenNames(input, tokens);
  const ids = (slots: Iterable<number>) => memberIds(input, slots);
  const entries: ReconcileEntry[] = [];
  const roleAt = new Map(roleItems.map((role, at) => [role.id, at]));
  const threshold = input.matchThreshold;
  candidateItems.forEach((candidate, c) => {
    if ((matching.roleOf[c] ?? -1) !== -1) return;
    const reasons = [
      `candidate ${candidate.id} grants ` +
        `${counted(candidate.tokens.length, 'entitlement')} to ` +
        counted(candidate.members.length, 'member'),
      unmatchedReason(
        candidate.id,
        `existing ${candidate.audience} role`,
        threshold,
        lostByCandidate(input, c),
      ),
    ];
    const namesake = roleItems[roleAt.get(candidate.id) ?? -1];
    if (namesake !== undefined) {
      reasons.push(
        `existing role ${namesake.id} has the same id but serves the ` +
          `${namesake.audience} audience`,
      );
    }
    entries.push({
      status: 'new',
      role: candidate.id,
      candidate: candidate.id,
      entitlementsAdded: names(candidate.tokens),
      entitlementsRemoved: [],
      membersAdded: ids(candidate.members),
      membersRemoved: [],
      reasons,
    });
  });

  return entries;
}

/** An entry for every existing role without a match: redundant or kept. */
export function unmatchedEntries(input: EntriesInput): ReconcileEntry[] {
  const { roleItems, candidateItems, matching, members } = input;
  const threshold = input.matchThreshold;
  const names = (tokens: Iterable<number>) => tokenNames(input, tokens);
  const ids = (slots: Iterable<number>) => memberIds(input, slots);
  const entries: ReconcileEntry[] = [];
  const coverageOf = coverageChecker(
    candidateItems,
    members.size(),
    input.vocabulary.names,
    (slot) => members.idOf(slot),
  );
  const candidateAt = new Map(candidateItems.map((c, at) => [c.id, at]));
  roleItems.forEach((role, r) => {
    if ((matching.candidateOf[r] ?? -1) !== -1) return;
    // A role that grants nothing is kept: nothing can stand in for it.
    const reasons = emptiness(input, r);
    let redundant = false;
    if (reasons.length === 0) {
      const coverage = coverageOf(role);
      const givers = coverage.candidates.map(
        (at) => candidateItems[at]?.id ?? '',
      );
      redundant = coverage.uncovered === 0;
      reasons.push(
        ...coverageReasons(
          role.id,
          coverage,
          role.members.length,
          role.tokens.length,
          givers,
        ),
      );
    }
    reasons.push(
      unmatchedReason(
        role.id,
        `${role.audience} candidate`,
        threshold,
        lostByRole(input, r),
      ),
    );
    const namesake = candidateItems[candidateAt.get(role.id) ?? -1];
    if (namesake !== undefined && namesake.audience !== role.audience) {
      reasons.push(
        `candidate ${namesake.id} has the same id but serves the ` +
          `${namesake.audience} audience`,
      );
    }
    entries.push({
      status: redundant ? 'redundant' : 'kept',
      role: role.id,
      entitlementsAdded: [],
      entitlementsRemoved: redundant ? names(role.tokens) : [],
      membersAdded: [],
      membersRemoved: redundant ? ids(role.members) : [],
      reasons,
    });
  });
  return entries;
}

/** Why a role grants nothing: no members, no entitlements, or both. */
function emptiness(input: EntriesInput, r: number): string[] {
  const role = input.roles[r];
  const item = input.roleItems[r];
  if (role === undefined || item === undefined) return [];
  const reasons: string[] = [];
  if (item.members.length === 0) {
    reasons.push(`${role.id} has no members`);
    if (role.membership.criteria.length > 0) {
      reasons.push(
        input.inventory === undefined
          ? 'its members come from attribute criteria and no inventory was given to resolve them'
          : 'no identity in the inventory matches its attribute criteria',
      );
    }
  }
  if (item.tokens.length === 0)
    reasons.push(`${role.id} grants no entitlements`);
  return reasons;
}

function lostByCandidate(
  input: EntriesInput,
  c: number,
): LostFacts | undefined {
  const { matching, roleItems, candidateItems } = input;
  const lost = matching.candidateLost[c];
  if (lost === undefined) return;
  const rival = matching.candidateOf[lost.other] ?? -1;
  return {
    closest: `role ${roleItems[lost.other]?.id ?? ''}`,
    similarity: lost.similarity,
    rival: `candidate ${candidateItems[rival]?.id ?? ''}`,
    ...(matching.byId[lost.other] !== 1 && {
      rivalSimilarity: matching.similarity[lost.other] ?? 0,
    }),
  };
}

function lostByRole(input: EntriesInput, r: number): LostFacts | undefined {
  const { matching, roleItems, candidateItems } = input;
  const lost = matching.roleLost[r];
  if (lost === undefined) return;
  const rival = matching.roleOf[lost.other] ?? -1;
  return {
    closest: `candidate ${candidateItems[lost.other]?.id ?? ''}`,
    similarity: lost.similarity,
    rival: `role ${roleItems[rival]?.id ?? ''}`,
    ...(matching.byId[rival] !== 1 && {
      rivalSimilarity: matching.similarity[rival] ?? 0,
    }),
  };
}
