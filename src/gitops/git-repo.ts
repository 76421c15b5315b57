import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError } from '../errors.ts';
import { fetchBase, prepareBranch } from './git-branch.ts';
import { commitFiles } from './git-commit.ts';
import { GitContext } from './git-context.ts';
import { push } from './git-push.ts';
import type {
  ChangedFile,
  CommitFilesOptions,
  CommitResult,
  FetchBaseOptions,
  GitRepo,
  PrepareBranchOptions,
  PreparedBranch,
  PushOptions,
  PushResult,
} from './git-repo-types.ts';
import { runGit } from './git-run.ts';
import { changedFiles } from './git-status.ts';

export type {
  ChangedFile,
  CommitFilesOptions,
  CommitResult,
  FetchBaseOptions,
  FileStatus,
  GitRepo,
  PrepareBranchOptions,
  PreparedBranch,
  PushOptions,
  PushResult,
} from './git-repo-types.ts';

/**
 * GitRepo over simple-git. The operations live in git-branch.ts,
 * git-status.ts, git-commit.ts and git-push.ts; what they share (the
 * folders, what prepareBranch saw, ref and path helpers) is the
 * GitContext.
 */
class SimpleGitRepo implements GitRepo {
  private readonly ctx: GitContext;

  constructor(
    readonly dir: string,
    readonly root: string,
    /** The opened folder inside the work tree, `''` or ending in `/`. */
    prefix: string,
  ) {
    this.ctx = new GitContext(dir, root, prefix);
  }

  async currentBranch(): Promise<string | undefined> {
    const ref = await this.ctx.tryGit(['symbolic-ref', '--quiet', 'HEAD']);
    const name = ref?.trim();
    return name?.startsWith('refs/heads/')
      ? name.slice('refs/heads/'.length)
      : undefined;
  }

  async headCommit(): Promise<string | undefined> {
    return this.ctx.headCommit();
  }

  async gitDir(): Promise<string> {
    const out = await this.ctx.git([
      'rev-parse',
      '--path-format=absolute',
      '--git-common-dir',
    ]);
    return out.trim();
  }

  async fetchBase(options: FetchBaseOptions): Promise<string> {
    return fetchBase(this.ctx, options);
  }

  async isClean(paths: string[] = []): Promise<boolean> {
    return (await this.changedFiles(paths)).length === 0;
  }

  async changedFiles(paths: string[]): Promise<ChangedFile[]> {
    return changedFiles(this.ctx, paths);
  }

  async prepareBranch(options: PrepareBranchOptions): Promise<PreparedBranch> {
    return prepareBranch(this.ctx, options);
  }

  async commitFiles(options: CommitFilesOptions): Promise<CommitResult> {
    return commitFiles(this.ctx, options);
  }

  async push(options: PushOptions): Promise<PushResult> {
    return push(this.ctx, options);
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
