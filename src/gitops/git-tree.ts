import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import type { FileTree } from '../catalogue/file-tree.ts';
import { RolesmithError } from '../errors.ts';
import { catFileBatch } from './cat-file-batch.ts';

/**
 * A FileTree over a git commit, read with plumbing commands so that the
 * working tree is never touched (no checkout, no stash).
 */
export async function createGitTree(
  repoDir: string,
  ref: string,
): Promise<FileTree> {
  const git = simpleGit({ baseDir: repoDir });
  const commit = await resolveCommit(git, ref);
  // Paths inside git are relative to the repository root; callers use
  // paths relative to repoDir, which may be a sub-folder.
  const prefix = (await git.revparse(['--show-prefix'])).trim();
  return {
    label: ref,
    async list(dir) {
      const out = await git.raw([
        'ls-tree',
        '-r',
        '-z',
        '--name-only',
        // Pathspecs are relative to the current folder otherwise, and
        // prefix already names the sub-folder.
        '--full-tree',
        commit,
        '--',
        `${prefix}${dir}/`,
      ]);
      return out
        .split('\0')
        .filter((path) => path !== '')
        .map((path) => path.slice(prefix.length))
        .sort();
    },
    async readMany(paths) {
      const blobs = await catFileBatch(
        repoDir,
        paths.map((path) => `${commit}:${prefix}${path}`),
      );
      return blobs.map((blob, i) => {
        if (blob !== undefined) return blob;
        throw new RolesmithError(`${paths[i] ?? ''} does not exist at ${ref}`, {
          code: 'git',
        });
      });
    },
    async read(path) {
      try {
        // simple-git types binaryCatFile as any; it resolves to a Buffer.
        const bytes: Buffer = (await git.binaryCatFile([
          'blob',
          `${commit}:${prefix}${path}`,
        ])) as Buffer;
        return bytes;
      } catch (error) {
        throw new RolesmithError(`${path} does not exist at ${ref}`, {
          code: 'git',
          file: path,
          cause: error,
        });
      }
    },
  };
}

async function resolveCommit(git: SimpleGit, ref: string): Promise<string> {
  if (ref.startsWith('-') || ref.trim() === '') return verifyCommit(git, ref);
  try {
    await git.revparse(['--git-dir']);
  } catch (error) {
    throw new RolesmithError('--base needs a git repository', {
      code: 'git',
      expected: 'run rolesmith inside a git clone of the catalogue',
      cause: error,
    });
  }
  return verifyCommit(git, ref);
}

/**
 * The commit `ref` names, or a clear error: a ref that could be read as
 * an option is refused before git sees it, and an unknown one says how
 * to get it (CI checkouts are often shallow).
 */
export async function verifyCommit(
  git: SimpleGit,
  ref: string,
): Promise<string> {
  if (ref.startsWith('-') || ref.trim() === '') {
    throw new RolesmithError(`"${ref}" is not a git ref`, {
      code: 'usage',
      expected: 'a branch, tag or commit such as main',
    });
  }
  // With --quiet, git prints nothing and simple-git resolves to '' when the
  // ref is unknown; both an exception and an empty answer mean "not found".
  const commit = await git
    .revparse(['--verify', '--quiet', `${ref}^{commit}`])
    .then((out) => out.trim())
    .catch(() => '');
  if (commit === '') {
    throw new RolesmithError(`cannot resolve the git ref "${ref}"`, {
      code: 'git',
      expected:
        'a branch, tag or commit that exists locally; in CI fetch full ' +
        'history (actions/checkout with fetch-depth: 0)',
    });
  }
  return commit;
}
