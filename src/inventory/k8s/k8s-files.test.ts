import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isK8sManifestSource, listManifestFiles } from './k8s-files.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'rolesmith-k8s-files-'));
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

const BINDING =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding # grants\n';

describe('isK8sManifestSource', () => {
  it.each([
    ['a YAML RoleBinding', 'rb.yaml', BINDING, true],
    [
      'a list of Roles',
      'roles.yml',
      'apiVersion: v1\nitems:\n- kind: Role\n  apiVersion: ' +
        'rbac.authorization.k8s.io/v1\nkind: List\n',
      true,
    ],
    [
      'minified JSON',
      'sa.json',
      '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"a"}}',
      true,
    ],
    [
      'a Deployment only',
      'app.yaml',
      'apiVersion: apps/v1\nkind: Deployment\n',
      false,
    ],
    ['a kind without apiVersion', 'r.yaml', 'kind: Role\n', false],
    ['a CSV file', 'identities.csv', 'kind: Role\napiVersion: v1\n', false],
    [
      'a role catalogue file',
      'roles/ap-clerk.yaml',
      'id: ap-clerk\ntitle: AP clerk\n',
      false,
    ],
  ])('tells %s (%s): %s', async (_name, file, text, expected) => {
    const path = await write(file, text);

    expect(await isK8sManifestSource(path)).toBe(expected);
  });

  it('finds a manifest deep in a folder, ignoring hidden folders', async () => {
    await write('.github/workflows/ci.yaml', BINDING);
    await write('README.md', '# manifests\n');

    expect(await isK8sManifestSource(temp)).toBe(false);

    await write('apps/shop/rbac.yaml', BINDING);
    expect(await isK8sManifestSource(temp)).toBe(true);
  });

  it('says no to a path that does not exist', async () => {
    expect(await isK8sManifestSource(join(temp, 'missing'))).toBe(false);
  });
});

describe('listManifestFiles', () => {
  it('lists YAML and JSON files in a stable order', async () => {
    await write('b.yaml', '');
    await write('a/z.JSON', '');
    await write('a/y.yml', '');
    await write('node_modules/x/c.yaml', '');
    await write('notes.txt', '');

    expect(await listManifestFiles(temp)).toEqual([
      join(temp, 'a/y.yml'),
      join(temp, 'a/z.JSON'),
      join(temp, 'b.yaml'),
    ]);
  });
});
