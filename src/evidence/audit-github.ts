import type { Finding } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { AuditResult } from './audit.ts';
import { auditedFiles, kindOf, provenanceFindings } from './audit.ts';
import { failingChecks } from './audit-checks.ts';
import type { TeamKnowledge } from './audit-owners.ts';
import { ownerFindings, sameLogin } from './audit-owners.ts';
import type {
  Approval,
  FileTimeline,
  GitHistory,
  HistoryCommit,
  PullCheck,
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
  /** The commit the merge made on the base branch, once merged. */
  mergeCommitSha?: string;
  /** Approvals of the head commit, each reviewer's latest decision. */
  approvals: Approval[];
  /** Reviewers whose latest decision asks for changes. */
  changesRequested: string[];
  /** Every commit status (the latest per context) and check run at the head. */
  checks: PullCheck[];
}

export interface GithubAuditInput extends TeamKnowledge {
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
  /**
   * Squash commits GitHub was asked about, by sha: the merged pull
   * request whose merge commit it is, or undefined when there is none.
   * A squash commit not in the map keeps its offline reading.
   */
  squashes?: ReadonlyMap<string, number | undefined>;
}

/**
 * The audit with GitHub's answers applied: events of answered pull
 * requests carry the pull request's author, approvals and checks, the
 * offline self-merge guess is dropped for them, squash commits GitHub
 * does not confirm become direct changes, and the GitHub findings are
 * added.
 */
export function applyGithubProvenance(input: GithubAuditInput): AuditResult {
  const { history } = input;
  const unconfirmed = new Set(
    [...(input.squashes ?? [])].flatMap(([sha, pr]) =>
      pr === undefined ? [sha] : [],
    ),
  );
  // Recomputed without the answered merges: their offline guess goes, and
  // direct changes (never merges) are found exactly as before.
  const offline = provenanceFindings(
    {
      ...history,
      commits: history.commits.filter((c) => pullOf(input, c) === undefined),
    },
    unconfirmed,
  );
  const found: Finding[] = [...offline];
  for (const commit of history.commits) {
    const pull = pullOf(input, commit);
    if (pull !== undefined) found.push(...pullFindings(input, commit, pull));
  }
  const bySha = new Map(history.commits.map((c) => [c.sha, c]));
  return {
    ...input.audit,
    timelines: input.audit.timelines.map((t) =>
      withPulls(t, input, bySha, unconfirmed),
    ),
    findings: found.sort(compareFindings),
  };
}

/** GitHub's answer for the pull request a commit came through, if any. */
function pullOf(
  input: GithubAuditInput,
  commit: HistoryCommit,
): PullProvenance | undefined {
  const number =
    commit.merge !== undefined
      ? commit.merge.pr
      : commit.squash === undefined
        ? undefined
        : input.squashes?.get(commit.sha);
  return number === undefined ? undefined : input.provenance.get(number);
}

function withPulls(
  timeline: FileTimeline,
  input: GithubAuditInput,
  bySha: ReadonlyMap<string, HistoryCommit>,
  unconfirmed: ReadonlySet<string>,
): FileTimeline {
  return {
    ...timeline,
    events: timeline.events.map((event): TimelineEvent => {
      const { via } = event;
      if (via.kind !== 'merge') return event;
      if (unconfirmed.has(event.commit)) {
        // The message claimed a pull request GitHub does not know.
        return {
          ...event,
          via: { kind: 'direct', author: via.author[0] ?? '' },
        };
      }
      const commit = bySha.get(event.commit);
      const pull = commit === undefined ? undefined : pullOf(input, commit);
      if (pull === undefined) return event;
      return {
        ...event,
        via:
          via.style === 'squash'
            ? { ...via, pr: pull.number, claimedBy: 'github' }
            : via,
        pull: {
          number: pull.number,
          author: pull.author,
          ...(pull.mergedBy !== undefined && { mergedBy: pull.mergedBy }),
          ...(pull.mergedAt !== undefined && { mergedAt: pull.mergedAt }),
          headSha: pull.headSha,
        },
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
  const files = auditedFiles(commit);
  if (files.length === 0) return [];
  const base = commit.parents[0] ?? '';
  const style = commit.merge === undefined ? 'squash' : 'merge';
  const what = `pull request #${pull.number} (${style} ${commit.sha.slice(0, 7)})`;
  const approvers = pull.approvals
    .map((a) => a.user)
    .filter((user) => !sameLogin(user, pull.author));
  const findings: Finding[] = [];
  const failing = failingChecks(pull.checks, pull.mergedAt);

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
        findings.push(
          ...ownerFindings(input, { what, file, owners, approvers }, 'code'),
        );
      }
    }
    if (failing.length > 0) {
      findings.push({
        code: 'audit.merged-failing-checks',
        severity: 'warning',
        file,
        message:
          `${what} was merged with failing checks at its head ` +
          `${pull.headSha.slice(0, 7)}: ${failing.join(', ')}`,
        hint: 'make the checks required in the branch protection rules',
      });
    }
    if (kindOf(file) === 'policy') {
      const owners =
        input.policyOwners.get(versionKey(base, file)) ??
        input.policyOwners.get(versionKey(commit.sha, file)) ??
        [];
      findings.push(
        ...ownerFindings(input, { what, file, owners, approvers }, 'policy'),
      );
    }
  }
  return findings;
}
