import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../errors.ts';
import { resolveSource } from './sources.ts';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'rolesmith-sources-'));
  await mkdir(join(cwd, 'exports'));
  await writeFile(join(cwd, 'exports/access.txt'), 'u1 sap:FB60\n');
  // A file whose name looks like a prefix it is not.
  await writeFile(join(cwd, 'acme:2026.txt'), 'u1 sap:FB60\n');
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function failure(spec: string): Promise<RolesmithError> {
  const error: unknown = await resolveSource(spec, cwd).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RolesmithError)) {
    throw new Error(`expected a RolesmithError, got ${String(error)}`);
  }
  return error;
}

describe('resolveSource', () => {
  it.each([
    [
      'a prefixed relative path',
      'pairs:exports/access.txt',
      'exports/access.txt',
    ],
    ['a prefixed ./ path', 'pairs:./exports/access.txt', 'exports/access.txt'],
    ['an unprefixed path', 'exports/access.txt', 'exports/access.txt'],
    ['an unknown prefix as part of the path', 'acme:2026.txt', 'acme:2026.txt'],
  ])('resolves %s against the working folder', async (_name, spec, path) => {
    const source = await resolveSource(spec, cwd);

    expect(source.format.name).toBe('pairs');
    expect(source.path).toBe(join(cwd, path));
  });

  it('keeps an absolute path after a prefix', async () => {
    const path = join(cwd, 'exports/access.txt');

    const source = await resolveSource(`pairs:${path}`, cwd);

    expect(source.path).toBe(path);
  });

  it('takes a prefixed format as given, without looking at the path', async () => {
    const source = await resolveSource('pairs:not-yet-there.txt', cwd);

    expect(source.format.name).toBe('pairs');
    expect(source.path).toBe(join(cwd, 'not-yet-there.txt'));
  });

  it.each([
    ['a missing path', 'exports/missing.txt'],
    ['a path with an unknown prefix', 'nosuch:exports/access.txt'],
    ['a path whose prefix starts it', ':exports/access.txt'],
  ])('rejects %s, naming it', async (_name, spec) => {
    const error = await failure(spec);

    expect(error.message).toBe('the inventory source does not exist');
    expect(error.location).toEqual({ file: spec });
    expect(error.expected).toMatch(/^a file or folder, optionally prefixed/);
    expect(error.exitCode).toBe(2);
  });
});
