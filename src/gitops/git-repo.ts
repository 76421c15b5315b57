import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { GitError, simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { RolesmithError, inputError } from '../errors.ts';
import {
  ALLOWED_GIT_ENV,
  baseGitEnv,
  displayUrl,
  remoteAuth,
  scrubSecrets,
} from './git-auth.ts';
import { remoteFailure } from './git-remote-error.ts';

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

/**
 * A git command that exited non-zero; internal, never shown as is. It
 * extends simple-git's GitError because simple-git wraps any other error
 * into one, losing the fields.
 */
class GitCommandError extends GitError {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(undefined, `git ${args[0] ?? ''} exited ${exitCode}`);
    this.name = 'GitCommandError';
  }
}

const FALLBACK_NAME = 'rolesmith';
const FALLBACK_EMAIL = 'rolesmith@localhost';
// Long argument lists go in chunks well below Windows' 32k limit.
const ARGS_CHUNK_CHARS = 16_000;

function literal(path: string): string {
  // Paths are names, not patterns: `roles/*.yaml` means that one file.
  return `:(literal)${path}`;
}

function splitZ(out: string): string[] {
  return out.split('\0').filter((entry) => entry !== '');
}

function chunks(items: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && size + item.length + 1 > ARGS_CHUNK_CHARS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function statusOf(code: string): FileStatus {
  if (code === '??') return 'untracked';
  if (code.includes('U') || code === 'AA' || code === 'DD') return 'conflicted';
  if (code.includes('D')) return 'deleted';
  if (code.startsWith('A')) return 'added';
  return 'modified';
}

function nameStatus(letter: string): FileStatus {
  if (letter === 'A') return 'added';
  if (letter === 'D') return 'deleted';
  return 'modified';
}

function checkTrailers(trailers: Readonly<Record<string, string>>): string[] {
  return Object.entries(trailers).map(([key, value]) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(key)) {
      throw new RolesmithError(`"${key}" is not a git trailer key`, {
        code: 'internal',
        expected: 'letters, digits and dashes, e.g. Rolesmith-Run',
      });
    }
    if (/[\r\n]/.test(value) || value.trim() === '') {
      throw new RolesmithError(`the trailer ${key} needs a one-line value`, {
        code: 'internal',
      });
    }
    return `${key}: ${value.trim()}`;
  });
}

interface Prepared {
  remote: string;
  baseName: string;
  base: string;
  remoteHead: string | undefined;
}

class SimpleGitRepo implements GitRepo {
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    readonly dir: string,
    readonly root: string,
    /** The opened folder inside the work tree, `''` or ending in `/`. */
    private readonly prefix: string,
  ) {}

  async currentBranch(): Promise<string | undefined> {
    const ref = await this.tryGit(['symbolic-ref', '--quiet', 'HEAD']);
    const name = ref?.trim();
    return name?.startsWith('refs/heads/')
      ? name.slice('refs/heads/'.length)
      : undefined;
  }

  async headCommit(): Promise<string | undefined> {
    return this.resolve('HEAD');
  }

  async gitDir(): Promise<string> {
    const out = await this.git([
      'rev-parse',
      '--path-format=absolute',
      '--git-common-dir',
    ]);
    return out.trim();
  }

  async fetchBase(options: FetchBaseOptions): Promise<string> {
    await this.checkBranchName(options.base);
    const { baseRef } = await this.fetchRefs(
      options.remote,
      options.base,
      undefined,
      options.token,
    );
    return baseRef;
  }

  async isClean(paths: string[] = []): Promise<boolean> {
    return (await this.changedFiles(paths)).length === 0;
  }

  async changedFiles(paths: string[]): Promise<ChangedFile[]> {
    const out = await this.git([
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--no-renames',
      '--',
      ...this.pathspecs(paths),
    ]);
    return splitZ(out).map((entry) => ({
      path: this.fromRepoPath(entry.slice(3)),
      status: statusOf(entry.slice(0, 2)),
    }));
  }

  async prepareBranch(options: PrepareBranchOptions): Promise<PreparedBranch> {
    const { branch, base, remote } = options;
    await this.checkBranchName(branch);
    await this.checkBranchName(base);
    if (branch === base) {
      throw new RolesmithError(
        `the proposal branch and the base are both "${base}"`,
        {
          code: 'usage',
          expected: 'a proposal branch such as rolesmith/roles',
        },
      );
    }
    await this.refuseCheckedOut(branch);
    const { baseRef, trackingRef, onRemote } = await this.fetchRefs(
      remote,
      base,
      branch,
      options.token,
    );

    const baseSha = await this.mustResolve(baseRef);
    const remoteHead = onRemote ? await this.resolve(trackingRef) : undefined;
    const localRef = `refs/heads/${branch}`;
    const local = await this.resolve(localRef);
    const holdsBase = async (commit: string | undefined) =>
      commit !== undefined && (await this.isAncestor(baseSha, commit));

    // Prefer what the remote has, so that the push is a fast-forward;
    // a local branch ahead of it (an earlier push failed) is kept.
    let head = baseSha;
    if (remoteHead !== undefined && (await holdsBase(remoteHead))) {
      head =
        local !== undefined && (await this.isAncestor(remoteHead, local))
          ? local
          : remoteHead;
    } else if (await holdsBase(local)) {
      head = local ?? baseSha;
    }
    let action: PreparedBranch['action'] = 'created';
    if (local !== undefined) {
      if (head === local) action = 'kept';
      else if (await this.isAncestor(local, head)) action = 'fast-forwarded';
      else action = 'reset';
    }
    if (head !== local) {
      await this.moveRef(
        localRef,
        head,
        local,
        `rolesmith: prepare proposal on ${remote}/${base}`,
      );
    }
    this.prepared.set(branch, {
      remote,
      baseName: `${remote}/${base}`,
      base: baseSha,
      remoteHead,
    });
    const forcePush =
      remoteHead !== undefined &&
      remoteHead !== head &&
      !(await this.isAncestor(remoteHead, head));
    return {
      branch,
      base: baseSha,
      head,
      remoteHead,
      previousHead: local,
      action,
      forcePush,
    };
  }

  async commitFiles(options: CommitFilesOptions): Promise<CommitResult> {
    const { branch } = options;
    await this.checkBranchName(branch);
    await this.refuseCheckedOut(branch);
    const localRef = `refs/heads/${branch}`;
    const parent = await this.resolve(localRef);
    if (parent === undefined) {
      throw new RolesmithError(`the branch "${branch}" does not exist`, {
        code: 'internal',
        expected: 'prepareBranch before commitFiles',
      });
    }
    const message = options.message.trim();
    if (message === '') {
      throw new RolesmithError('a commit needs a message', {
        code: 'internal',
      });
    }
    const trailerLines = checkTrailers(options.trailers ?? {});
    const prepared = this.prepared.get(branch);
    const base =
      options.base !== undefined
        ? await this.mustResolve(`${options.base}^{commit}`)
        : (prepared?.base ?? parent);
    const baseName = options.base ?? prepared?.baseName ?? branch;
    const specs = this.pathspecs(options.paths);

    // The local changes are taken against where the checkout forked from
    // the base, so that files the base gained since stay as the base has
    // them, and commits made locally on top of it count as changes too.
    const head = await this.headCommit();
    const fork =
      head === undefined
        ? undefined
        : ((await this.mergeBase(head, base)) ?? head);
    const candidates = new Set(
      splitZ(
        await this.git([
          'ls-files',
          '-z',
          '--others',
          '--exclude-standard',
          ...(fork === undefined ? ['--cached'] : []),
          '--',
          ...specs,
        ]),
      ),
    );
    if (fork !== undefined) {
      const tracked = await this.git([
        'diff-index',
        '--name-only',
        '-z',
        '--no-renames',
        fork,
        '--',
        ...specs,
      ]);
      for (const path of splitZ(tracked)) candidates.add(path);
    }

    const work = await mkdtemp(join(tmpdir(), 'rolesmith-commit-'));
    try {
      const index = { GIT_INDEX_FILE: join(work, 'index') };
      await this.git(['read-tree', base], index);
      // --add and --remove: a file present in the working tree goes in
      // as it is there, one absent comes out (when the base had it).
      // --verbose only so that git says something (see runGit).
      if (candidates.size > 0) {
        await this.git(
          [
            'update-index',
            '--add',
            '--remove',
            '--replace',
            '--verbose',
            '-z',
            '--stdin',
          ],
          index,
          [...candidates].map((path) => `${path}\0`).join(''),
        );
      }
      const tree = (await this.git(['write-tree'], index)).trim();
      if (fork !== base) {
        await this.refuseOverwrites(fork, base, tree, candidates, specs, {
          baseName,
        });
      }
      if (tree === (await this.mustResolve(`${parent}^{tree}`))) {
        return { commit: parent, changed: false, files: [] };
      }
      const files = splitZ(
        await this.git([
          'diff-tree',
          '-r',
          '--name-status',
          '-z',
          '--no-renames',
          parent,
          tree,
        ]),
      );
      const changed: ChangedFile[] = [];
      for (let i = 0; i + 1 < files.length; i += 2) {
        changed.push({
          path: this.fromRepoPath(files[i + 1] ?? ''),
          status: nameStatus(files[i] ?? ''),
        });
      }

      const messageFile = join(work, 'message');
      await writeFile(messageFile, `${message}\n`);
      const fullMessage =
        trailerLines.length === 0
          ? `${message}\n`
          : await this.git([
              'interpret-trailers',
              ...trailerLines.flatMap((line) => ['--trailer', line]),
              messageFile,
            ]);
      await writeFile(messageFile, fullMessage);
      const commit = (
        await this.git(
          ['commit-tree', tree, '-p', parent, '-F', messageFile],
          await this.identityEnv(),
        )
      ).trim();
      await this.moveRef(
        localRef,
        commit,
        parent,
        'rolesmith: commit proposal',
      );
      return { commit, changed: true, files: changed };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  async push(options: PushOptions): Promise<PushResult> {
    const { remote, branch } = options;
    await this.checkBranchName(branch);
    const url = await this.remoteUrl(remote, true);
    const localRef = `refs/heads/${branch}`;
    const commit = await this.resolve(localRef);
    if (commit === undefined) {
      throw new RolesmithError(`the branch "${branch}" does not exist`, {
        code: 'internal',
        expected: 'prepareBranch and commitFiles before push',
      });
    }
    const args = ['push', '--porcelain'];
    if (options.force === 'with-lease') {
      const prepared = this.prepared.get(branch);
      const lease =
        prepared?.remote === remote
          ? prepared.remoteHead
          : await this.resolve(`refs/remotes/${remote}/${branch}`);
      // An empty expectation means "the remote must not have it".
      args.push(`--force-with-lease=${localRef}:${lease ?? ''}`);
    }
    args.push(remote, `${localRef}:${localRef}`);
    const auth = remoteAuth(url, options.token);
    const out = await this.remote('push', url, auth, branch, args);
    const line = out
      .split('\n')
      .find((entry) => entry.split('\t')[1] === `${localRef}:${localRef}`);
    const flag = line?.charAt(0);
    const status: PushResult['status'] =
      flag === '*'
        ? 'created'
        : flag === '+'
          ? 'forced'
          : flag === '='
            ? 'up-to-date'
            : 'fast-forward';
    const prepared = this.prepared.get(branch);
    if (prepared?.remote === remote) prepared.remoteHead = commit;
    return { commit, status };
  }

  // --- helpers ---

  /**
   * Fetches `base`, and `branch` when the remote has it, into their
   * remote-tracking refs. Asking first (ls-remote) tells a missing base
   * apart from a missing proposal branch, which is normal.
   */
  private async fetchRefs(
    remote: string,
    base: string,
    branch: string | undefined,
    token: string | undefined,
  ): Promise<{ baseRef: string; trackingRef: string; onRemote: boolean }> {
    const url = await this.remoteUrl(remote, false);
    const auth = remoteAuth(url, token);
    const wanted = [`refs/heads/${base}`];
    if (branch !== undefined) wanted.push(`refs/heads/${branch}`);
    const advertised = await this.remote('fetch', url, auth, branch ?? base, [
      'ls-remote',
      remote,
      ...wanted,
    ]);
    const heads = new Set<string>();
    for (const line of advertised.split('\n')) {
      const ref = line.split('\t')[1];
      if (ref !== undefined) heads.add(ref);
    }
    if (!heads.has(`refs/heads/${base}`)) {
      throw new RolesmithError(
        `the base branch "${base}" does not exist on ${remote} (${displayUrl(url)})`,
        { code: 'git', expected: 'an existing branch such as main' },
      );
    }
    const baseRef = `refs/remotes/${remote}/${base}`;
    const trackingRef = `refs/remotes/${remote}/${branch ?? base}`;
    const refspecs = [`+refs/heads/${base}:${baseRef}`];
    const onRemote = branch !== undefined && heads.has(`refs/heads/${branch}`);
    if (onRemote) refspecs.push(`+refs/heads/${branch}:${trackingRef}`);
    // Not --quiet: see runGit on commands that print nothing.
    await this.remote('fetch', url, auth, branch ?? base, [
      'fetch',
      '--no-tags',
      remote,
      ...refspecs,
    ]);
    if (
      branch !== undefined &&
      !onRemote &&
      (await this.resolve(trackingRef)) !== undefined
    ) {
      // A leftover from a proposal whose branch was deleted (merged):
      // forget it, so that the lease expects no branch.
      await this.moveRef(trackingRef, undefined, undefined, 'rolesmith');
    }
    return { baseRef, trackingRef, onRemote };
  }

  /**
   * Points `ref` at `to` (deletes it for undefined) only if it still is
   * at `from` (absent for undefined), atomically: a concurrent change of
   * the branch fails here instead of being overwritten. Through --stdin,
   * whose transaction verbs answer "ok" (see runGit on silent commands).
   */
  private async moveRef(
    ref: string,
    to: string | undefined,
    from: string | undefined,
    reason: string,
  ): Promise<void> {
    const command =
      to === undefined
        ? `delete ${ref}`
        : from === undefined
          ? `create ${ref} ${to}`
          : `update ${ref} ${to} ${from}`;
    await this.git(
      ['update-ref', '-m', reason, '--stdin'],
      {},
      `start\n${command}\ncommit\n`,
    );
  }

  /**
   * Refuses to let a proposal silently undo a change the base made after
   * the checkout forked: a file changed on both sides, and left
   * different from the base, needs the user to bring the checkout up to
   * date first.
   */
  private async refuseOverwrites(
    fork: string | undefined,
    base: string,
    tree: string,
    candidates: Set<string>,
    specs: string[],
    names: { baseName: string },
  ): Promise<void> {
    const upstream = splitZ(
      fork === undefined
        ? await this.git([
            'ls-tree',
            '-r',
            '--name-only',
            '-z',
            base,
            '--',
            ...specs,
          ])
        : await this.git([
            'diff-tree',
            '-r',
            '--name-only',
            '-z',
            '--no-renames',
            fork,
            base,
            '--',
            ...specs,
          ]),
    ).filter((path) => candidates.has(path));
    const clashes: string[] = [];
    for (const part of chunks(upstream)) {
      const out = await this.git([
        'diff-tree',
        '-r',
        '--name-only',
        '-z',
        '--no-renames',
        base,
        tree,
        '--',
        ...part.map(literal),
      ]);
      clashes.push(...splitZ(out));
    }
    if (clashes.length === 0) return;
    const shown = clashes.slice(0, 5).map((path) => this.fromRepoPath(path));
    const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : '';
    throw new RolesmithError(
      `${shown.join(', ')}${more} changed on ${names.baseName} since this checkout, and differently here; nothing was committed`,
      {
        code: 'git',
        expected: `a checkout up to date with ${names.baseName} (commit or stash, pull, then run again)`,
      },
    );
  }

  /** Identity from git config; rolesmith's own only where none is set. */
  private async identityEnv(): Promise<Record<string, string>> {
    // One read of the whole configuration (every scope, includes, later
    // values winning) instead of a `config --get` per key.
    const config = new Map<string, string>();
    for (const entry of splitZ(await this.git(['config', '--list', '-z']))) {
      const newline = entry.indexOf('\n');
      if (newline > 0) {
        config.set(
          entry.slice(0, newline).toLowerCase(),
          entry.slice(newline + 1),
        );
      }
    }
    const env: Record<string, string> = {};
    for (const role of ['author', 'committer'] as const) {
      for (const field of ['name', 'email'] as const) {
        const variable = `GIT_${role.toUpperCase()}_${field.toUpperCase()}`;
        if ((process.env[variable] ?? '') !== '') continue;
        const configured =
          config.get(`${role}.${field}`) ?? config.get(`user.${field}`) ?? '';
        if (configured.trim() === '') {
          env[variable] = field === 'name' ? FALLBACK_NAME : FALLBACK_EMAIL;
        }
      }
    }
    return env;
  }

  private async checkBranchName(name: string): Promise<void> {
    if (
      name.startsWith('-') ||
      (await this.tryGit(['check-ref-format', '--branch', name])) === undefined
    ) {
      throw new RolesmithError(`"${name}" is not a valid branch name`, {
        code: 'usage',
        expected: 'a branch name such as rolesmith/roles',
      });
    }
  }

  /**
   * Moving a checked-out branch under its working tree would make every
   * file look changed; git refuses it too (`git branch -f`).
   */
  private async refuseCheckedOut(branch: string): Promise<void> {
    const out = await this.git(['worktree', 'list', '--porcelain']);
    let path = '';
    for (const line of out.split('\n')) {
      if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
      if (line === `branch refs/heads/${branch}`) {
        const where = resolve(path) === this.root ? '' : ` in ${path}`;
        throw new RolesmithError(
          `the proposal branch "${branch}" is checked out${where}`,
          {
            code: 'git',
            expected:
              'another branch checked out (git switch main); rolesmith commits proposals without a checkout, and your files stay as they are',
          },
        );
      }
    }
  }

  private async remoteUrl(remote: string, push: boolean): Promise<string> {
    const out = remote.startsWith('-')
      ? undefined
      : await this.tryGit([
          'remote',
          'get-url',
          ...(push ? ['--push'] : []),
          remote,
        ]);
    if (out === undefined || out.trim() === '') {
      throw new RolesmithError(`there is no git remote named "${remote}"`, {
        code: 'config',
        expected: 'a configured remote such as origin (git remote -v)',
      });
    }
    return out.trim();
  }

  /** Runs a fetch, ls-remote or push; failures become GitRemoteErrors. */
  private async remote(
    operation: 'fetch' | 'push',
    url: string,
    auth: ReturnType<typeof remoteAuth>,
    branch: string,
    args: string[],
  ): Promise<string> {
    try {
      return await this.git(args, auth.env);
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      const output = scrubSecrets(
        `${error.stdout}\n${error.stderr}`,
        auth.secrets,
      );
      throw remoteFailure({
        operation,
        url: displayUrl(url),
        branch,
        output,
        tokenGiven: auth.secrets.length > 0,
      });
    }
  }

  /**
   * The commit `ref` names, or undefined. Through cat-file --batch-check,
   * which answers even for a missing ref ("… missing"), where rev-parse
   * --quiet would print nothing (see runGit).
   */
  private async resolve(ref: string): Promise<string | undefined> {
    return this.lookUp(`${ref}^{commit}`);
  }

  private async mustResolve(ref: string): Promise<string> {
    const sha = await this.lookUp(ref);
    if (sha === undefined) {
      throw new RolesmithError(`cannot resolve the git ref "${ref}"`, {
        code: 'git',
      });
    }
    return sha;
  }

  private async lookUp(name: string): Promise<string | undefined> {
    if (/[\s]/.test(name) || name.startsWith('-')) return undefined;
    const out = await this.git(
      ['cat-file', '--batch-check=%(objectname)'],
      {},
      `${name}\n`,
    );
    const answer = out.trim();
    return /^[0-9a-f]{40,64}$/.test(answer) ? answer : undefined;
  }

  /**
   * merge-base --is-ancestor says yes or no by exit code alone; the merge
   * base itself is printed, and `a` is an ancestor of `b` exactly when it
   * is their merge base.
   */
  private async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    return (await this.mergeBase(ancestor, commit)) === ancestor;
  }

  private async mergeBase(a: string, b: string): Promise<string | undefined> {
    const out = (await this.tryGit(['merge-base', a, b]))?.trim();
    return out === '' ? undefined : out;
  }

  private pathspecs(paths: string[]): string[] {
    const list = paths.length === 0 ? ['.'] : paths;
    return list.map((path) => literal(this.toRepoPath(path)));
  }

  /** A caller's path (relative to the opened folder) as git names it. */
  private toRepoPath(path: string): string {
    const own = isAbsolute(path) ? relative(this.dir, path) : path;
    const inRepo = posix.normalize(
      `${this.prefix}${own.split('\\').join('/')}`,
    );
    if (inRepo === '..' || inRepo.startsWith('../') || isAbsolute(own)) {
      throw new RolesmithError(`${path} is outside the git work tree`, {
        code: 'usage',
        expected: `a path inside ${this.root}`,
      });
    }
    return inRepo.replace(/\/$/, '');
  }

  private fromRepoPath(path: string): string {
    return path.startsWith(this.prefix) ? path.slice(this.prefix.length) : path;
  }

  /** Runs git, resolving to undefined instead of failing on a non-zero exit. */
  private async tryGit(args: string[]): Promise<string | undefined> {
    try {
      return await this.git(args);
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  }

  private git(
    args: string[],
    env: Record<string, string> = {},
    input?: string,
  ): Promise<string> {
    return runGit(this.root, args, env, input);
  }
}

function makeGit(
  dir: string,
  env: Record<string, string>,
  input: string | undefined,
): SimpleGit {
  return simpleGit({
    baseDir: dir,
    allowEnvironment: ALLOWED_GIT_ENV,
    // Set only through the environment, to reset the user's helpers
    // while a token is in use (see git-auth.ts).
    allowConfig: ['credential.helper'],
    // Every non-zero exit is a failure here, stderr or not (merge-base
    // --is-ancestor answers "no" with exit 1 and no output).
    errors(error, result) {
      if (result.exitCode === 0) return error;
      return new GitCommandError(
        [],
        result.exitCode,
        Buffer.concat(result.stdOut).toString('utf8'),
        Buffer.concat(result.stdErr).toString('utf8'),
      );
    },
    ...(input !== undefined && { input: () => input }),
  }).env({ ...baseGitEnv(), ...env });
}

/**
 * One git command through simple-git. Note: simple-git waits an extra
 * 50 ms after a command that printed nothing, so the commands run per
 * proposal are chosen (or flagged, --verbose, --stdin transactions) to
 * say something.
 */
async function runGit(
  dir: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<string> {
  try {
    return await makeGit(dir, env, input).raw(args);
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new GitCommandError(
        args,
        error.exitCode,
        error.stdout,
        error.stderr,
      );
    }
    throw new RolesmithError(`cannot run git ${args[0] ?? ''}`, {
      code: 'git',
      expected: 'git 2.31 or later on the PATH',
      cause: error,
    });
  }
}

/**
 * Opens the git work tree `dir` is in. A folder that is not inside one
 * is bad input (exit 2), as is one that does not exist.
 */
export async function openRepo(dir: string): Promise<GitRepo> {
  const full = resolve(dir);
  const info = await stat(full).catch(() => undefined);
  if (info?.isDirectory() !== true) {
    throw inputError(`${dir} is not a folder`, {
      file: dir,
      expected: 'the folder of a git clone of the catalogue',
    });
  }
  let out: string;
  try {
    out = await runGit(
      full,
      [
        'rev-parse',
        '--is-inside-work-tree',
        '--show-toplevel',
        '--show-prefix',
      ],
      {},
    );
  } catch (error) {
    throw inputError(`${dir} is not inside a git work tree`, {
      file: dir,
      expected: 'a clone of the catalogue repository (git clone <url>)',
      cause: error,
    });
  }
  const [inside, top, prefix] = out.split('\n');
  if (inside !== 'true' || top === undefined || top === '') {
    throw inputError(`${dir} is not inside a git work tree`, {
      file: dir,
      expected: 'a clone of the catalogue repository (git clone <url>)',
    });
  }
  return new SimpleGitRepo(full, resolve(top), prefix ?? '');
}
