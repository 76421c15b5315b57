import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../../errors.ts';
import { createMemoryLogger } from '../../logger.ts';
import type { Inventory } from '../../model/index.ts';
import { isMachineKind } from '../../model/index.ts';
import { isAwsAuthorizationDetails, readAwsIam } from './aws-iam.ts';
import type { ReaderOptions } from '../reader.ts';
import { MAX_JSON_BYTES } from '../json-file.ts';

const DATA = join(
  import.meta.dirname,
  '../../../../shared/datasets/inventories',
);
const SAMPLES = join(DATA, 'aws-cloudsplaining');

const stop: ReaderOptions = {
  logger: createMemoryLogger(),
  onBadRecord: 'stop',
};
const skip: ReaderOptions = {
  logger: createMemoryLogger(),
  onBadRecord: 'skip',
};

const arn = (type: string, name: string) =>
  `arn:aws:iam::111122223333:${type}/${name}`;
const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown) => ({ Effect: 'Allow', Action, Resource: '*' });
const attach = (PolicyName: string, PolicyArn = managed(PolicyName)) => ({
  PolicyName,
  PolicyArn,
});

const account = {
  UserDetailList: [
    {
      Path: '/',
      UserName: 'alice',
      UserId: 'AIDAALICE',
      Arn: arn('user', 'alice'),
      CreateDate: '2024-01-02 03:04:05+00:00',
      GroupList: ['admins', 'readers'],
      AttachedManagedPolicies: [attach('ReadOnlyAccess')],
      // The raw API returns documents URL-encoded; the CLI decodes them.
      UserPolicyList: [
        {
          PolicyName: 's3-all',
          PolicyDocument: encodeURIComponent(
            JSON.stringify(doc(allow('s3:*'))),
          ),
        },
      ],
      Tags: [
        { Key: 'Department', Value: 'Finance' },
        { Key: 'CostCenter', Value: '4130' },
        { Key: 'email', Value: 'alice@example.com' },
      ],
    },
    {
      UserName: 'svc-deploy',
      Arn: arn('user', 'svc-deploy'),
      Tags: [{ Key: 'Owner', Value: 'alice' }],
    },
  ],
  GroupDetailList: [
    {
      GroupName: 'admins',
      Arn: arn('group', 'admins'),
      AttachedManagedPolicies: [attach('AdministratorAccess')],
    },
    {
      GroupName: 'readers',
      Arn: arn('group', 'readers'),
      AttachedManagedPolicies: [attach('ReadOnlyAccess')],
      GroupPolicyList: [
        { PolicyName: 'logs', PolicyDocument: doc(allow('logs:Get*')) },
      ],
    },
  ],
  RoleDetailList: [
    {
      RoleName: 'app',
      Arn: arn('role', 'app'),
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify(
          doc({
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
        ),
      ),
      InstanceProfileList: [
        {
          InstanceProfileName: 'app-profile',
          Arn: arn('instance-profile', 'app-profile'),
        },
      ],
      AttachedManagedPolicies: [attach('ops', arn('policy', 'ops'))],
      RoleLastUsed: {
        LastUsedDate: '2024-05-06 07:08:09+00:00',
        Region: 'eu-west-1',
      },
    },
    {
      RoleName: 'break-glass',
      Arn: arn('role', 'break-glass'),
      AssumeRolePolicyDocument: doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
      }),
      AttachedManagedPolicies: [attach('AdministratorAccess')],
    },
  ],
  Policies: [
    {
      PolicyName: 'ops',
      Arn: arn('policy', 'ops'),
      DefaultVersionId: 'v2',
      PolicyVersionList: [
        { VersionId: 'v1', IsDefaultVersion: false, Document: doc(allow('*')) },
        {
          VersionId: 'v2',
          IsDefaultVersion: true,
          Document: doc(allow('ec2:Describe*')),
        },
      ],
    },
    {
      PolicyName: 'ReadOnlyAccess',
      Arn: managed('ReadOnlyAccess'),
      PolicyVersionList: [
        {
          VersionId: 'v1',
          IsDefaultVersion: true,
          Document: doc(allow(['s3:Get*'])),
        },
      ],
    },
  ],
};

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-aws-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function write(content: unknown, name = 'authz.json'): Promise<string> {
  const path = join(temp, name);
  await writeFile(
    path,
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
  );
  return path;
}

function withUsers(...users: unknown[]): unknown {
  return { ...account, UserDetailList: users };
}

describe('readAwsIam', () => {
  it('reads users as people and roles as machines with their trust', async () => {
    const { inventory } = await readAwsIam(await write(account), stop);

    expect(
      inventory.identities.map((i) => [
        i.name,
        i.kind,
        i.attributes.kind_reason,
      ]),
    ).toEqual([
      ['alice', 'human', 'iam_user'],
      ['svc-deploy', 'service-account', 'user_name:svc-*'],
      ['app', 'workload', 'trust:service_principal'],
      ['break-glass', 'service-account', 'trust:no_service_principal'],
    ]);
    expect(inventory.identities[0]).toMatchObject({
      id: arn('user', 'alice'),
      email: 'alice@example.com',
      attributes: {
        arn: arn('user', 'alice'),
        account: '111122223333',
        path: '/',
        aws_id: 'AIDAALICE',
        created_at: '2024-01-02T03:04:05+00:00',
        department: 'Finance',
        cost_center: '4130',
        tag_department: 'Finance',
        tag_cost_center: '4130',
      },
    });
    expect(inventory.identities[1]?.owner).toBe('alice');
    expect(inventory.identities[2]?.attributes).toMatchObject({
      trusted_by: 'service:ec2.amazonaws.com',
      instance_profiles: 'app-profile',
      last_used_at: '2024-05-06T07:08:09+00:00',
      last_used_region: 'eu-west-1',
    });
    expect(inventory.identities[3]?.attributes.trusted_by).toBe(
      'aws:arn:aws:iam::111122223333:root',
    );
  });

  it('turns policies and groups into entitlements, flagging admin and wildcards', async () => {
    const { inventory } = await readAwsIam(await write(account), stop);

    expect(inventory.entitlements.map((e) => [e.id, e.risk])).toEqual([
      [`aws:${arn('policy', 'ops')}`, undefined],
      [`aws:${managed('ReadOnlyAccess')}`, undefined],
      [`aws:${managed('AdministratorAccess')}`, 'critical'],
      [`aws:${arn('group', 'admins')}`, 'critical'],
      [`aws:${arn('group', 'readers')}/inline/logs`, undefined],
      [`aws:${arn('group', 'readers')}`, undefined],
      [`aws:${arn('user', 'alice')}/inline/s3-all`, 'high'],
    ]);
    expect(inventory.entitlements[3]?.description).toBe(
      'Grants critical access through AdministratorAccess',
    );
    expect(inventory.entitlements[6]?.description).toBe(
      'Allows s3:* on every resource (statement #0)',
    );
    expect(inventory.entitlements.every((e) => e.system === 'aws')).toBe(true);
  });

  it('expands group membership into the group and its policies', async () => {
    const file = await write(account);

    const { inventory } = await readAwsIam(file, stop);

    const rows = inventory.assignments.map((a) => [
      a.identity.split('/')[1],
      a.entitlement.split(':').at(-1),
      a.source,
      a.provenance?.path,
    ]);
    expect(rows).toEqual([
      [
        'alice',
        'policy/ReadOnlyAccess',
        'direct',
        '/UserDetailList/0/AttachedManagedPolicies/0',
      ],
      [
        'alice',
        'user/alice/inline/s3-all',
        'direct',
        '/UserDetailList/0/UserPolicyList/0',
      ],
      ['alice', 'group/admins', 'direct', '/UserDetailList/0/GroupList/0'],
      [
        'alice',
        'policy/AdministratorAccess',
        'group',
        '/UserDetailList/0/GroupList/0',
      ],
      ['alice', 'group/readers', 'direct', '/UserDetailList/0/GroupList/1'],
      [
        'alice',
        'policy/ReadOnlyAccess',
        'group',
        '/UserDetailList/0/GroupList/1',
      ],
      [
        'alice',
        'group/readers/inline/logs',
        'group',
        '/UserDetailList/0/GroupList/1',
      ],
      [
        'app',
        'policy/ops',
        'direct',
        '/RoleDetailList/0/AttachedManagedPolicies/0',
      ],
      [
        'break-glass',
        'policy/AdministratorAccess',
        'direct',
        '/RoleDetailList/1/AttachedManagedPolicies/0',
      ],
    ]);
    expect(inventory.assignments[7]?.lastUsedAt).toBe(
      '2024-05-06T07:08:09+00:00',
    );
    expect(inventory.sources).toEqual([
      {
        source: 'aws-iam',
        file,
        sha256: createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      },
    ]);
  });
});

describe('readAwsIam on malformed input', () => {
  it('reports a file that is not JSON with its line and column', async () => {
    const file = await write(
      '{\n  "UserDetailList": [\n    {"UserName": "a",\n  ]\n}',
    );

    await expect(readAwsIam(file, stop)).rejects.toMatchObject({
      message:
        'the file is not valid JSON: expected a property name in double quotes',
      location: { file, line: 4, column: 3 },
    });
  });

  it.each([
    [
      'a missing UserDetailList',
      { RoleDetailList: [] },
      'UserDetailList is missing',
      '',
    ],
    [
      'a top-level array',
      [account],
      'the document is an array, not an object',
      undefined,
    ],
    [
      'RoleDetailList as an object',
      { ...account, RoleDetailList: {} },
      'RoleDetailList is an object, not an array',
      '/RoleDetailList',
    ],
  ])(
    'refuses %s whatever onBadRecord says',
    async (_name, content, message, path) => {
      const error = await readAwsIam(await write(content), skip).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(RolesmithError);
      expect([
        (error as RolesmithError).message,
        (error as RolesmithError).location.path,
      ]).toEqual([message, path]);
    },
  );

  const user = (name: string) => ({ UserName: name, Arn: arn('user', name) });
  it.each([
    [
      'a user without UserName',
      withUsers(user('a'), user('b'), user('c'), { Arn: arn('user', 'd') }),
      '/UserDetailList/3',
      'UserName is missing',
    ],
    [
      'a user without Arn',
      withUsers({ UserName: 'a' }),
      '/UserDetailList/0',
      'Arn is missing',
    ],
    [
      'a user that is a string',
      withUsers('alice'),
      '/UserDetailList/0',
      'the user is a string',
    ],
    [
      'an unknown group',
      withUsers({ ...user('a'), GroupList: ['nobody'] }),
      '/UserDetailList/0/GroupList/0',
      'group nobody is not in GroupDetailList',
    ],
    [
      'a duplicate ARN',
      withUsers(user('a'), user('a')),
      '/UserDetailList/1',
      `ARN ${arn('user', 'a')} is listed twice`,
    ],
    [
      'an attachment without PolicyArn',
      withUsers({
        ...user('a'),
        AttachedManagedPolicies: [{ PolicyName: 'x' }],
      }),
      '/UserDetailList/0/AttachedManagedPolicies/0',
      'PolicyArn is missing',
    ],
    [
      'an unreadable inline document',
      withUsers({
        ...user('a'),
        UserPolicyList: [{ PolicyName: 'x', PolicyDocument: 'allow all' }],
      }),
      '/UserDetailList/0/UserPolicyList/0/PolicyDocument',
      'the policy document cannot be read',
    ],
    [
      'a tag without Value',
      withUsers({ ...user('a'), Tags: [{ Key: 'Team' }] }),
      '/UserDetailList/0/Tags/0',
      'the tag is not a Key and Value pair',
    ],
    [
      'a policy without Arn',
      { ...account, Policies: [{ PolicyName: 'x' }] },
      '/Policies/0',
      'Arn is missing',
    ],
  ])(
    'stops at %s with its JSON path and line',
    async (_name, content, path, message) => {
      const file = await write(content);

      const error = await readAwsIam(file, stop).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(RolesmithError);
      const { location } = error as RolesmithError;
      expect([
        (error as RolesmithError).message,
        location.file,
        location.path,
      ]).toEqual([message, file, path]);
      const lines = (await readFile(file, 'utf8')).split('\n');
      expect(lines[(location.line ?? 0) - 1]?.trim()).toMatch(/^(\{|"|\[)/);
    },
  );

  it('skips bad records under skip, keeping the rest of each principal', async () => {
    const file = await write({
      ...account,
      UserDetailList: [
        {
          UserName: 'a',
          Arn: arn('user', 'a'),
          GroupList: ['admins', 'nobody'],
        },
        { Arn: arn('user', 'b') },
      ],
      RoleDetailList: [
        {
          RoleName: 'r',
          Arn: arn('role', 'r'),
          AssumeRolePolicyDocument: 'not a policy',
        },
      ],
    });

    const { inventory, skipped } = await readAwsIam(file, skip);

    expect(skipped.map((s) => [s.path, s.message, s.line])).toEqual([
      [
        '/UserDetailList/0/GroupList/1',
        'group nobody is not in GroupDetailList',
        8,
      ],
      ['/UserDetailList/1', 'UserName is missing', 11],
      [
        '/RoleDetailList/0/AssumeRolePolicyDocument',
        'the trust policy cannot be read',
        56,
      ],
    ]);
    expect(
      inventory.identities.map((i) => [
        i.name,
        i.kind,
        i.attributes.kind_reason,
      ]),
    ).toEqual([
      ['a', 'human', 'iam_user'],
      ['r', 'service-account', 'trust:unknown'],
    ]);
    expect(
      inventory.assignments.map((a) => a.entitlement.split('/').at(-1)),
    ).toEqual(['admins', 'AdministratorAccess']);
  });

  it('refuses a file over 512 MiB before reading it', async () => {
    const file = await write('{}');
    await truncate(file, MAX_JSON_BYTES + 1);

    await expect(readAwsIam(file, stop)).rejects.toMatchObject({
      message:
        `the file is ${MAX_JSON_BYTES + 1} bytes; at most ` +
        `${MAX_JSON_BYTES} (512 MiB) can be read`,
      location: { file },
    });
  });
});

describe('isAwsAuthorizationDetails', () => {
  it.each([
    ['an export', { UserDetailList: [], GroupDetailList: [] }, true],
    [
      'an export with sorted keys',
      {
        GroupDetailList: [],
        Policies: [],
        RoleDetailList: [],
        UserDetailList: [],
      },
      true,
    ],
    [
      'an export that starts with Policies',
      { Policies: [], UserDetailList: [] },
      true,
    ],
    [
      'the output of list-policies',
      { Policies: [], IsTruncated: false },
      false,
    ],
    [
      'a SCIM ListResponse',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        Resources: [],
      },
      false,
    ],
    ['a list', [{ UserDetailList: [] }], false],
  ])('tells %s (%j)', async (_name, content, expected) => {
    expect(await isAwsAuthorizationDetails(await write(content))).toBe(
      expected,
    );
  });

  it('says no for a missing file', async () => {
    expect(await isAwsAuthorizationDetails(join(temp, 'absent.json'))).toBe(
      false,
    );
  });
});

interface Figures {
  identities: number;
  machines: number;
  entitlements: number;
  inline: number;
  assignments: number;
  viaGroup: number;
  critical: number;
  high: number;
}

function figures(inventory: Inventory): Figures {
  return {
    identities: inventory.identities.length,
    machines: inventory.identities.filter((i) => isMachineKind(i.kind)).length,
    entitlements: inventory.entitlements.length,
    inline: inventory.entitlements.filter((e) => e.id.includes('/inline/'))
      .length,
    assignments: inventory.assignments.length,
    viaGroup: inventory.assignments.filter((a) => a.source === 'group').length,
    critical: inventory.entitlements.filter((e) => e.risk === 'critical')
      .length,
    high: inventory.entitlements.filter((e) => e.risk === 'high').length,
  };
}

describe.skipIf(!existsSync(SAMPLES))(
  'readAwsIam on the cloudsplaining samples (needs ../shared/datasets)',
  () => {
    it.each([
      // 44 users + 78 roles; 84 policies + 39 inline + 5 groups.
      [
        'example.json',
        {
          identities: 122,
          machines: 78,
          entitlements: 128,
          inline: 39,
          assignments: 152,
          viaGroup: 5,
          critical: 11,
          high: 13,
        },
      ],
      // 3 users + 3 roles; 32 policies + 6 inline + 2 groups.
      [
        'example-authz-details.json',
        {
          identities: 6,
          machines: 3,
          entitlements: 40,
          inline: 6,
          assignments: 15,
          viaGroup: 4,
          critical: 4,
          high: 13,
        },
      ],
      // 1 user + 2 roles; 2 listed policies, AdministratorAccess only attached, 2 inline, 1 group.
      [
        'example_authz_v2.json',
        {
          identities: 3,
          machines: 2,
          entitlements: 6,
          inline: 2,
          assignments: 4,
          viaGroup: 1,
          critical: 2,
          high: 0,
        },
      ],
    ])('reads %s', async (file, expected) => {
      const path = join(SAMPLES, file);

      const { inventory, skipped } = await readAwsIam(path, stop);

      expect(skipped).toEqual([]);
      expect(figures(inventory)).toEqual(expected);
      expect(await isAwsAuthorizationDetails(path)).toBe(true);
    });

    it('tells workloads from service accounts by trust in example.json', async () => {
      const { inventory } = await readAwsIam(
        join(SAMPLES, 'example.json'),
        stop,
      );

      const kinds = inventory.identities.reduce<Record<string, number>>(
        (counts, i) => ({ ...counts, [i.kind]: (counts[i.kind] ?? 0) + 1 }),
        {},
      );
      expect(kinds).toEqual({ human: 44, workload: 29, 'service-account': 49 });
      const profiles = inventory.identities
        .filter((i) => i.attributes.instance_profiles !== undefined)
        .map((i) => i.name);
      expect(profiles).toEqual([
        'privesc-high-priv-service-role',
        'OverprivilegedEC2',
      ]);
      const criticalHeld = new Set(
        inventory.assignments.map((a) => a.entitlement),
      );
      expect(
        inventory.entitlements.filter(
          (e) => e.risk === 'critical' && criticalHeld.has(e.id),
        ),
      ).toHaveLength(9);
    });

    it(
      'shows both ways obama holds AdministratorAccess in ' +
        'example-authz-details.json',
      async () => {
        const { inventory } = await readAwsIam(
          join(SAMPLES, 'example-authz-details.json'),
          stop,
        );

        const held = inventory.assignments.filter(
          (a) =>
            a.identity.endsWith(':user/obama') &&
            a.entitlement.endsWith('/AdministratorAccess'),
        );
        expect(held.map((a) => a.source)).toEqual(['direct', 'group']);
      },
    );

    it('does not take a single policy document for an export', async () => {
      expect(
        await isAwsAuthorizationDetails(join(SAMPLES, 'policy-wildcards.json')),
      ).toBe(false);
    });
  },
);
