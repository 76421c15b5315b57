import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RolesmithError } from '../errors.ts';

/**
 * Writes a file so that readers see the old content or the new one, never
 * half of it: write a sibling temporary file, then rename over the target.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.rolesmith-tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new RolesmithError(`cannot write ${path}`, {
      code: 'io',
      file: path,
      cause: error,
    });
  }
}

/**
 * Writes several files so that a failure leaves none of them changed:
 * every temporary file is written first, and only then are they renamed
 * into place (renames within one file system do not fail for lack of
 * space). A crash between renames can still leave some files new.
 */
export async function writeFilesAtomic(
  files: readonly { path: string; content: string | Uint8Array }[],
): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      const dir = dirname(file.path);
      const temp = join(
        dir,
        `.${randomBytes(6).toString('hex')}.rolesmith-tmp`,
      );
      await mkdir(dir, { recursive: true });
      temps.push({ temp, path: file.path });
      await writeFile(temp, file.content);
    }
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
    const failed = temps.at(-1)?.path ?? files[0]?.path ?? '';
    throw new RolesmithError(`cannot write ${failed}`, {
      code: 'io',
      file: failed,
      cause: error,
    });
  }
  for (const { temp, path } of temps) await rename(temp, path);
}
