import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../../errors.ts';
import { silentLogger } from '../../logger.ts';
import type { OnBadRecord } from '../reader.ts';
import { isCsvInventory, readCsvInventory } from './csv-inventory.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolesmith-csv-errors-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type FileName = 'identities.csv' | 'entitlements.csv' | 'assignments.csv';

const VALID: Record<FileName, string> = {
  'identities.csv': 'id,kind\nu1,human\nu2,bot\n',
  'entitlements.csv': 'id,system,risk\nFB60,sap,high\nFB60,erp,low\nokta:a,,\n',
  'assignments.csv':
    'identity,entitlement,granted_at,last_used_at,source\nu1,okta:a,,,\n',
};

async function folder(files: Partial<Record<FileName, string>>) {
  for (const [name, text] of Object.entries({ ...VALID, ...files })) {
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function read(path: string, onBadRecord: OnBadRecord) {
  return readCsvInventory(path, { logger: silentLogger, onBadRecord });
}

async function failure(path: string, onBadRecord: OnBadRecord = 'stop') {
  const error: unknown = await read(path, onBadRecord).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RolesmithError)) {
    throw new Error(`expected a RolesmithError, got ${String(error)}`);
  }
  return error;
}

const ID_HEAD = 'id,kind\n';
const AS_HEAD = 'identity,entitlement,granted_at,last_used_at,source\n';

describe('readCsvInventory on bad rows', () => {
  it.each([
    ['identities.csv', `${ID_HEAD}u1,human\nu3,robot\n`, 'kind "robot"'],
    ['identities.csv', `${ID_HEAD}u1,human\n,human\n`, 'empty id'],
    ['identities.csv', `${ID_HEAD}u1,human\nu1,bot\n`, 'duplicate identity'],
    ['identities.csv', `${ID_HEAD}u1,human\nu3,human,extra\n`, 'found 3'],
    ['identities.csv', `${ID_HEAD}u1,human\n"u3"x,human\n`, 'closing double'],
    ['entitlements.csv', 'id,risk\nokta:a,\nsap:X,severe\n', 'risk "severe"'],
    ['entitlements.csv', 'id\nokta:a\nFB60\n', 'names no system'],
    ['entitlements.csv', 'id\nokta:a\nokta:a\n', 'duplicate entitlement'],
    ['entitlements.csv', 'id,system\nokta:a,\nX,a:b\n', 'contains ":"'],
    ['assignments.csv', `${AS_HEAD}u1,okta:a,,,\nu9,okta:a,,,\n`, 'u9'],
    ['assignments.csv', `${AS_HEAD}u1,okta:a,,,\nu1,sap:Z,,,\n`, 'sap:Z'],
    ['assignments.csv', `${AS_HEAD}u1,okta:a,,,\nu1,FB60,,,\n`, 'ambiguous'],
    [
      'assignments.csv',
      `${AS_HEAD}u1,okta:a,,,\n,okta:a,,,\n`,
      'empty identity',
    ],
    [
      'assignments.csv',
      `${AS_HEAD}u1,okta:a,,,\nu1,okta:a,2026-02-30,,\n`,
      'granted_at "2026-02-30"',
    ],
    [
      'assignments.csv',
      `${AS_HEAD}u1,okta:a,,,\nu1,okta:a,,yesterday,\n`,
      'last_used_at "yesterday"',
    ],
    [
      'assignments.csv',
      `${AS_HEAD}u1,okta:a,,,\nu1,okta:a,,,inherited\n`,
      'source "inherited"',
    ],
  ] as const)('%s: %j stops at line 3 (%s)', async (name, text, words) => {
    const path = await folder({ [name]: text });

    const error = await failure(path);

    expect(error.code).toBe('input');
    expect(error.exitCode).toBe(2);
    expect(error.location).toEqual({ file: join(dir, name), line: 3 });
    expect(error.message).toContain(words);
    expect(error.expected).toBeTruthy();
  });

  it('collects bad rows under skip and reads the good ones', async () => {
    const path = await folder({
      'identities.csv': `${ID_HEAD}u1,human\nu3,robot\nu2,bot\n`,
      'assignments.csv':
        `${AS_HEAD}u1,okta:a,,,\nu9,okta:a,,,\n` +
        'u2,sap:FB60,x,,\nu2,erp:FB60,,,group\n',
    });

    const { inventory, skipped } = await read(path, 'skip');

    expect(skipped).toEqual([
      {
        file: join(dir, 'identities.csv'),
        line: 3,
        message: 'unknown identity kind "robot"',
        expected: expect.stringContaining('service-account') as string,
      },
      {
        file: join(dir, 'assignments.csv'),
        line: 3,
        message: 'the identity "u9" is not in identities.csv',
        expected: 'an id from the id column of identities.csv',
      },
      {
        file: join(dir, 'assignments.csv'),
        line: 4,
        message: 'granted_at "x" is not ISO 8601',
        expected: expect.stringContaining('2026-03-01') as string,
      },
    ]);
    expect(inventory.identities.map((i) => i.id)).toEqual(['u1', 'u2']);
    expect(inventory.assignments).toMatchObject([
      { identity: 'u1', entitlement: 'okta:a' },
      { identity: 'u2', entitlement: 'erp:FB60', source: 'group' },
    ]);
  });

  it('reports a line that is not UTF-8', async () => {
    await folder({});
    await writeFile(
      join(dir, 'identities.csv'),
      Buffer.concat([
        Buffer.from(`${ID_HEAD}u1,human\nu\xff`, 'latin1'),
        Buffer.from(',bot\n'),
      ]),
    );

    const { skipped } = await read(dir, 'skip');

    expect(skipped).toMatchObject([
      { line: 3, message: 'the line is not valid UTF-8' },
    ]);
  });
});

describe('readCsvInventory on bad headers', () => {
  it.each([
    ['identities.csv', 'id,name\nu1,Ann\n', '"kind"'],
    ['identities.csv', 'name\nAnn\n', '"id", "kind"'],
    ['entitlements.csv', 'name,risk\nX,low\n', '"id"'],
    ['assignments.csv', 'identity,entitlements\nu1,okta:a\n', '"entitlement"'],
    ['assignments.csv', '', 'no header line'],
    ['identities.csv', 'id,kind,ID\nu1,human,x\n', 'column "id" twice'],
    ['identities.csv', 'id,"kind\n', 'closing double quote'],
  ] as const)(
    '%s: %j fails at line 1 even under skip (%s)',
    async (name, text, words) => {
      const path = await folder({ [name]: text });

      for (const mode of ['stop', 'skip'] as const) {
        const error = await failure(path, mode);

        expect(error.code).toBe('input');
        expect(error.exitCode).toBe(2);
        expect(error.location).toEqual({ file: join(dir, name), line: 1 });
        expect(error.message).toContain(words);
      }
    },
  );
});

describe('CSV inventory folders', () => {
  it.each([
    [{ 'identities.csv': 'id,kind\n' }, true],
    [{ 'assignments.csv': 'identity,entitlement\n' }, true],
    [{ 'entitlements.csv': 'id\n' }, false],
    [{}, false],
  ])('tells whether %j is a CSV inventory (%s)', async (files, expected) => {
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(dir, name), text);
    }

    expect(await isCsvInventory(dir)).toBe(expected);
  });

  it('refuses a path that is not a folder or holds no inventory', async () => {
    await writeFile(join(dir, 'file.csv'), 'x\n');
    await mkdir(join(dir, 'empty'));

    expect((await failure(join(dir, 'missing'))).message).toContain(
      'does not exist',
    );
    expect((await failure(join(dir, 'file.csv'))).message).toContain(
      'is not a folder',
    );
    expect((await failure(join(dir, 'empty'))).message).toBe(
      'the folder is not a CSV inventory',
    );
    expect(await isCsvInventory(join(dir, 'file.csv'))).toBe(false);
  });
});
