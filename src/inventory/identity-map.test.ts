import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../errors.ts';
import { readIdentityMap } from './identity-map.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolesmith-idmap-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mapFile(text: string): Promise<string> {
  const path = join(dir, 'ids.csv');
  await writeFile(path, text);
  return path;
}

async function failure(path: string): Promise<RolesmithError> {
  const error: unknown = await readIdentityMap(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RolesmithError)) {
    throw new Error(`expected a RolesmithError, got ${String(error)}`);
  }
  return error;
}

describe('readIdentityMap', () => {
  it.each([
    {
      name: 'reads id,canonical rows',
      text: 'id,canonical\nE1001,alice\nasmith,alice\n',
      expected: [
        { id: 'E1001', canonical: 'alice' },
        { id: 'asmith', canonical: 'alice' },
      ],
    },
    {
      name: 'reads a source column in any position and case',
      text: 'Canonical, ID ,Source\nalice,u1,github:acme\nbob,u2,\n',
      expected: [
        { id: 'u1', canonical: 'alice', source: 'github:acme' },
        { id: 'u2', canonical: 'bob' },
      ],
    },
    {
      name: 'skips blank lines and comments and trims fields',
      text: 'id,canonical\n\n# people\n  # indented\n u1 , alice \n\n',
      expected: [{ id: 'u1', canonical: 'alice' }],
    },
    {
      name: 'reads a byte order mark and CRLF line ends',
      text: '\uFEFFsource,id,canonical\r\nhr,u1,alice\r\n',
      expected: [{ id: 'u1', canonical: 'alice', source: 'hr' }],
    },
    {
      name: 'accepts a repeated row that agrees with the first',
      text: 'id,canonical\nu1,alice\nu1,alice\n',
      expected: [
        { id: 'u1', canonical: 'alice' },
        { id: 'u1', canonical: 'alice' },
      ],
    },
    {
      name: 'accepts one id mapped differently per source',
      text: 'source,id,canonical\nhr,u1,alice\ngithub,u1,bob\n,u1,carol\n',
      expected: [
        { id: 'u1', canonical: 'alice', source: 'hr' },
        { id: 'u1', canonical: 'bob', source: 'github' },
        { id: 'u1', canonical: 'carol' },
      ],
    },
    {
      name: 'reads a header alone as no mappings',
      text: 'id,canonical',
      expected: [],
    },
  ])('$name', async ({ text, expected }) => {
    const mappings = await readIdentityMap(await mapFile(text));

    expect(mappings).toEqual(expected);
  });

  it.each([
    {
      name: 'rejects a file without the header',
      text: 'u1,alice\n',
      line: 1,
      message: 'the identity mapping file lacks its header',
      expected: 'a first line "id,canonical" or "source,id,canonical"',
    },
    {
      name: 'rejects an empty file',
      text: '',
      line: 1,
      message: 'the identity mapping file lacks its header',
      expected: 'a first line "id,canonical" or "source,id,canonical"',
    },
    {
      name: 'rejects a row with too few fields',
      text: 'id,canonical\nu1,alice\n\nu2\n',
      line: 4,
      message: 'expected 2 fields with an id and a canonical id',
      expected: 'id,canonical',
    },
    {
      name: 'rejects a row with too many fields',
      text: 'source,id,canonical\nhr,u1,alice,extra\n',
      line: 2,
      message: 'expected 3 fields with an id and a canonical id',
      expected: 'source,id,canonical',
    },
    {
      name: 'rejects an empty id',
      text: 'id,canonical\n ,alice\n',
      line: 2,
      message: 'expected 2 fields with an id and a canonical id',
      expected: 'id,canonical',
    },
    {
      name: 'rejects an empty canonical id',
      text: 'id,canonical\r\nu1,alice\r\nu2,\r\n',
      line: 3,
      message: 'expected 2 fields with an id and a canonical id',
      expected: 'id,canonical',
    },
    {
      name: 'rejects an id mapped to two canonical ids',
      text: 'id,canonical\nu1,alice\nu2,bob\nu1,bob\n',
      line: 4,
      message: '"u1" is mapped twice, to "alice" on line 2 and to "bob"',
      expected: 'one canonical id per id (and source)',
    },
  ])('$name', async ({ text, line, message, expected }) => {
    const path = await mapFile(text);

    const error = await failure(path);

    expect(error.message).toBe(message);
    expect(error.location).toEqual({ file: path, line });
    expect(error.expected).toBe(expected);
    expect(error.exitCode).toBe(2);
  });

  it('rejects a file it cannot read, naming it', async () => {
    const path = join(dir, 'missing.csv');

    const error = await failure(path);

    expect(error.describe()).toBe(
      `${path}: cannot read the identity mapping file`,
    );
    expect(error.exitCode).toBe(2);
  });
});
