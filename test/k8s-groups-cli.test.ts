import { describe, expect, it } from 'vitest';
import { runRolesmith } from './helpers/run-cli.ts';
import { useTempFiles } from './helpers/temp-files.ts';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
  - {apiGroups: [apps], resources: [deployments], verbs: [get, update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployers, namespace: shop}
roleRef: {kind: Role, name: deployer}
subjects:
  - {kind: Group, name: platform-admins}
`;

const IDENTITIES = `id,kind,name,email,department,title
E1001,human,Alice,alice@example.com,Platform,SRE
E1002,human,Bob,bob@example.com,Platform,SRE
`;

const GROUPS = `group,member
platform-admins,E1001
platform-admins,bob@example.com
platform-admins,zoe@example.com
auditors,E1002
`;

const ROLE = 'k8s:shop:role/deployer';

const workspace = useTempFiles('rolesmith-k8s-groups-');

interface QualityJson {
  totals: { assignments: number };
  sources: { source: string; file: string }[];
  issues: { code: string; examples: string[] }[];
}

interface MineJson {
  roles: { identities: string[]; entitlements: string[] }[];
  exceptions: { identity: string; entitlement: string }[];
}

/** `rolesmith mine <sources> --exact`: every pair held, as `identity entitlement`. */
async function minedPairs(cwd: string, sources: string[]): Promise<string[]> {
  const result = await runRolesmith(
    ['mine', ...sources, '--exact', '--format', 'json'],
    cwd,
  );
  expect(result.code).toBe(0);
  const mined = JSON.parse(result.stdout) as MineJson;
  return mined.roles
    .flatMap((role) =>
      role.identities.flatMap((i) => role.entitlements.map((e) => `${i} ${e}`)),
    )
    .sort();
}

const BASE = {
  'manifests/rbac.yaml': RBAC,
  'hr/identities.csv': IDENTITIES,
  'groups.csv': GROUPS,
};

describe('Kubernetes group mapping from the command line', () => {
  it('expands a Group binding in rolesmith inventory; unknown members are orphans', async () => {
    const cwd = await workspace(BASE);

    const without = await runRolesmith(
      ['inventory', 'hr', 'k8s:manifests', '--format', 'json'],
      cwd,
    );
    const result = await runRolesmith(
      ['inventory', 'hr', 'k8s:manifests', 'groups.csv', '--format', 'json'],
      cwd,
    );

    expect(without.code).toBe(0);
    expect((JSON.parse(without.stdout) as QualityJson).totals.assignments).toBe(
      0,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as QualityJson;
    expect(report.totals.assignments).toBe(3);
    expect(report.sources).toContainEqual(
      expect.objectContaining({ source: 'k8s-groups', file: 'groups.csv' }),
    );
    expect(
      report.issues.find((issue) => issue.code === 'identity.orphan')?.examples,
    ).toEqual(['zoe@example.com']);
    expect(result.stderr).toMatch(
      /no Kubernetes binding uses this mapped group/,
    );
    expect(result.stderr).toContain('auditors');
  });

  it('gives mine the members holding the role, matched by id and e-mail', async () => {
    const cwd = await workspace(BASE);

    expect(
      await minedPairs(cwd, ['k8s:manifests', 'k8s-groups:groups.csv', 'hr']),
    ).toEqual([`E1001 ${ROLE}`, `E1002 ${ROLE}`, `zoe@example.com ${ROLE}`]);
  });

  it('reads the YAML shape of the groupMembers option', async () => {
    const cwd = await workspace({
      ...BASE,
      'groups.yaml':
        'platform-admins:\n  - E1001\n  - system:serviceaccount:ci:deployer\n',
    });

    expect(
      await minedPairs(cwd, ['k8s:manifests', 'hr', 'k8s-groups:groups.yaml']),
    ).toEqual([`E1001 ${ROLE}`, `k8s:sa:ci/deployer ${ROLE}`]);
  });

  it.each([
    [
      'an unknown column',
      'group,member,role\nplatform-admins,E1001,x\n',
      'groups.csv:1',
      /unknown column "role"/,
    ],
    [
      'an empty member',
      'group,member\nplatform-admins,E1001\nplatform-admins,\n',
      'groups.csv:3',
      /the member is empty/,
    ],
    [
      'an empty group',
      'group,member\n,E1001\n',
      'groups.csv:2',
      /the group is empty/,
    ],
    [
      'a YAML list that is not a mapping',
      undefined,
      'groups.yaml:1',
      /not a mapping/,
    ],
  ])('exits 2 on %s, naming the line', async (_name, csv, where, message) => {
    const yaml = csv === undefined;
    const cwd = await workspace({
      ...BASE,
      'groups.csv': csv ?? GROUPS,
      'groups.yaml': '- E1001\n',
    });
    const source = yaml ? 'k8s-groups:groups.yaml' : 'k8s-groups:groups.csv';

    const result = await runRolesmith(
      ['inventory', 'k8s:manifests', source, '--format', 'json'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(where);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 when the mapping file does not exist', async () => {
    const cwd = await workspace(BASE);

    const result = await runRolesmith(
      ['mine', 'k8s:manifests', 'k8s-groups:missing.csv'],
      cwd,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.csv');
    expect(result.stderr).toMatch(/group mapping file does not exist/);
  });
});
