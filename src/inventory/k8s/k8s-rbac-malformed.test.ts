import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../../errors.ts';
import { createMemoryLogger } from '../../logger.ts';
import { readK8sRbac } from './k8s-rbac.ts';
import { MAX_MANIFEST_BYTES } from './k8s-yaml.ts';
import type { OnBadRecord } from '../reader.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-k8s-bad-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

const options = (onBadRecord: OnBadRecord) => ({
  logger: createMemoryLogger(),
  onBadRecord,
});

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';
const CRB = `${RBAC}\nkind: ClusterRoleBinding\nmetadata: {name: b}`;
const RB = `${RBAC}\nkind: RoleBinding\nmetadata: {name: b, namespace: x}`;
const REF = 'roleRef: {kind: ClusterRole, name: view}';

/** Nine levels of nine aliases: 9^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (const [from, to] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
    const refs = Array.from({ length: 9 }, () => `*${String(from)}`);
    lines.push(`${String(to)}: &${String(to)} [${refs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

// [case, file text, line, message fragment]
const CASES: [string, string | Uint8Array, number, string][] = [
  [
    'a YAML syntax error',
    `${RBAC}\nkind: Role\nmetadata: {name: r\nrules: []\n`,
    // Where the parser notices: the flow mapping never closes.
    4,
    '',
  ],
  [
    'a duplicate key',
    `${RBAC}\nkind: Role\nkind: ClusterRole\nmetadata: {name: r}\n`,
    3,
    'unique',
  ],
  [
    'a binding without roleRef',
    `${CRB}\nsubjects: []\n`,
    1,
    'no usable roleRef',
  ],
  [
    'a roleRef without a name',
    `${CRB}\nroleRef: {kind: ClusterRole}\n`,
    4,
    'no usable roleRef',
  ],
  [
    'a ClusterRoleBinding to a Role',
    `${CRB}\nroleRef: {kind: Role, name: r}\n`,
    4,
    'no usable roleRef',
  ],
  [
    'a subject without a name',
    `${RB}\n${REF}\nsubjects:\n  - kind: User\n  - {kind: User, name: ok}\n`,
    6,
    'a User subject has no name',
  ],
  [
    'a subject without a kind',
    `${RB}\n${REF}\nsubjects:\n  - {name: alice}\n`,
    6,
    'a subject has no kind',
  ],
  [
    'a subject of an unknown kind',
    `${RB}\n${REF}\nsubjects:\n  - {kind: Team, name: a}\n`,
    6,
    'subject kind "Team" is not',
  ],
  [
    'a cluster-wide ServiceAccount subject without a namespace',
    `${CRB}\n${REF}\nsubjects:\n  - {kind: ServiceAccount, name: a}\n`,
    6,
    'has no namespace',
  ],
  [
    'subjects that are not a list',
    `${RB}\n${REF}\nsubjects: {kind: User, name: a}\n`,
    5,
    'subjects that are not a list',
  ],
  [
    'a rule without verbs',
    `${RBAC}\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n  - resources: [pods]\n`,
    5,
    'a rule has no verbs',
  ],
  [
    'a rule with a verb that is not a string',
    `${RBAC}\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n  - ` +
      `{resources: [pods], verbs: [get, 7]}\n`,
    5,
    'not a list of strings',
  ],
  [
    'a ServiceAccount without metadata.name',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  namespace: a\n',
    3,
    'no metadata.name',
  ],
  [
    'list items that are not a list',
    'apiVersion: v1\nkind: List\nitems: {a: 1}\n',
    3,
    'items is not a list',
  ],
  [
    'a list item that is not a mapping',
    'apiVersion: v1\nkind: List\nitems:\n  - just text\n',
    4,
    'not a mapping',
  ],
  [
    'an RBAC-shaped object without a kind',
    `metadata: {name: b}\n${REF}\nsubjects: []\n`,
    1,
    'no string apiVersion and kind',
  ],
  [
    'a Role without an apiVersion',
    'kind: Role\nmetadata: {name: r}\n',
    1,
    'no string apiVersion and kind',
  ],
  [
    'a List item without a kind',
    'apiVersion: v1\nkind: List\nitems:\n  - metadata: {name: a}\n',
    4,
    'no string apiVersion and kind',
  ],
  ['an alias bomb', `${RBAC}\nkind: Role\n${aliasBomb()}`, 1, 'aliases'],
  [
    'bytes that are not UTF-8',
    new Uint8Array([
      ...new TextEncoder().encode('apiVersion: v1\nkind: ServiceAccount\n'),
      0x6e,
      0xff,
      0x0a,
    ]),
    3,
    'not valid UTF-8',
  ],
];

describe('readK8sRbac on malformed manifests', () => {
  it.each(CASES)(
    'stops at %s with the file and line',
    async (_name, text, line, fragment) => {
      const file = join(temp, 'bad.yaml');
      await writeFile(file, text);

      const error = await readK8sRbac(file, options('stop')).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(RolesmithError);
      const fault = error as RolesmithError;
      expect(fault.exitCode).toBe(2);
      expect(fault.location).toMatchObject({ file, line });
      expect(fault.message).toContain(fragment);
      expect(fault.expected).toBeTruthy();
    },
  );

  it('skips broken documents and subjects, keeping the rest', async () => {
    const text = [
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: x}',
      `${RBAC}\nkind: Role\nmetadata: {name: [oops}`,
      `${RB}\n${REF}\nsubjects:\n  - {kind: User}\n  - {kind: ServiceAccount, name: a}`,
    ].join('\n---\n');
    const file = join(temp, 'mixed.yaml');
    await writeFile(file, text);

    const { inventory, skipped } = await readK8sRbac(file, options('skip'));

    expect(skipped.map((s) => [s.line, s.path, s.message])).toEqual([
      [7, 'document 2', expect.any(String) as string],
      [14, 'document 3 /subjects/0', 'a User subject has no name'],
    ]);
    expect(inventory.identities.map((i) => i.id)).toEqual(['k8s:sa:x/a']);
    expect(inventory.assignments).toMatchObject([
      { identity: 'k8s:sa:x/a', entitlement: 'k8s:x:clusterrole/view' },
    ]);
  });

  it('refuses a file larger than 64 MiB without reading it', async () => {
    const file = join(temp, 'huge.yaml');
    await writeFile(file, '');
    // Sparse: the size is real to stat() but costs no disk.
    await truncate(file, MAX_MANIFEST_BYTES + 1);

    const { skipped, inventory } = await readK8sRbac(file, options('skip'));

    expect(skipped).toEqual([
      expect.objectContaining({
        file,
        line: 1,
        message: expect.stringContaining('64 MiB') as string,
      }),
    ]);
    expect(inventory.sources).toEqual([]);
  });

  it.each([
    ['a path that does not exist', 'missing.yaml', 'does not exist'],
    ['a folder without manifests', '.', 'no .yaml, .yml or .json'],
  ])('rejects %s', async (_name, relative, fragment) => {
    const error = await readK8sRbac(
      join(temp, relative),
      options('stop'),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RolesmithError);
    expect((error as RolesmithError).message).toContain(fragment);
  });
});
