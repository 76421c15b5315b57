import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RolesmithError } from '../errors.ts';

/**
 * A read-only view of a repository's files: the working tree, or a git
 * tree at some ref (see gitops/git-tree.ts). Paths are repository-relative
 * with forward slashes.
 */
export interface FileTree {
  /** Human-readable name for messages, e.g. `working tree` or `origin/main`. */
  readonly label: string;
  /** All files under `dir` (recursive), sorted. Missing dir gives []. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
}

/** The working tree on disk. Symbolic links are skipped, never followed. */
export function createFsTree(root: string): FileTree {
  return {
    label: 'working tree',
    async list(dir) {
      const base = join(root, dir);
      if (await throughLink(root, base)) return [];
      const found: string[] = [];
      await walk(base, found);
      return found
        .map((file) => relative(root, file).split(sep).join('/'))
        .sort();
    },
    async read(path) {
      if (await throughLink(root, join(root, path))) {
        throw new RolesmithError(`cannot read ${path}: it is a symbolic link`, {
          code: 'io',
          file: path,
        });
      }
      try {
        return await readFile(join(root, path));
      } catch (error) {
        throw new RolesmithError(`cannot read ${path}`, {
          code: 'io',
          file: path,
          cause: error,
        });
      }
    },
  };
}

async function walk(dir: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile()) found.push(path);
    else if (entry.isSymbolicLink() && (await lstat(path)).isSymbolicLink()) {
      // A link could point outside the repository; a catalogue has none.
      continue;
    }
  }
}

/**
 * True when `path` or a folder between `root` and it is a symbolic link.
 * readdir and readFile follow links, so each step is checked first.
 */
async function throughLink(root: string, path: string): Promise<boolean> {
  let current = root;
  for (const part of relative(root, path).split(sep)) {
    if (part === '') continue;
    current = join(current, part);
    try {
      if ((await lstat(current)).isSymbolicLink()) return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
  return false;
}

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR')
  );
}
