import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { inputError } from '../errors.ts';
import { writeFilesAtomic } from './atomic-write.ts';

/** The file that lists every other file of a pack with its digest. */
export const MANIFEST = 'manifest.json';

export interface PackFile {
  /** `/`-separated, relative to the pack folder. */
  path: string;
  content: string | Uint8Array;
}

export interface PackManifest {
  format: 1;
  tool: { name: 'rolesmith'; version: string };
  /** What the pack is evidence of, e.g. the repository and commit. */
  subject: Record<string, string>;
  files: { path: string; sha256: string; bytes: number }[];
  /** SHA-256 of the `files` list as JSON: one value to quote or sign. */
  digest: string;
}

export interface PackProblem {
  path: string;
  problem: 'missing' | 'changed' | 'unlisted';
  expected?: string;
  actual?: string;
}

/**
 * Writes an evidence pack: the files and a manifest of their SHA-256
 * digests. All files land or none, and files left from an older pack in
 * the folder are removed first so the folder matches its manifest.
 */
export async function writeEvidencePack(
  dir: string,
  files: readonly PackFile[],
  meta: { version: string; subject: Record<string, string> },
): Promise<PackManifest> {
  for (const file of files) {
    if (
      file.path === MANIFEST ||
      file.path.startsWith('/') ||
      file.path.split('/').includes('..')
    ) {
      throw inputError(`"${file.path}" cannot be a file of an evidence pack`, {
        file: file.path,
        expected: 'a relative path inside the pack, not manifest.json',
      });
    }
  }
  const listed = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({
      path: f.path,
      sha256: sha256(f.content),
      bytes: Buffer.byteLength(f.content),
    }));
  const manifest: PackManifest = {
    format: 1,
    tool: { name: 'rolesmith', version: meta.version },
    subject: meta.subject,
    files: listed,
    digest: sha256(JSON.stringify(listed)),
  };
  await rm(dir, { recursive: true, force: true });
  await writeFilesAtomic([
    ...files.map((f) => ({ path: join(dir, f.path), content: f.content })),
    {
      path: join(dir, MANIFEST),
      content: `${JSON.stringify(manifest, null, 2)}\n`,
    },
  ]);
  return manifest;
}

/**
 * Checks a pack against its manifest: every listed file present with its
 * digest, nothing extra, and the manifest's own digest consistent. One
 * changed byte anywhere shows up as a problem.
 */
export async function verifyEvidencePack(dir: string): Promise<{
  manifest: PackManifest;
  problems: PackProblem[];
}> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(
    () => undefined,
  );
  if (text === undefined) {
    throw inputError(`${dir} has no ${MANIFEST}`, {
      file: join(dir, MANIFEST),
      expected: 'a folder written by rolesmith audit --export',
    });
  }
  const manifest = parseManifest(text, join(dir, MANIFEST));
  const problems: PackProblem[] = [];
  if (sha256(JSON.stringify(manifest.files)) !== manifest.digest) {
    problems.push({ path: MANIFEST, problem: 'changed' });
  }
  const present = new Set(await listFiles(dir));
  for (const file of manifest.files) {
    present.delete(file.path);
    const content = await readFile(join(dir, file.path)).catch(() => undefined);
    if (content === undefined) {
      problems.push({ path: file.path, problem: 'missing' });
      continue;
    }
    const actual = sha256(content);
    if (actual !== file.sha256) {
      problems.push({
        path: file.path,
        problem: 'changed',
        expected: file.sha256,
        actual,
      });
    }
  }
  present.delete(MANIFEST);
  for (const path of [...present].sort()) {
    problems.push({ path, problem: 'unlisted' });
  }
  return { manifest, problems };
}

function parseManifest(text: string, file: string): PackManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw inputError('the manifest is not valid JSON', {
      file,
      expected: 'the manifest.json rolesmith wrote',
      cause: error,
    });
  }
  const m = data as Partial<PackManifest>;
  const filesOk =
    Array.isArray(m.files) &&
    m.files.every(
      (f) =>
        typeof f.path === 'string' &&
        typeof f.sha256 === 'string' &&
        typeof f.bytes === 'number',
    );
  if (m.format !== 1 || !filesOk || typeof m.digest !== 'string') {
    throw inputError('the manifest does not have the expected shape', {
      file,
      expected: 'format 1 with files [{path, sha256, bytes}] and a digest',
    });
  }
  return m as PackManifest;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
