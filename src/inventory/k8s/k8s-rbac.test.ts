import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logger.ts';
import type { K8sRbacOptions } from './k8s-rbac.ts';
import { readK8sRbac } from './k8s-rbac.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-k8s-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(temp, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

function options(extra: Partial<Omit<K8sRbacOptions, 'logger'>> = {}) {
  const logger = createMemoryLogger();
  return { logger, onBadRecord: 'stop' as const, ...extra };
}

/** 1-based line of the first line starting with `needle` after `after`. */
function lineOf(text: string, needle: string, after = ''): number {
  const start = text.indexOf(after);
  const at = text.indexOf(needle, start);
  return text.slice(0, at).split('\n').length;
}

const SHOP = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: billing
  namespace: shop
  labels:
    app.kubernetes.io/name: billing
    app.kubernetes.io/component: api
  annotations:
    rolesmith.io/owner: alice@example.com
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: shop}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: billing-secrets, namespace: shop}
roleRef: {kind: Role, name: secret-reader}
subjects:
  - kind: ServiceAccount
    name: billing
  - kind: User
    name: bob@example.com
  - kind: Group
    name: payments-team
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-admin}
roleRef: {kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: User, name: carol}
  - {kind: ServiceAccount, name: deployer, namespace: ci}
  - {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: view, namespace: shop}
roleRef: {kind: ClusterRole, name: view}
subjects:
  - {kind: User, name: "system:serviceaccount:shop:billing"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: shop}
`;

describe('readK8sRbac on inline manifests', () => {
  it('maps service accounts, users and bindings to the inventory', async () => {
    const file = await write('shop.yaml', SHOP);

    const { inventory, skipped } = await readK8sRbac(file, options());

    expect(skipped).toEqual([]);
    expect(inventory.identities.map((i) => [i.id, i.kind])).toEqual([
      ['k8s:sa:ci/deployer', 'service-account'],
      ['k8s:sa:shop/billing', 'service-account'],
      ['k8s:user:bob@example.com', 'human'],
      ['k8s:user:carol', 'human'],
    ]);
    expect(inventory.identities[1]).toMatchObject({
      name: 'billing',
      owner: 'alice@example.com',
      attributes: { namespace: 'shop', app: 'billing', component: 'api' },
      provenance: [{ source: 'k8s', file, line: 1 }],
    });
    expect(inventory.identities[2]?.email).toBe('bob@example.com');
    expect(
      inventory.assignments.map((a) => [a.identity, a.entitlement]),
    ).toEqual([
      ['k8s:sa:shop/billing', 'k8s:shop:role/secret-reader'],
      ['k8s:user:bob@example.com', 'k8s:shop:role/secret-reader'],
      ['k8s:user:carol', 'k8s:cluster:clusterrole/cluster-admin'],
      ['k8s:sa:ci/deployer', 'k8s:cluster:clusterrole/cluster-admin'],
      ['k8s:sa:shop/billing', 'k8s:shop:clusterrole/view'],
    ]);
    expect(inventory.assignments[0]).toMatchObject({
      source: 'direct',
      provenance: {
        file,
        line: lineOf(SHOP, '  - kind: ServiceAccount'),
        path: 'document 3 /subjects/0',
      },
    });
    expect(inventory.sources).toEqual([
      {
        source: 'k8s',
        file,
        sha256: createHash('sha256').update(SHOP).digest('hex'),
      },
    ]);
  });

  it('describes and rates the roles that bindings refer to', async () => {
    const file = await write('shop.yaml', SHOP);

    const { inventory } = await readK8sRbac(file, options());

    const byId = new Map(inventory.entitlements.map((e) => [e.id, e]));
    expect([...byId.keys()]).toEqual([
      'k8s:cluster:clusterrole/cluster-admin',
      'k8s:shop:clusterrole/view',
      'k8s:shop:role/secret-reader',
    ]);
    expect(byId.get('k8s:shop:role/secret-reader')).toMatchObject({
      system: 'k8s',
      name: 'Role secret-reader in namespace shop',
      risk: 'high',
      description: 'get secrets. high risk: reads secrets',
      provenance: [{ file, line: lineOf(SHOP, 'kind: Role\n') - 1 }],
    });
    expect(byId.get('k8s:cluster:clusterrole/cluster-admin')).toMatchObject({
      name: 'ClusterRole cluster-admin (cluster-wide)',
      risk: 'critical',
    });
    expect(byId.get('k8s:shop:clusterrole/view')?.risk).toBe('low');
  });

  it('records group subjects without granting them, flagging system groups', async () => {
    const file = await write('shop.yaml', SHOP);
    const read = options();

    const result = await readK8sRbac(file, read);

    expect(
      result.groupBindings.map((g) => [g.group, g.system, g.members]),
    ).toEqual([
      ['payments-team', false, 0],
      ['system:authenticated', true, 0],
    ]);
    expect(result.groupBindings[1]?.provenance.line).toBe(
      lineOf(SHOP, '  - {kind: Group, name: "system:authenticated"}'),
    );
    const warnings = read.logger.records.filter((r) => r.level === 'warn');
    expect(warnings.map((w) => w.message)).toEqual([
      'a binding grants access to a Kubernetes system group',
    ]);
    expect(
      read.logger.records.find((r) => r.message.startsWith('ignored'))?.fields,
    ).toEqual({ kinds: { Deployment: 1 } });
    expect(
      read.logger.records.find((r) =>
        r.message.includes('not in the manifests'),
      )?.fields,
    ).toMatchObject({ identity: 'k8s:sa:ci/deployer' });
  });

  it('expands a group through the member mapping with source "group"', async () => {
    const file = await write('shop.yaml', SHOP);
    const groupMembers = {
      'payments-team': [
        'dana@example.com',
        'system:serviceaccount:shop:billing',
      ],
    };

    const result = await readK8sRbac(file, options({ groupMembers }));

    const viaGroup = result.inventory.assignments.filter(
      (a) => a.source === 'group',
    );
    // billing already holds the role directly; the first grant is kept.
    expect(viaGroup.map((a) => [a.identity, a.entitlement])).toEqual([
      ['k8s:user:dana@example.com', 'k8s:shop:role/secret-reader'],
    ]);
    expect(result.groupBindings[0]?.members).toBe(2);
  });

  it.each([
    ['a Role without a namespace', 'default', undefined],
    ['a Role with defaultNamespace set', 'apps', 'apps'],
  ])('puts %s in namespace %s', async (_name, namespace, given) => {
    const file = await write(
      'role.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n',
    );

    const { inventory } = await readK8sRbac(
      file,
      options(given === undefined ? {} : { defaultNamespace: given }),
    );

    expect(inventory.entitlements.map((e) => e.id)).toEqual([
      `k8s:${namespace}:role/r`,
    ]);
    expect(inventory.entitlements[0]?.description).toBe('no rules');
  });

  it('reads List and typed list wrappers, including items without a kind', async () => {
    const file = await write(
      'lists.yaml',
      `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: a, namespace: x}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBindingList
items:
  - metadata: {name: b, namespace: x}
    roleRef: {kind: ClusterRole, name: edit}
    subjects: [{kind: ServiceAccount, name: a}]
`,
    );

    const { inventory } = await readK8sRbac(file, options());

    expect(inventory.identities.map((i) => i.id)).toEqual(['k8s:sa:x/a']);
    expect(inventory.assignments[0]).toMatchObject({
      entitlement: 'k8s:x:clusterrole/edit',
      provenance: { line: 16, path: 'document 2 /items/0/subjects/0' },
    });
    expect(inventory.entitlements[0]?.risk).toBe('high');
  });

  it('computes an aggregated ClusterRole from the roles its selectors pick', async () => {
    const file = await write(
      'aggregated.yaml',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secrets-part
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [list]}
`,
    );

    const { inventory } = await readK8sRbac(file, options());

    expect(inventory.entitlements[0]).toMatchObject({
      id: 'k8s:cluster:clusterrole/monitoring',
      risk: 'high',
      description:
        'list secrets. high risk: reads secrets. aggregated ' +
        'ClusterRole: rules of secrets-part from these manifests; ' +
        'the cluster may add more',
    });
  });

  it('leaves an unknown role without risk and says its rules are unknown', async () => {
    const file = await write(
      'crb.yaml',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: x}
roleRef: {kind: ClusterRole, name: vendor-operator}
subjects: []
`,
    );

    const { inventory } = await readK8sRbac(file, options());

    expect(inventory.entitlements).toEqual([
      {
        id: 'k8s:cluster:clusterrole/vendor-operator',
        system: 'k8s',
        name: 'ClusterRole vendor-operator (cluster-wide)',
        description: 'not defined in the manifests read; its rules are unknown',
        provenance: [{ source: 'k8s', file, line: 4, path: '/roleRef' }],
      },
    ]);
    expect(inventory.assignments).toEqual([]);
  });

  it('tells components and anonymous access from people, and warns', async () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{apiGroups: [""], resources: [pods], verbs: [delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: cluster}
roleRef: {kind: ClusterRole, name: r}
subjects:
  - {kind: User, name: "system:kube-scheduler"}
  - {kind: User, name: "system:anonymous"}
---
apiVersion: v2
name: chart
version: 1.0.0
`;
    const file = await write('edge.yaml', text);
    const read = options();

    const { inventory } = await readK8sRbac(file, read);

    expect(inventory.identities.map((i) => [i.id, i.kind])).toEqual([
      ['k8s:user:system:anonymous', 'workload'],
      ['k8s:user:system:kube-scheduler', 'workload'],
    ]);
    // The later definition wins, as kubectl apply would leave it.
    expect(inventory.entitlements.map((e) => [e.id, e.risk])).toEqual([
      ['k8s:cluster:clusterrole/r', 'medium'],
    ]);
    expect(
      read.logger.records
        .filter((r) => r.level === 'warn')
        .map((r) => r.message),
    ).toEqual([
      'a role is defined twice; the last definition is used',
      'a namespace named "cluster" shares ids with cluster-wide grants',
      'a binding grants access to anonymous requests',
    ]);
    expect(
      read.logger.records.find((r) => r.message.startsWith('ignored'))?.fields,
    ).toEqual({ kinds: { '(not a Kubernetes object)': 1 } });
  });

  it('reads a folder recursively, skipping hidden folders and other YAML', async () => {
    await write(
      'base/sa.yml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n',
    );
    await write(
      'base/crb.json',
      JSON.stringify({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'a' },
        roleRef: { kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'a', namespace: 'default' }],
      }),
    );
    await write('values.yaml', 'replicas: 3\n');
    await write('.git/config.yaml', 'kind: [broken\n');
    await write('README.md', '# not read\n');

    const { inventory } = await readK8sRbac(temp, options({ label: 'repo' }));

    expect(inventory.sources.map((s) => s.file)).toEqual([
      join('repo', 'base/crb.json'),
      join('repo', 'base/sa.yml'),
      join('repo', 'values.yaml'),
    ]);
    expect(inventory.assignments).toMatchObject([
      {
        identity: 'k8s:sa:default/a',
        provenance: { file: join('repo', 'base/crb.json'), line: 1 },
      },
    ]);
  });
});
