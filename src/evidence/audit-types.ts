import type { DirectException, Role } from '../model/index.ts';

/** Someone git recorded: an author or a committer. */
export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601 with offset, as git prints it (`%aI`, `%cI`). */
  date: string;
}

export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

/** One file a commit changed, relative to the catalogue folder. */
export interface FileChange {
  status: FileChangeStatus;
  path: string;
  /** For a rename, the path before. */
  from?: string;
}

/** A git trailer (`Key: value`), in the order the message has them. */
export interface Trailer {
  key: string;
  value: string;
}

/** A commit of the merged branch (the second parent's side). */
export interface BranchCommit {
  sha: string;
  author: GitPerson;
  subject: string;
  trailers: Trailer[];
}

/** What a merge commit says about what it merged. */
export interface MergeInfo {
  /** From `Merge pull request #N from owner/branch`. */
  pr?: number;
  branch?: string;
  /** The commits the merge brought in, oldest first. */
  commits: BranchCommit[];
}

/**
 * A commit with one parent whose subject ends in ` (#N)`: how GitHub
 * writes squash (and rebase) merges. Offline only the message says so.
 */
export interface SquashInfo {
  pr: number;
}

/** One commit of the main branch's first-parent history. */
export interface HistoryCommit {
  sha: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  subject: string;
  body: string;
  trailers: Trailer[];
  /** Present for merge commits (more than one parent). */
  merge?: MergeInfo;
  /** Present for a single-parent commit whose subject names a pull request. */
  squash?: SquashInfo;
  /** Changes under roles/, policies/ and exceptions/ against the first parent. */
  changes: FileChange[];
}

/** The first-parent history of a branch, oldest commit first. */
export interface GitHistory {
  branch: string;
  commits: HistoryCommit[];
}

export type AuditFileKind = 'role' | 'policy' | 'exception';

/** What a role's evidence block said at the time of an event. */
export interface EvidenceSummary {
  dataDate?: string;
  algorithm?: string;
  sources: string[];
}

export type AuditVia =
  | {
      kind: 'merge';
      pr?: number;
      branch?: string;
      /** The authors of the merged commits, `Name <email>`. */
      author: string[];
      mergedBy: string;
      /** Absent for a merge commit; `squash` for a squashed pull request. */
      style?: 'squash';
      /**
       * For a squash: who says it came through the pull request, the
       * commit message alone (offline) or GitHub, which confirmed it.
       */
      claimedBy?: 'commit message' | 'github';
    }
  | { kind: 'direct'; author: string };

/** An approval of the merged head, the reviewer's latest decision. */
export interface Approval {
  /** GitHub login. */
  user: string;
  at: string;
}

/** One check of a pull request's head, as GitHub reported it. */
export interface PullCheck {
  name: string;
  /** A commit status, or a check run of the Checks API. */
  source: 'status' | 'check-run';
  /**
   * A status's state; a check run's conclusion, or its status (`queued`,
   * `in_progress`…) while it has not completed.
   */
  conclusion: string;
  /** When a check run completed. */
  completedAt?: string;
}

/** What GitHub says about the pull request an event came through. */
export interface EventPull {
  number: number;
  /** Login of who opened it. */
  author: string;
  mergedBy?: string;
  mergedAt?: string;
  headSha: string;
}

export interface TimelineEvent {
  /** When the change reached the branch: the committer date. */
  date: string;
  commit: string;
  change: 'created' | 'changed' | 'removed' | 'renamed';
  from?: string;
  via: AuditVia;
  trailers: Trailer[];
  evidence?: EvidenceSummary;
  /** With `--repo`, for a change GitHub knows the pull request of. */
  pull?: EventPull;
  approvals?: Approval[];
  checks?: PullCheck[];
}

export interface FileTimeline {
  /** The file's latest path. */
  file: string;
  id: string;
  kind: AuditFileKind;
  /** Oldest first. */
  events: TimelineEvent[];
}

/**
 * A catalogue file as it was at a commit, parsed by the caller (the core
 * reads no files): a role, or the exceptions an exceptions file grants.
 */
export interface FileVersion {
  commit: string;
  file: string;
  role?: Role;
  exceptions?: DirectException[];
}

/** Key of a FileVersion in the map the audit receives. */
export function versionKey(commit: string, file: string): string {
  return `${commit}:${file}`;
}
