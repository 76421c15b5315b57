import type { Finding } from '../model/index.ts';

/*
 * Whether approvers include an owner: a CODEOWNERS entry or a policy's
 * `owners:`. Users are compared by login; a team (`@org/team`) by its
 * members, when GitHub told them.
 */

/** What GitHub told about the teams the owners name. */
export interface TeamKnowledge {
  /** Members by lowercased `@org/team`. */
  teams?: ReadonlyMap<string, readonly string[]>;
  /** Why a team's members could not be read, by lowercased `@org/team`. */
  teamsUnreadable?: ReadonlyMap<string, string>;
}

/** What the finding says about its subject: `pull request #4 (merge …)`. */
interface Judged {
  what: string;
  file: string;
  owners: readonly string[];
  approvers: readonly string[];
}

/**
 * The finding, if any, when none of the approvers owns the file: as a
 * CODEOWNERS owner (`code`) or as a policy's owner (`policy`).
 */
export function ownerFindings(
  known: TeamKnowledge,
  judged: Judged,
  as: 'code' | 'policy',
): Finding[] {
  const verdicts = judged.owners.map((o) =>
    ownedBy(o, judged.approvers, known),
  );
  if (verdicts.includes(true)) return [];
  // The owners that could not be checked; none when every owner was
  // checked and none approved.
  const unknown = judged.owners.filter((_, i) => verdicts[i] === undefined);
  const why = unknown.length > 0 ? unverifiable(unknown, known) : undefined;
  return [
    as === 'code' ? codeOwnerFinding(judged, why) : policyFinding(judged, why),
  ];
}

function codeOwnerFinding(judged: Judged, why: string | undefined): Finding {
  const { what, file, owners, approvers } = judged;
  if (why !== undefined) {
    return {
      code: 'audit.no-code-owner-approval',
      severity: 'note',
      file,
      message:
        `${what} was approved by ${approvers.join(', ')}, none of them a ` +
        `code owner that could be checked; ${why}`,
      hint: 'check that an approver belongs to the owning team, or require code owner review',
    };
  }
  return {
    code: 'audit.no-code-owner-approval',
    severity: 'warning',
    file,
    message:
      `${what} was approved by ${approvers.join(', ')}, none of them a code ` +
      `owner of ${file} (${owners.join(', ')})`,
    hint: 'require review from code owners in the branch protection rules',
  };
}

function policyFinding(judged: Judged, why: string | undefined): Finding {
  const { what, file, owners, approvers } = judged;
  const list = owners.length === 0 ? 'none named' : owners.join(', ');
  return {
    code: 'audit.policy-without-owner',
    severity: why !== undefined ? 'note' : 'warning',
    file,
    message:
      `${what} changed the policy ${file} without an approval from its ` +
      `owners (${list}); approved by ` +
      `${approvers.join(', ') || 'no one'}${why !== undefined ? `; ${why}` : ''}`,
    hint:
      "a policy change needs an approval from one of the policy's owners as " +
      'they were before the change',
  };
}

/**
 * `team ownership not verifiable for @acme/iam (why)`: the reason GitHub
 * gave for each team whose members were not read, so that a reader knows
 * whether a token with more access would settle it.
 */
function unverifiable(owners: readonly string[], known: TeamKnowledge): string {
  const named = owners.map((owner) => {
    const why = known.teamsUnreadable?.get(owner.toLowerCase());
    return why === undefined ? owner : `${owner} (${why})`;
  });
  return `team ownership not verifiable for ${named.join(', ')}`;
}

/**
 * Whether one of `approvers` is `owner`: true or false for a user, a
 * team whose members are known; undefined when it cannot be told (a
 * team whose members were not read, an e-mail address).
 */
function ownedBy(
  owner: string,
  approvers: readonly string[],
  known: TeamKnowledge,
): boolean | undefined {
  if (!owner.startsWith('@')) return undefined;
  if (owner.includes('/')) {
    const members = known.teams?.get(owner.toLowerCase());
    if (members === undefined) return undefined;
    return approvers.some((a) => members.some((m) => sameLogin(m, a)));
  }
  return approvers.some((a) => sameLogin(owner.slice(1), a));
}

/** GitHub logins are case-insensitive. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
