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
    }
  | { kind: 'direct'; author: string };

export interface TimelineEvent {
  /** When the change reached the branch: the committer date. */
  date: string;
  commit: string;
  change: 'created' | 'changed' | 'removed' | 'renamed';
  from?: string;
  via: AuditVia;
  trailers: Trailer[];
  evidence?: EvidenceSummary;
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
