import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** Files by their path relative to a folder, with their content. */
export type Files = Record<string, string | Uint8Array>;

/** Writes `files` below `root`, making the folders they need. */
export async function writeFiles(root: string, files: Files): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/**
 * A function that makes a temporary folder holding `files` and returns
 * its path. Call it where hooks may be registered (a test file's top
 * level or a describe): every folder it makes is removed after the test
 * that made it.
 */
export function useTempFiles(
  prefix = 'rolesmith-',
): (files: Files) => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    const made = dirs.splice(0);
    await Promise.all(
      made.map((dir) => rm(dir, { recursive: true, force: true })),
    );
  });
  return async (files) => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    await writeFiles(dir, files);
    return dir;
  };
}
