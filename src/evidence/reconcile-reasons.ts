// Reasons for reconciliation entries. Each states one fact taken from the
// roles, the candidates or the inventory, with its numbers.
import type { Coverage } from './reconcile-coverage.ts';
import type { Holdings } from './reconcile-holdings.ts';
import { LIST_CAP, counted, decimal, listed } from './reconcile-text.ts';

/** A role and the candidate it matched, as reasons need them. */
export interface MatchFacts {
  role: string;
  candidate: string;
  byId: boolean;
  similarity: number;
  /** Entitlements both grant, and those either grants. */
  shared: number;
  union: number;
  roleEntitlements: readonly string[];
  candidateEntitlements: readonly string[];
  roleMembers: number;
  entitlementsAdded: string[];
  entitlementsRemoved: string[];
  membersAdded: string[];
  membersRemoved: string[];
}

export function matchReasons(
  facts: MatchFacts,
  roleMembers: readonly string[],
  holdings: Holdings | undefined,
): string[] {
  const { role, candidate } = facts;
  const reasons: string[] = [];
  if (facts.byId) reasons.push(`candidate ${candidate} has the same id`);
  const added = facts.entitlementsAdded;
  const removed = facts.entitlementsRemoved;
  if (added.length === 0 && removed.length === 0) {
    reasons.push(
      `${role} and candidate ${candidate} grant the same ` +
        counted(facts.shared, 'entitlement'),
    );
  } else {
    reasons.push(
      `${role} and candidate ${candidate} share ${facts.shared} of ` +
        `${counted(facts.union, 'entitlement')} ` +
        `(Jaccard ${decimal(facts.similarity)})`,
    );
  }
  if (facts.membersAdded.length === 0 && facts.membersRemoved.length === 0) {
    reasons.push(`both have the same ${counted(facts.roleMembers, 'member')}`);
  }

  const holding = (entitlement: string) => {
    if (holdings === undefined || roleMembers.length === 0) return [];
    const holders = holdings.holders(entitlement);
    const k = roleMembers.filter((m) => holders.has(m)).length;
    return [
      `${k} of the ${counted(roleMembers.length, 'member')} of ${role} ` +
        `${k === 1 ? 'holds' : 'hold'} ${entitlement}`,
    ];
  };
  if (added.length > 0) {
    const what = counted(added.length, 'entitlement');
    reasons.push(`candidate ${candidate} adds ${what}: ${listed(added)}`);
    reasons.push(...added.slice(0, LIST_CAP).flatMap(holding));
  }
  if (removed.length > 0) {
    const what = counted(removed.length, 'entitlement');
    reasons.push(`candidate ${candidate} drops ${what}: ${listed(removed)}`);
    reasons.push(...removed.slice(0, LIST_CAP).flatMap(holding));
  }

  const share = (id: string, of: readonly string[], owner: string) => {
    if (holdings === undefined || of.length === 0) return [];
    const held = holdings.held(id);
    const k = of.filter((e) => held.has(e)).length;
    return [
      `${id} holds ${k} of the ${counted(of.length, 'entitlement')} of ${owner}`,
    ];
  };
  const joining = facts.membersAdded;
  if (joining.length > 0) {
    const who = counted(joining.length, 'member');
    reasons.push(`candidate ${candidate} adds ${who}: ${listed(joining)}`);
    for (const id of joining.slice(0, LIST_CAP)) {
      const of = facts.candidateEntitlements;
      reasons.push(...share(id, of, `candidate ${candidate}`));
    }
  }
  const leaving = facts.membersRemoved;
  if (leaving.length > 0) {
    const who = counted(leaving.length, 'member');
    reasons.push(`candidate ${candidate} drops ${who}: ${listed(leaving)}`);
    for (const id of leaving.slice(0, LIST_CAP)) {
      if (holdings === undefined) continue;
      const record = holdings.identity(id);
      if (record === undefined) {
        reasons.push(`${id} is not in the inventory`);
        continue;
      }
      const status = record.status;
      if (status !== undefined && status !== 'active') {
        reasons.push(`${id} has status ${status}`);
      }
      reasons.push(...share(id, facts.roleEntitlements, role));
    }
  }
  return reasons;
}

/** The closest pair an unmatched role or candidate lost, and to whom. */
export interface LostFacts {
  /** `role x` or `candidate y`: the other side of the lost pair. */
  closest: string;
  similarity: number;
  /** `candidate z` or `role w`: what the closest one matched instead. */
  rival: string;
  /** Undefined when the rival matched by id. */
  rivalSimilarity?: number;
}

/** Why a role or candidate has no match. */
export function unmatchedReason(
  subject: string,
  /** `existing human role`, `machine candidate`, …: what it was compared to. */
  others: string,
  threshold: number,
  lost: LostFacts | undefined,
): string {
  if (lost === undefined) {
    return (
      `no ${others} has an entitlement Jaccard of at least ` +
      `${decimal(threshold)} with ${subject}`
    );
  }
  const how =
    lost.rivalSimilarity === undefined
      ? 'by id'
      : `(Jaccard ${decimal(lost.rivalSimilarity)})`;
  return (
    `the closest ${lost.closest} (Jaccard ${decimal(lost.similarity)}) ` +
    `matched ${lost.rival} ${how}`
  );
}

export function coverageReasons(
  role: string,
  coverage: Coverage,
  members: number,
  entitlements: number,
  candidateIds: readonly string[],
): string[] {
  const { grants, uncovered, example } = coverage;
  const size = `${counted(members, 'member')} × ${counted(entitlements, 'entitlement')}`;
  if (uncovered === 0) {
    const givers = candidateIds.length === 1 ? 'candidate' : 'candidates';
    const all =
      grants === 1
        ? `the 1 grant of ${role} (${size}) is`
        : `all ${grants} grants of ${role} (${size}) are`;
    return [`${all} also given by ${givers} ${listed(candidateIds)}`];
  }
  const eg =
    example === undefined
      ? ''
      : `, e.g. ${example.entitlement} to ${example.member}`;
  return [
    `${uncovered} of the ${counted(grants, 'grant')} of ${role} (${size}) ` +
      `${uncovered === 1 ? 'is' : 'are'} given by no candidate${eg}`,
  ];
}
