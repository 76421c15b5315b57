import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RolesmithError } from '../errors.ts';
import { createFsTree } from './file-tree.ts';

let root: string;
let outside: string;

/** Writes each path (forward slashes, relative to `base`) with its content. */
async function writeTree(
  base: string,
  files: Record<string, string>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(base, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rolesmith-tree-'));
  outside = await mkdtemp(join(tmpdir(), 'rolesmith-outside-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('createFsTree', () => {
  it('names itself the working tree', () => {
    expect(createFsTree(root).label).toBe('working tree');
  });

  it('lists files recursively as sorted forward-slash paths from the root', async () => {
    await writeTree(root, {
      'roles/z.yaml': '',
      'roles/finance/payables/ap-clerk.yaml': '',
      'roles/B.yaml': '',
      'roles/a.yaml': '',
      'roles/finance/ap-lead.yaml': '',
      'policies/sod.yaml': '',
    });

    const files = await createFsTree(root).list('roles');

    expect(files).toEqual([
      'roles/B.yaml',
      'roles/a.yaml',
      'roles/finance/ap-lead.yaml',
      'roles/finance/payables/ap-clerk.yaml',
      'roles/z.yaml',
    ]);
  });

  it('lists a nested folder with paths still relative to the root', async () => {
    await writeTree(root, {
      'catalogue/roles/a.yaml': '',
      'catalogue/roles/x/b.yaml': '',
    });

    expect(await createFsTree(root).list('catalogue/roles')).toEqual([
      'catalogue/roles/a.yaml',
      'catalogue/roles/x/b.yaml',
    ]);
  });

  it('lists every file, hidden and non-YAML ones included', async () => {
    await writeTree(root, {
      'roles/.hidden.yaml': '',
      'roles/README.md': '',
      'roles/.git/config': '',
    });

    expect(await createFsTree(root).list('roles')).toEqual([
      'roles/.git/config',
      'roles/.hidden.yaml',
      'roles/README.md',
    ]);
  });

  it('skips symbolic links to files and folders, inside or outside', async () => {
    await writeTree(root, { 'roles/real.yaml': 'id: real\n' });
    await writeTree(outside, {
      'secret.yaml': 'token: x\n',
      'more/deep.yaml': '',
    });
    await symlink(
      join(outside, 'secret.yaml'),
      join(root, 'roles/secret.yaml'),
    );
    await symlink(join(outside, 'more'), join(root, 'roles/more'));
    await symlink(
      join(root, 'roles/real.yaml'),
      join(root, 'roles/alias.yaml'),
    );
    await symlink(
      join(root, 'nowhere.yaml'),
      join(root, 'roles/dangling.yaml'),
    );

    expect(await createFsTree(root).list('roles')).toEqual(['roles/real.yaml']);
  });

  it.each([
    ['the listed folder', 'roles', 'roles'],
    ['a folder above it', 'catalogue', 'catalogue/roles'],
  ])('lists nothing when %s is a link', async (_name, link, dir) => {
    await writeTree(outside, { 'x.yaml': '', 'roles/x.yaml': '' });
    await mkdir(dirname(join(root, link)), { recursive: true });
    await symlink(outside, join(root, link));

    expect(await createFsTree(root).list(dir)).toEqual([]);
  });

  it('still lists a root that is reached through a link', async () => {
    await writeTree(root, { 'roles/a.yaml': '' });
    const linkedRoot = join(outside, 'repo');
    await symlink(root, linkedRoot);

    expect(await createFsTree(linkedRoot).list('roles')).toEqual([
      'roles/a.yaml',
    ]);
  });

  it('lists a missing folder as empty', async () => {
    expect(await createFsTree(root).list('roles')).toEqual([]);
  });

  it('lists a file given as the folder as empty', async () => {
    await writeTree(root, { roles: 'not a folder' });

    expect(await createFsTree(root).list('roles')).toEqual([]);
  });

  it('lists an empty folder as empty', async () => {
    await mkdir(join(root, 'roles', 'finance'), { recursive: true });

    expect(await createFsTree(root).list('roles')).toEqual([]);
  });

  it('reads a file as bytes', async () => {
    await writeTree(root, { 'roles/a.yaml': 'id: a # café\n' });

    const bytes = await createFsTree(root).read('roles/a.yaml');

    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('id: a # café\n');
  });

  it('throws an io error naming a file that cannot be read', async () => {
    const error: unknown = await createFsTree(root)
      .read('roles/missing.yaml')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RolesmithError);
    expect(error).toMatchObject({
      code: 'io',
      message: 'cannot read roles/missing.yaml',
      location: { file: 'roles/missing.yaml' },
      cause: expect.objectContaining({ code: 'ENOENT' }) as unknown,
    });
  });

  it.each([
    ['a file that is a link', 'policies/role.schema.json'],
    ['a file below a linked folder', 'policies/shared/role.schema.json'],
  ])('refuses to read %s', async (_name, path) => {
    await writeTree(outside, { 'role.schema.json': '{"secret": 1}' });
    await mkdir(join(root, 'policies'));
    await symlink(
      join(outside, 'role.schema.json'),
      join(root, 'policies/role.schema.json'),
    );
    await symlink(outside, join(root, 'policies/shared'));

    await expect(createFsTree(root).read(path)).rejects.toMatchObject({
      code: 'io',
      message: `cannot read ${path}: it is a symbolic link`,
      location: { file: path },
    });
  });

  it('throws an io error when reading a folder', async () => {
    await mkdir(join(root, 'roles'));

    await expect(createFsTree(root).read('roles')).rejects.toMatchObject({
      code: 'io',
      message: 'cannot read roles',
    });
  });
});
