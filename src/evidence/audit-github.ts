import type { Finding } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { AuditResult } from './audit.ts';
import { kindOf, provenanceFindings } from './audit.ts';
import type {
  FileTimeline,
  GitHistory,
  HistoryCommit,
  TimelineEvent,
} from './audit-types.ts';
import { versionKey } from './audit-types.ts';

/**
 * Provenance findings from what GitHub knows about each merged pull
 * request: its approvals, the checks at its head, and who owns the files
 * it changed (CODEOWNERS and a policy's `owners:`, both as of the merge's
 * base, so a pull request cannot name its own approvers). Pure: the CLI
 * reads GitHub and git and passes the answers in.
 */

/** What GitHub says about one merged pull request. */
export interface PullProvenance {
  number: number;
  /** Login of who opened it. */
  author: string;
  /** Login of who merged it; undefined when GitHub did not merge it. */
  mergedBy?: string;
  mergedAt?: string;
  headSha: string;
  /** Approvals of the head commit, each reviewer's latest decision. */
  approvals: { user: string; at: string }[];
  /** Reviewers whose latest decision asks for changes. */
  changesRequested: string[];
  /** The latest status of every check at the head sha. */
  checks: { name: string; conclusion: string }[];
}

export interface GithubAuditInput {
  history: GitHistory;
  audit: AuditResult;
  /** By pull request number; numbers GitHub did not answer are absent. */
  provenance: ReadonlyMap<number, PullProvenance>;
  /**
   * The CODEOWNERS owners of a file at the merge's base, keyed by
   * `versionKey(base, path)`; absent when no rule names owners.
   */
  codeOwners: ReadonlyMap<string, readonly string[]>;
  /**
   * A policy file's `owners:` at the merge's base (or, for a policy the
   * pull request created, as merged), keyed by `versionKey(commit, path)`.
   */
  policyOwners: ReadonlyMap<string, readonly string[]>;
  /** Members of teams (`@org/team`), where known; others are unverifiable. */
  teams?: ReadonlyMap<string, readonly string[]>;
}

/** A timeline event with what GitHub said about its pull request. */
export interface GithubTimelineEvent extends TimelineEvent {
  approvals?: { user: string; at: string }[];
  checks?: { name: string; conclusion: string }[];
}

const FAILED = new Set(['failure', 'error']);

/**
 * The audit with GitHub's answers applied: merge events of answered pull
 * requests carry their approvals and checks, the offline self-merge guess
 * is dropped for them, and the GitHub findings are added.
 */
export function applyGithubProvenance(input: GithubAuditInput): AuditResult {
  const { history, provenance } = input;
  const answered = (commit: HistoryCommit) => {
    const pr = commit.merge?.pr;
    return pr !== undefined && provenance.has(pr);
  };
  // Recomputed without the answered merges: their offline guess goes, and
  // direct changes (never merges) are found exactly as before.
  const offline = provenanceFindings({
    ...history,
    commits: history.commits.filter((c) => !answered(c)),
  });
  const found: Finding[] = [...offline];
  for (const commit of history.commits) {
    const pr = commit.merge?.pr;
    const pull = pr === undefined ? undefined : provenance.get(pr);
    if (pull === undefined) continue;
    found.push(...pullFindings(input, commit, pull));
  }
  return {
    ...input.audit,
    timelines: input.audit.timelines.map((t) => withReviews(t, input)),
    findings: found.sort(compareFindings),
  };
}

function withReviews(
  timeline: FileTimeline,
  input: GithubAuditInput,
): FileTimeline {
  return {
    ...timeline,
    events: timeline.events.map((event): GithubTimelineEvent => {
      if (event.via.kind !== 'merge' || event.via.pr === undefined) {
        return event;
      }
      const pull = input.provenance.get(event.via.pr);
      if (pull === undefined) return event;
      return {
        ...event,
        approvals: pull.approvals,
        checks: pull.checks,
      };
    }),
  };
}

function pullFindings(
  input: GithubAuditInput,
  commit: HistoryCommit,
  pull: PullProvenance,
): Finding[] {
  const files = commit.changes.flatMap((c) =>
    kindOf(c.path) !== undefined
      ? [c.path]
      : c.from !== undefined && kindOf(c.from) !== undefined
        ? [c.from]
        : [],
  );
  if (files.length === 0) return [];
  const base = commit.parents[0] ?? '';
  const what = `pull request #${pull.number} (merge ${commit.sha.slice(0, 7)})`;
  const approvers = pull.approvals
    .map((a) => a.user)
    .filter((user) => !same(user, pull.author));
  const findings: Finding[] = [];
  const failing = pull.checks.filter((c) => FAILED.has(c.conclusion));

  for (const file of files) {
    if (approvers.length === 0) {
      findings.push({
        code: 'audit.self-approved',
        severity: 'warning',
        file,
        message: `${what} by ${pull.author} was approved by no one but its author`,
        hint: 'require an approving review from someone other than the author',
      });
    } else {
      const owners = input.codeOwners.get(versionKey(base, file));
      if (owners !== undefined && owners.length > 0) {
        findings.push(...ownerFindings(input, what, file, owners, approvers));
      }
    }
    if (failing.length > 0) {
      const names = failing.map((c) => `${c.name} (${c.conclusion})`);
      findings.push({
        code: 'audit.merged-failing-checks',
        severity: 'warning',
        file,
        message: `${what} was merged with failing checks at its head ${pull.headSha.slice(0, 7)}: ${names.join(', ')}`,
        hint: 'make the checks required in the branch protection rules',
      });
    }
    if (kindOf(file) === 'policy') {
      const owners =
        input.policyOwners.get(versionKey(base, file)) ??
        input.policyOwners.get(versionKey(commit.sha, file)) ??
        [];
      const verdicts = owners.map((o) => ownedBy(o, approvers, input.teams));
      if (!verdicts.includes(true)) {
        const unknown = owners.filter((_, i) => verdicts[i] === undefined);
        const list = owners.length === 0 ? 'none named' : owners.join(', ');
        findings.push({
          code: 'audit.policy-without-owner',
          severity: unknown.length > 0 ? 'note' : 'warning',
          file,
          message: `${what} changed the policy ${file} without an approval from its owners (${list}); approved by ${approvers.join(', ') || 'no one'}${unknown.length > 0 ? `; team ownership not verifiable for ${unknown.join(', ')}` : ''}`,
          hint: "a policy change needs an approval from one of the policy's owners as they were before the change",
        });
      }
    }
  }
  return findings;
}

function ownerFindings(
  input: GithubAuditInput,
  what: string,
  file: string,
  owners: readonly string[],
  approvers: readonly string[],
): Finding[] {
  const verdicts = owners.map((o) => ownedBy(o, approvers, input.teams));
  if (verdicts.includes(true)) return [];
  const unknown = owners.filter((_, i) => verdicts[i] === undefined);
  if (unknown.length > 0) {
    return [
      {
        code: 'audit.no-code-owner-approval',
        severity: 'note',
        file,
        message: `${what} was approved by ${approvers.join(', ')}, none of them a code owner that could be checked; team ownership not verifiable for ${unknown.join(', ')}`,
        hint: 'check that an approver belongs to the owning team, or require code owner review',
      },
    ];
  }
  return [
    {
      code: 'audit.no-code-owner-approval',
      severity: 'warning',
      file,
      message: `${what} was approved by ${approvers.join(', ')}, none of them a code owner of ${file} (${owners.join(', ')})`,
      hint: 'require review from code owners in the branch protection rules',
    },
  ];
}

/**
 * Whether one of `approvers` is `owner`: true or false for a user, a
 * team whose members are known; undefined when it cannot be told (a
 * team without members, an e-mail address).
 */
function ownedBy(
  owner: string,
  approvers: readonly string[],
  teams: ReadonlyMap<string, readonly string[]> | undefined,
): boolean | undefined {
  if (!owner.startsWith('@')) return undefined;
  if (owner.includes('/')) {
    const members = teams?.get(owner.toLowerCase());
    if (members === undefined) return undefined;
    return approvers.some((a) => members.some((m) => same(m, a)));
  }
  return approvers.some((a) => same(owner.slice(1), a));
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
