import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * What the pull handlers ask of a repository's bare git directory. Every
 * question goes to git itself, so branches exist exactly when something
 * pushed them, and shas and diff sizes are the real ones.
 */
async function git(gitDir: string, args: string[]) {
  const { stdout } = await exec('git', ['--git-dir', gitDir, ...args], {
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** The commit a branch points at, or undefined when it does not exist. */
export async function branchSha(
  gitDir: string | undefined,
  branch: string,
): Promise<string | undefined> {
  if (gitDir === undefined || branch === '') return undefined;
  try {
    const out = await git(gitDir, [
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/heads/${branch}^{commit}`,
    ]);
    return out.trim() || undefined;
  } catch {
    // rev-parse --verify exits 1 for a missing or malformed ref name.
    return undefined;
  }
}

/** Every branch and where it points, in one call for list answers. */
export async function branchShas(
  gitDir: string | undefined,
): Promise<Map<string, string>> {
  const branches = new Map<string, string>();
  if (gitDir === undefined) return branches;
  const out = await git(gitDir, [
    'for-each-ref',
    '--format=%(objectname) %(refname)',
    'refs/heads/',
  ]);
  for (const line of out.split('\n')) {
    const match = /^([0-9a-f]{40}) refs\/heads\/(.+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      branches.set(match[2], match[1]);
    }
  }
  return branches;
}

/** A ref under `refs/` (e.g. `heads/main`, `tags/v1`) and its object. */
export async function resolveRef(
  gitDir: string | undefined,
  ref: string,
): Promise<{ sha: string; type: string } | undefined> {
  if (gitDir === undefined) return undefined;
  try {
    const sha = (
      await git(gitDir, ['rev-parse', '--verify', '--quiet', `refs/${ref}`])
    ).trim();
    const type = (await git(gitDir, ['cat-file', '-t', sha])).trim();
    return { sha, type };
  } catch {
    return undefined;
  }
}

export interface Comparison {
  /** Commits on head that base lacks. */
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
}

/** What a pull request from `head` into `base` would bring, as GitHub counts it. */
export async function compare(
  gitDir: string | undefined,
  baseSha: string,
  headSha: string,
): Promise<Comparison> {
  const none = { commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
  if (gitDir === undefined) return none;
  try {
    const count = await git(gitDir, [
      'rev-list',
      '--count',
      `${baseSha}..${headSha}`,
    ]);
    // Three dots: the change since the merge base, which is what a pull
    // request shows, not the difference between the two tips.
    const numstat = await git(gitDir, [
      'diff',
      '--numstat',
      `${baseSha}...${headSha}`,
    ]);
    const result = { ...none, commits: Number(count.trim()) };
    for (const line of numstat.split('\n')) {
      const [added, deleted] = line.split('\t');
      if (added === undefined || deleted === undefined) continue;
      result.changedFiles++;
      // Binary files show `-` for both counts.
      result.additions += Number(added) || 0;
      result.deletions += Number(deleted) || 0;
    }
    return result;
  } catch {
    // Unrelated histories or a sha since pruned: nothing to compare.
    return none;
  }
}
