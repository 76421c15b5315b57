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
