import { readFileSync } from 'node:fs';
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
  /** Reads many files at once where the tree can do better than one by one. */
  readMany?(paths: string[]): Promise<Uint8Array[]>;
}

/** The working tree on disk. Symbolic links are skipped, never followed. */
export function createFsTree(root: string): FileTree {
  // Folders checked once per tree: a catalogue has thousands of files in
  // a handful of folders.
  const folders = new Map<string, Promise<boolean>>();
  const throughLink = (path: string) => isThroughLink(root, path, folders);
  // Files that list() saw as regular files under link-free folders need no
  // second check when they are read.
  const listed = new Set<string>();
  return {
    label: 'working tree',
    async list(dir) {
      const base = join(root, dir);
      if (await throughLink(base)) return [];
      const found: string[] = [];
      await walk(base, found);
      const files = found
        .map((file) => relative(root, file).split(sep).join('/'))
        .sort();
      for (const file of files) listed.add(file);
      return files;
    },
    async readMany(paths) {
      const contents: Uint8Array[] = [];
      for (const path of paths) {
        if (!listed.has(path)) {
          contents.push(await this.read(path));
          continue;
        }
        // Synchronous reads of small files beat thousands of promise
        // round trips through the thread pool; this is a CLI, not a server.
        try {
          contents.push(readFileSync(join(root, path)));
        } catch (error) {
          throw new RolesmithError(`cannot read ${path}`, {
            code: 'io',
            file: path,
            cause: error,
          });
        }
      }
      return contents;
    },
    async read(path) {
      if (!listed.has(path) && (await throughLink(join(root, path)))) {
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
async function isThroughLink(
  root: string,
  path: string,
  folders: Map<string, Promise<boolean>>,
): Promise<boolean> {
  const parts = relative(root, path)
    .split(sep)
    .filter((part) => part !== '');
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    const isLast = index === parts.length - 1;
    let check = isLast ? undefined : folders.get(current);
    if (check === undefined) {
      check = isLink(current);
      if (!isLast) folders.set(current, check);
    }
    if (await check) return true;
  }
  return false;
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR')
  );
}
