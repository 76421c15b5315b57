export type FileStatus =
  'added' | 'modified' | 'deleted' | 'untracked' | 'conflicted';

export interface ChangedFile {
  /** Relative to the folder the repository was opened at, `/`-separated. */
  path: string;
  status: FileStatus;
}

export interface PrepareBranchOptions {
  /** The proposal branch, e.g. `rolesmith/roles`. */
  branch: string;
  /** The branch the proposal is for, e.g. `main`. */
  base: string;
  /** A configured remote, e.g. `origin`. */
  remote: string;
  /** For http(s) remotes; see git-auth.ts for how it reaches git. */
  token?: string;
}

export interface FetchBaseOptions {
  base: string;
  remote: string;
  token?: string;
}

export interface PreparedBranch {
  branch: string;
  /** The base commit as just fetched (`remote/base`). */
  base: string;
  /** Where the local proposal branch points now. */
  head: string;
  /** The proposal branch on the remote as fetched; the push's lease. */
  remoteHead: string | undefined;
  /** Where the local branch pointed before, when it existed. */
  previousHead: string | undefined;
  /**
   * What happened to the local branch: `created` (it did not exist),
   * `kept` (it already holds the base), `fast-forwarded` (to the remote's
   * newer proposal) or `reset` (onto the base, which moved on). Whether
   * the push must force is `forcePush`.
   */
  action: 'created' | 'kept' | 'fast-forwarded' | 'reset';
  /**
   * True when the remote's proposal branch is not an ancestor of `head`
   * (the base moved on since it was pushed): push with `force:
   * 'with-lease'`. Judged against the remote, not the local branch,
   * which a fresh clone does not have.
   */
  forcePush: boolean;
}

export interface CommitFilesOptions {
  branch: string;
  /** Folders or files, relative to the opened folder, e.g. `['roles']`. */
  paths: string[];
  message: string;
  /** Git trailers, e.g. `{ 'Rolesmith-Run': 'r-42' }`, in this order. */
  trailers?: Readonly<Record<string, string>>;
  /**
   * The commit the proposal applies to; the base prepareBranch fetched
   * when not given, or else the branch's own head.
   */
  base?: string;
}

export interface CommitResult {
  /** The branch's head: the new commit, or the old one when unchanged. */
  commit: string;
  changed: boolean;
  /**
   * What the new commit changes: under `paths`, and elsewhere only when
   * an earlier commit on the branch proposed files no longer named.
   */
  files: ChangedFile[];
}

export interface PushOptions {
  remote: string;
  branch: string;
  token?: string;
  /**
   * Replace the remote branch only if it is still where prepareBranch
   * (or the last fetch) saw it: needed after a `reset`.
   */
  force?: 'with-lease';
}

export interface PushResult {
  commit: string;
  status: 'created' | 'fast-forward' | 'forced' | 'up-to-date';
}

/**
 * The git operations `rolesmith propose` needs.
 *
 * Proposals are built without touching the working tree, the index or
 * HEAD: commits are made with plumbing in a temporary index (read-tree,
 * update-index, write-tree, commit-tree, update-ref). Whatever mining
 * wrote stays in the working tree exactly as it was, whether a step
 * succeeds or fails, and there is no stash to forget to pop.
 *
 * A proposal is the fetched base with the local changes under the given
 * paths applied. Local changes are what the working tree (untracked
 * files included) has that differs from where the checkout forked from
 * the base, so that a checkout that is behind does not propose to undo
 * what the base gained since; a file changed on both sides is refused
 * rather than silently overwritten. Re-running rebuilds the same tree,
 * which is how a re-run with nothing new makes no commit.
 */
export interface GitRepo {
  /** The folder the repository was opened at (absolute). */
  readonly dir: string;
  /** The top of the work tree. */
  readonly root: string;
  /** The checked-out branch, or undefined on a detached HEAD. */
  currentBranch(): Promise<string | undefined>;
  /** HEAD's commit, or undefined before the first commit. */
  headCommit(): Promise<string | undefined>;
  /**
   * The repository's `.git` folder, absolute; for a linked worktree the
   * one shared by all worktrees, as branches are.
   */
  gitDir(): Promise<string>;
  /**
   * Fetches `base` from the remote alone and returns the remote-tracking
   * ref it updated, e.g. `refs/remotes/origin/main`.
   */
  fetchBase(options: FetchBaseOptions): Promise<string>;
  /** True when nothing under `paths` (default: the folder) has changed. */
  isClean(paths?: string[]): Promise<boolean>;
  /** `git status` under `paths`, untracked files included. */
  changedFiles(paths: string[]): Promise<ChangedFile[]>;
  /**
   * Fetches `base` (and the proposal branch, if the remote has it) and
   * creates or moves the local proposal branch so that it holds the
   * fetched base. Refuses a branch that is checked out.
   */
  prepareBranch(options: PrepareBranchOptions): Promise<PreparedBranch>;
  /**
   * Commits, on top of the branch, the base with the local changes under
   * `paths` applied (see above); no commit when that is what the branch
   * already holds.
   */
  commitFiles(options: CommitFilesOptions): Promise<CommitResult>;
  push(options: PushOptions): Promise<PushResult>;
}
