import { isAbsolute, posix, relative, resolve } from 'node:path';
import { RolesmithError } from '../errors.ts';
import { GitCommandError, literal, runGit } from './git-run.ts';

/** What prepareBranch saw, for commitFiles and push on that branch. */
export interface Prepared {
  remote: string;
  baseName: string;
  base: string;
  remoteHead: string | undefined;
}

/**
 * The repository the operations work on, and the ref, path and command
 * helpers they share.
 */
export class GitContext {
  readonly prepared = new Map<string, Prepared>();

  constructor(
    readonly dir: string,
    readonly root: string,
    /** The opened folder inside the work tree, `''` or ending in `/`. */
    readonly prefix: string,
  ) {}

  async headCommit(): Promise<string | undefined> {
    return this.resolve('HEAD');
  }

  /**
   * Points `ref` at `to` (deletes it for undefined) only if it still is
   * at `from` (absent for undefined), atomically: a concurrent change of
   * the branch fails here instead of being overwritten. Through --stdin,
   * whose transaction verbs answer "ok" (see runGit on silent commands).
   */
  async moveRef(
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

  async checkBranchName(name: string): Promise<void> {
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
  async refuseCheckedOut(branch: string): Promise<void> {
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
              'another branch checked out (git switch main); rolesmith ' +
              'commits proposals without a checkout, and your files stay ' +
              'as they are',
          },
        );
      }
    }
  }

  /**
   * The commit `ref` names, or undefined. Through cat-file --batch-check,
   * which answers even for a missing ref ("… missing"), where rev-parse
   * --quiet would print nothing (see runGit).
   */
  async resolve(ref: string): Promise<string | undefined> {
    return this.lookUp(`${ref}^{commit}`);
  }

  async mustResolve(ref: string): Promise<string> {
    const sha = await this.lookUp(ref);
    if (sha === undefined) {
      throw new RolesmithError(`cannot resolve the git ref "${ref}"`, {
        code: 'git',
      });
    }
    return sha;
  }

  async lookUp(name: string): Promise<string | undefined> {
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
  async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    return (await this.mergeBase(ancestor, commit)) === ancestor;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const out = (await this.tryGit(['merge-base', a, b]))?.trim();
    return out === '' ? undefined : out;
  }

  pathspecs(paths: string[]): string[] {
    const list = paths.length === 0 ? ['.'] : paths;
    return list.map((path) => literal(this.toRepoPath(path)));
  }

  /** A caller's path (relative to the opened folder) as git names it. */
  toRepoPath(path: string): string {
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

  fromRepoPath(path: string): string {
    return path.startsWith(this.prefix) ? path.slice(this.prefix.length) : path;
  }

  /** Runs git, resolving to undefined instead of failing on a non-zero exit. */
  async tryGit(args: string[]): Promise<string | undefined> {
    try {
      return await this.git(args);
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  }

  git(
    args: string[],
    env: Record<string, string> = {},
    input?: string,
  ): Promise<string> {
    return runGit(this.root, args, env, input);
  }
}
