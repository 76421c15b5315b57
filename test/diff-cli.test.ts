import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueDiff } from '../src/checks/catalogue-diff.ts';
import type { FileMap, TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { sodPolicy } from './helpers/sod-policy.ts';

const policy = (critical: string[]) => `${sodPolicy()}least_privilege:
  critical: [${critical.join(', ')}]
`;

const role = (
  id: string,
  entitlements: string[],
  members: string[],
  criteria = '',
) => `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance', '@acme/grc']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
${criteria}review:
  next_review: 2027-06-01
labels: [finance]
`;

const exceptions = `exceptions:
  - identity: u9
    entitlement: sap:FB03
    reason: Year-end close cover.
    owner: '@acme/finance'
`;

/** The catalogue as committed: one clerk role and one exception. */
const committed: FileMap = {
  'policies/sod.yaml': policy(['sap:F110']),
  'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1', 'u2']),
  'exceptions/main.yaml': exceptions,
};

/** The change: the clerk gains a payment right and swaps a member. */
const change: FileMap = {
  'roles/ap-clerk.yaml': role(
    'ap-clerk',
    ['sap:FB60', 'sap:F110'],
    ['u1', 'u3'],
  ),
  'roles/vendor-admin.yaml': role('vendor-admin', ['sap:XK01'], ['u4']),
  'exceptions/main.yaml': null,
};

type DiffJson = CatalogueDiff & { tool: { name: string } };

describe('rolesmith diff', () => {
  let repo: TempRepo | undefined;
  const folders: string[] = [];
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
    for (const dir of folders.splice(0)) {
      await rm(dir, { recursive: true, force: true });
    }
  });

  async function folder(files: FileMap): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'rolesmith-diff-'));
    folders.push(dir);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) continue;
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it('compares the working tree with HEAD in text', async () => {
    repo = await createTempRepo(committed);
    await repo.write(change);

    const result = await runRolesmith(['diff'], repo.dir);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        'Catalogue diff: HEAD → working tree',
        'Without --inventory only explicit members count (no role has criteria).',
        'Roles: 1 added (vendor-admin); 1 changed (ap-clerk)',
        'Access: +4 grants to 3 identities, -2 grants from 2 identities, 4 entitlements affected',
        '',
        'Access by entitlement (4):',
        '  sap:F110  +2',
        '    gaining (2): u1, u3',
        '  sap:FB03  -1',
        '    losing (1): u9',
        '  sap:FB60  +1 -1',
        '    gaining (1): u3',
        '    losing (1): u2',
        '  sap:XK01  +1',
        '    gaining (1): u4',
        '',
        'New critical access (2):',
        '  ! u1  sap:F110',
        '  ! u3  sap:F110',
        '',
        'New SoD-relevant access (3):',
        '  ! u1  sap:F110  risks P2P-001',
        '  ! u3  sap:F110  risks P2P-001',
        '  ! u4  sap:XK01  risks P2P-001',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/ {2}roles +1 +2 {2}\+1\n/);
    expect(result.stdout).toMatch(/ {2}exceptions +1 +0 {2}-1\n/);
    expect(result.stdout).toMatch(/ {2}WSC +5 +8 {2}\+3\n/);
  });

  it('gives every list and the metrics in JSON', async () => {
    repo = await createTempRepo(committed);
    await repo.write(change);

    const result = await runRolesmith(['diff', '--format', 'json'], repo.dir);

    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as DiffJson;
    expect(diff.tool.name).toBe('rolesmith');
    expect(diff.before).toBe('HEAD');
    expect(diff.membership).toBe('explicit');
    expect(diff.entitlements.find((e) => e.entitlement === 'sap:FB60')).toEqual(
      {
        entitlement: 'sap:FB60',
        gained: [{ identity: 'u3', via: ['ap-clerk'] }],
        lost: [{ identity: 'u2', via: ['ap-clerk'] }],
      },
    );
    expect(diff.metrics.before).toMatchObject({
      roles: 1,
      exceptions: 1,
      ua: 2,
      pa: 1,
      wsc: 5,
    });
    expect(diff.metrics.after).toMatchObject({
      roles: 2,
      exceptions: 0,
      ua: 3,
      pa: 3,
      wsc: 8,
      identitiesCovered: 3,
    });
    expect(diff.metrics.delta).toMatchObject({ roles: 1, wsc: 3 });
  });

  it('classifies with the base policies when the change relaxes them', async () => {
    repo = await createTempRepo(committed);
    await repo.write({ ...change, 'policies/sod.yaml': policy([]) });

    const result = await runRolesmith(['diff', '--format', 'json'], repo.dir);

    const diff = JSON.parse(result.stdout) as DiffJson;
    expect(diff.newCritical).toEqual([
      { identity: 'u1', entitlement: 'sap:F110' },
      { identity: 'u3', entitlement: 'sap:F110' },
    ]);
  });

  it('compares with another ref given by --base', async () => {
    repo = await createTempRepo(committed);
    await repo.git('branch', 'base');
    await repo.commit('grow the clerk', change);

    const head = await runRolesmith(['diff', '--format', 'json'], repo.dir);
    const base = await runRolesmith(
      ['diff', '--base', 'base', '--format', 'json'],
      repo.dir,
    );

    expect((JSON.parse(head.stdout) as DiffJson).summary.gains).toBe(0);
    const diff = JSON.parse(base.stdout) as DiffJson;
    expect(diff.before).toBe('base');
    expect(diff.summary).toMatchObject({ gains: 4, losses: 2 });
  });

  it('resolves attribute criteria against --inventory', async () => {
    const byDepartment = (department: string) =>
      role(
        'fin',
        ['sap:FB60'],
        [],
        `  criteria:\n    - department: ${department}\n`,
      );
    repo = await createTempRepo({
      'policies/sod.yaml': policy([]),
      'roles/fin.yaml': byDepartment('Sales'),
      'hr/identities.csv':
        'id,kind,department\nu1,human,Finance\nu2,human,Sales\nu3,human,Finance\n',
    });
    await repo.write({ 'roles/fin.yaml': byDepartment('Finance') });

    const without = await runRolesmith(['diff'], repo.dir);
    const withInventory = await runRolesmith(
      ['diff', '--inventory', 'hr', '--format', 'json'],
      repo.dir,
    );

    expect(without.stdout).toContain(
      'the attribute criteria of 1 role were not resolved; access changes from the changed criteria of fin are not shown.',
    );
    expect(without.stdout).toContain('Access: no access changes');
    expect(withInventory.code).toBe(0);
    const diff = JSON.parse(withInventory.stdout) as DiffJson;
    expect(diff.membership).toBe('inventory');
    expect(diff.entitlements).toEqual([
      {
        entitlement: 'sap:FB60',
        gained: [
          { identity: 'u1', via: ['fin'] },
          { identity: 'u3', via: ['fin'] },
        ],
        lost: [{ identity: 'u2', via: ['fin'] }],
      },
    ]);
    expect(diff.metrics.delta.ua).toBe(1);
  });

  it('compares two folders with --from, without git', async () => {
    const before = await folder(committed);
    const after = await folder({ ...committed, ...change });

    const result = await runRolesmith(
      ['diff', after, '--from', before, '--format', 'json'],
      tmpdir(),
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as DiffJson;
    expect(diff.before).toBe(before);
    expect(diff.after).toBe(after);
    expect(diff.summary).toMatchObject({ gains: 4, losses: 2, newCritical: 2 });
  });

  it('writes markdown to --output atomically', async () => {
    repo = await createTempRepo(committed);
    await repo.write(change);

    const result = await runRolesmith(
      ['diff', '-f', 'markdown', '-o', 'out/diff.md'],
      repo.dir,
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const markdown = await readFile(join(repo.dir, 'out/diff.md'), 'utf8');
    expect(markdown).toMatch(/^## Catalogue diff: HEAD → working tree\n/);
    expect(markdown).toContain('| WSC | 5 | 8 | +3 |');
    expect(await readdir(join(repo.dir, 'out'))).toEqual(['diff.md']);
  });

  describe('bad input exits 2', () => {
    it('names an unreadable role file and writes nothing', async () => {
      repo = await createTempRepo(committed);
      await repo.write({ 'roles/ap-clerk.yaml': 'id: [unclosed\n' });

      const result = await runRolesmith(
        ['diff', '--format', 'json', '-o', 'diff.json'],
        repo.dir,
      );

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^rolesmith: roles\/ap-clerk\.yaml:\d+(:\d+)?: .*\(in working tree\)/,
      );
      expect(result.stderr).toContain('expected:');
      expect(result.stderr).toContain('`rolesmith check` lists every problem');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(repo.dir)).not.toContain('diff.json');
    });

    it('names a role that breaks its schema at the base', async () => {
      repo = await createTempRepo({
        ...committed,
        'roles/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']).replace(
          'audience: human',
          'audience: both',
        ),
      });

      const result = await runRolesmith(['diff'], repo.dir);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('roles/ap-clerk.yaml:3');
      expect(result.stderr).toContain('(in HEAD)');
    });

    it('explains the default base outside a git repository', async () => {
      const dir = await folder(committed);

      const result = await runRolesmith(['diff'], dir);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'cannot read the catalogue at HEAD, which diff compares with by default',
      );
      expect(result.stderr).toContain('--from <dir>');
    });

    it.each([
      [['--base', 'nope'], 'cannot resolve the git ref "nope"'],
      [['--base', 'HEAD', '--from', '.'], '--base and --from'],
      [['--format', 'sarif'], 'unknown format "sarif"'],
      [['--today', 'soon'], '--today "soon" is not a date'],
      [['--from', 'roles'], 'holds no roles/ or exceptions/ folder'],
      [['--from', 'missing'], 'is not a folder'],
    ])('rejects %j', async (args, message) => {
      repo = await createTempRepo(committed);

      const result = await runRolesmith(['diff', ...args], repo.dir);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    });
  });
});
