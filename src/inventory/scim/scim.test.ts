import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../../errors.ts';
import { createMemoryLogger } from '../../logger.ts';
import type { ReaderOptions } from '../reader.ts';
import { isScimSource, readScim } from './scim.ts';
import { MAPPED_GROUP_ATTRIBUTES } from './scim-groups.ts';
import {
  MAPPED_ENTERPRISE_ATTRIBUTES,
  MAPPED_USER_ATTRIBUTES,
} from './scim-user.ts';

const DATA = join(
  import.meta.dirname,
  '../../../../shared/datasets/inventories',
);
const SCHEMAS = join(DATA, 'scim-rfc7643-schemas');

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-scim-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function write(name: string, content: unknown): Promise<string> {
  const path = join(temp, name);
  await mkdir(dirname(path), { recursive: true });
  const text =
    typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  await writeFile(path, text);
  return path;
}

function listResponse(resources: unknown[]): unknown {
  return {
    schemas: [LIST],
    totalResults: resources.length,
    Resources: resources,
  };
}

function user(id: string, extra: Record<string, unknown> = {}): unknown {
  return { schemas: [USER], id, userName: id, ...extra };
}

function group(id: string, displayName: string, members: string[]): unknown {
  return {
    schemas: [GROUP],
    id,
    displayName,
    members: members.map((value) => ({ value })),
  };
}

const stop = (logger = createMemoryLogger()): ReaderOptions => ({
  logger,
  onBadRecord: 'stop',
});
const skip = (logger = createMemoryLogger()): ReaderOptions => ({
  logger,
  onBadRecord: 'skip',
});

// Modelled on the shape of the RFC 7643 section 8 examples, with our own people.
const ada = {
  schemas: [USER, ENTERPRISE],
  id: 'u-ada',
  externalId: 'hr-701',
  userName: 'ada@example.com',
  name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
  title: 'Analyst',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'ada@home.example.org', type: 'home' },
    { value: 'ada@example.com', type: 'work', primary: true },
  ],
  addresses: [
    { type: 'home', locality: 'Bath', country: 'GB' },
    { type: 'work', locality: 'London', country: 'GB' },
  ],
  entitlements: [{ value: 'reports.read' }],
  roles: [{ value: 'analyst', display: 'Analyst' }],
  [ENTERPRISE]: {
    employeeNumber: '701',
    costCenter: '4130',
    organization: 'Example Ltd',
    division: 'Research',
    department: 'Analytics',
    manager: { value: 'u-grace', displayName: 'Grace Hopper' },
  },
};

const sample = listResponse([
  ada,
  user('u-grace', { displayName: 'Grace Hopper', active: false }),
  user('u-svc', {
    userName: 'svc-backup',
    [ENTERPRISE]: { manager: { value: 'u-grace' } },
  }),
  user('u-bot', { userName: 'ci', userType: 'Bot' }),
  group('g-eng', 'Engineering', ['u-grace', 'g-analytics']),
  group('g-analytics', 'Analytics', ['u-ada', 'g-eng']),
  group('g-ops', 'Operations', ['u-svc', 'u-bot']),
]);

describe('readScim', () => {
  it('maps Users, the enterprise extension and machine identities', async () => {
    const path = await write('users.json', sample);

    const { inventory, skipped } = await readScim(path, stop());

    expect(skipped).toEqual([]);
    expect(
      inventory.identities.map((i) => [i.id, i.kind, i.attributes.kind_reason]),
    ).toEqual([
      ['u-ada', 'human', 'default'],
      ['u-grace', 'human', 'default'],
      ['u-svc', 'service-account', 'user_name:svc-*'],
      ['u-bot', 'bot', 'user_type:Bot'],
    ]);
    expect(inventory.identities[0]).toEqual({
      id: 'u-ada',
      kind: 'human',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      status: 'active',
      attributes: {
        external_id: 'hr-701',
        user_name: 'ada@example.com',
        title: 'Analyst',
        user_type: 'Employee',
        employee_number: '701',
        cost_center: '4130',
        organization: 'Example Ltd',
        division: 'Research',
        department: 'Analytics',
        manager: 'u-grace',
        location: 'London',
        country: 'GB',
        kind_reason: 'default',
      },
      provenance: [{ source: 'scim', file: path, path: '/Resources/0' }],
    });
    expect(inventory.identities[1]?.status).toBe('disabled');
    expect(inventory.identities[2]?.owner).toBe('u-grace');
    expect(inventory.sources).toEqual([
      {
        source: 'scim',
        file: path,
        sha256: createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
      },
    ]);
  });

  it('turns memberships, nested groups, entitlements and roles into access', async () => {
    const path = await write('users.json', sample);
    const logger = createMemoryLogger();

    const { inventory } = await readScim(path, stop(logger));

    expect(inventory.entitlements.map((e) => e.id)).toEqual([
      'scim:entitlement:reports.read',
      'scim:role:analyst',
      'scim:group:Engineering',
      'scim:group:Analytics',
      'scim:group:Operations',
    ]);
    expect(
      inventory.assignments.map(
        (a) => `${a.identity} ${a.entitlement} ${a.source}`,
      ),
    ).toEqual([
      'u-ada scim:entitlement:reports.read direct',
      'u-ada scim:role:analyst direct',
      'u-grace scim:group:Engineering direct',
      'u-ada scim:group:Engineering group',
      'u-ada scim:group:Analytics direct',
      'u-grace scim:group:Analytics group',
      'u-svc scim:group:Operations direct',
      'u-bot scim:group:Operations direct',
    ]);
    expect(inventory.assignments[3]?.provenance).toEqual({
      source: 'scim',
      file: path,
      path: '/Resources/4/members/1',
    });
    expect(
      logger.records.filter((r) => r.level === 'warn').map((r) => r.fields),
    ).toEqual([{ group: 'g-eng' }, { group: 'g-analytics' }]);
  });

  it('uses the groups back-references of Users when no Groups are given', async () => {
    const path = await write(
      'users.json',
      listResponse([
        user('u-1', {
          groups: [
            { value: 'g-1', display: 'Finance', type: 'direct' },
            { value: 'g-2', type: 'indirect' },
          ],
        }),
      ]),
    );

    const { inventory } = await readScim(path, stop());

    expect(inventory.assignments.map((a) => [a.entitlement, a.source])).toEqual(
      [
        ['scim:group:Finance', 'direct'],
        ['scim:group:g-2', 'group'],
      ],
    );
  });

  it('reads a folder of single resources and ListResponses, resolving across files', async () => {
    await write('users/ada.json', ada);
    await write('users/grace.json', user('u-grace'));
    await write(
      'groups.json',
      listResponse([group('g-eng', 'Engineering', ['u-ada', 'u-grace'])]),
    );
    await write('notes.txt', 'not read');

    const { inventory } = await readScim(temp, {
      ...stop(),
      label: 'scim-export',
    });

    expect(inventory.sources.map((s) => s.file)).toEqual([
      join('scim-export', 'groups.json'),
      join('scim-export', 'users', 'ada.json'),
      join('scim-export', 'users', 'grace.json'),
    ]);
    expect(inventory.identities.map((i) => i.provenance)).toEqual([
      [
        {
          source: 'scim',
          file: join('scim-export', 'users', 'ada.json'),
          path: '',
        },
      ],
      [
        {
          source: 'scim',
          file: join('scim-export', 'users', 'grace.json'),
          path: '',
        },
      ],
    ]);
    expect(inventory.assignments).toHaveLength(4);
  });

  it('reads attribute names in any casing, as RFC 7643 allows', async () => {
    const path = await write('users.json', {
      Schemas: [LIST],
      resources: [
        { SCHEMAS: [USER], ID: 'u-1', UserName: 'svc-x', ACTIVE: 'False' },
      ],
    });

    const { inventory } = await readScim(path, stop());

    expect(inventory.identities).toMatchObject([
      { id: 'u-1', kind: 'service-account', status: 'disabled' },
    ]);
  });

  it('passes over SCIM resources that grant no access, and logs them', async () => {
    const logger = createMemoryLogger();
    const path = await write(
      'mixed.json',
      listResponse([
        user('u-1'),
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
          id: 'User',
        },
      ]),
    );

    const { inventory, skipped } = await readScim(path, skip(logger));

    expect(inventory.identities).toHaveLength(1);
    expect(skipped).toEqual([]);
    expect(logger.records.map((r) => r.fields?.path)).toContain('/Resources/1');
  });

  it('warns when a ListResponse is one page of a longer list', async () => {
    const logger = createMemoryLogger();
    const path = await write('page1.json', {
      schemas: [LIST],
      totalResults: 250,
      Resources: [user('u-1')],
    });

    await readScim(path, stop(logger));

    expect(logger.records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'SCIM ListResponse holds one page of a longer list',
      }),
    );
  });
});

describe('readScim on bad records', () => {
  const good = user('u-ok');
  it.each([
    [
      'a User without id',
      [good, { schemas: [USER], userName: 'x' }],
      '/Resources/1',
      'id is missing',
    ],
    [
      'a numeric id',
      [good, { schemas: [USER], id: 7 }],
      '/Resources/1',
      'id is a number',
    ],
    [
      'a numeric title',
      [good, user('u-2', { title: 42 })],
      '/Resources/1/title',
      'title is a number, not a string',
    ],
    [
      'an active flag of 1',
      [good, user('u-2', { active: 1 })],
      '/Resources/1/active',
      'active is a number',
    ],
    [
      'roles as a string',
      [good, user('u-2', { roles: 'admin' })],
      '/Resources/1/roles',
      'roles is a string, not an array',
    ],
    [
      'a role without value',
      [good, user('u-2', { roles: [{ display: 'Admin' }] })],
      '/Resources/1/roles/0',
      'roles entry has no value',
    ],
    [
      'an unknown member',
      [good, group('g-1', 'G', ['nobody'])],
      '/Resources/1/members/0',
      'member nobody is neither a User nor a Group in the input',
    ],
    [
      'a duplicate id',
      [good, user('u-ok')],
      '/Resources/1',
      'id u-ok is used by another User',
    ],
    [
      'a resource of no SCIM type',
      [good, { schemas: ['urn:example:Thing'] }],
      '/Resources/1',
      'the resource is neither a SCIM User nor a Group',
    ],
    [
      'a resource that is not an object',
      [good, 'u-2'],
      '/Resources/1',
      'the resource is a string',
    ],
  ])(
    'stops at %s with its JSON path and line',
    async (_name, resources, path, message) => {
      const file = await write('users.json', listResponse(resources));

      const error = await readScim(file, stop()).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RolesmithError);
      const { location } = error as RolesmithError;
      expect([
        (error as RolesmithError).message,
        location.file,
        location.path,
      ]).toEqual([message, file, path]);
      expect((error as RolesmithError).exitCode).toBe(2);
      const lines = (await readFile(file, 'utf8')).split('\n');
      expect(lines[(location.line ?? 0) - 1]).toMatch(/[{["]|: /);
    },
  );

  it('collects bad records under skip and keeps everything usable', async () => {
    const file = await write(
      'users.json',
      listResponse([
        user('u-ok'),
        { schemas: [USER], userName: 'no-id' },
        user('u-2', { title: 42 }),
        group('g-1', 'G', ['u-ok', 'nobody']),
      ]),
    );

    const { inventory, skipped } = await readScim(file, skip());

    expect(skipped.map((s) => [s.path, s.line, s.message])).toEqual([
      ['/Resources/1', 14, 'id is missing'],
      ['/Resources/2/title', 26, 'title is a number, not a string'],
      [
        '/Resources/3/members/1',
        38,
        'member nobody is neither a User nor a Group in the input',
      ],
    ]);
    expect(inventory.identities.map((i) => i.id)).toEqual(['u-ok', 'u-2']);
    expect(inventory.assignments.map((a) => a.identity)).toEqual(['u-ok']);
  });

  it('refuses Resources that is not an array', async () => {
    const file = await write('users.json', {
      schemas: [LIST],
      Resources: { id: 'x' },
    });

    await expect(readScim(file, stop())).rejects.toMatchObject({
      message: 'Resources is an object',
      location: { path: '/Resources', line: 5 },
    });
  });

  it('reports a file that is not JSON with its line and column', async () => {
    const file = await write(
      'users.json',
      '{\n  "Resources": [\n    {"id": "a",}\n  ]\n}',
    );

    await expect(readScim(file, stop())).rejects.toMatchObject({
      message:
        'the file is not valid JSON: expected a property name in double quotes',
      location: { file, line: 3, column: 16 },
    });
  });

  it('refuses a folder without .json files and a missing path', async () => {
    await write('readme.txt', 'nothing here');

    await expect(readScim(temp, stop())).rejects.toMatchObject({
      message: 'the folder holds no .json files',
    });
    await expect(
      readScim(join(temp, 'absent.json'), stop()),
    ).rejects.toMatchObject({
      message: 'the SCIM source does not exist',
    });
  });
});

describe('isScimSource', () => {
  it('recognises SCIM files and folders and nothing else', async () => {
    const file = await write('a/users.json', sample);
    const aws = await write('b/authz.json', { UserDetailList: [] });

    expect(await isScimSource(file)).toBe(true);
    expect(await isScimSource(join(temp, 'a'))).toBe(true);
    expect(await isScimSource(aws)).toBe(false);
    expect(await isScimSource(join(temp, 'b'))).toBe(false);
    expect(await isScimSource(join(temp, 'missing'))).toBe(false);
  });
});

describe.skipIf(!existsSync(SCHEMAS))(
  'SCIM mapping against the RFC 7643 schemas (needs ../shared/datasets)',
  () => {
    async function attributeNames(file: string): Promise<Set<string>> {
      const schema = JSON.parse(
        await readFile(join(SCHEMAS, file), 'utf8'),
      ) as { attributes: Attribute[] };
      const names = new Set<string>();
      const walk = (attributes: Attribute[], prefix: string) => {
        for (const attribute of attributes) {
          names.add(prefix + attribute.name);
          walk(attribute.subAttributes ?? [], `${prefix}${attribute.name}.`);
        }
      };
      walk(schema.attributes, '');
      return names;
    }
    interface Attribute {
      name: string;
      subAttributes?: Attribute[];
    }

    it.each([
      ['User.json', MAPPED_USER_ATTRIBUTES],
      ['Enterprise-User.json', MAPPED_ENTERPRISE_ATTRIBUTES],
      ['Group.json', MAPPED_GROUP_ATTRIBUTES],
    ])('maps only attributes that %s defines', async (file, mapped) => {
      const names = await attributeNames(file);

      expect(mapped.filter((name) => !names.has(name))).toEqual([]);
    });

    it('does not take the schema definitions folder for SCIM resources', async () => {
      expect(await isScimSource(SCHEMAS)).toBe(false);
    });
  },
);
