import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../src/catalogue/evidence-pack.ts';
import { renderCsv } from '../src/report/csv.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import {
  AUDIT_AUTHOR as author,
  auditPolicy as policy,
  auditRole as role,
} from './helpers/audit-fixtures.ts';
import { runRolesmith } from './helpers/run-cli.ts';

// A comma in the name: the CSV must quote the cell.
const jane = 'Doe, Jane <jane@example.test>';

/** Every file of a folder, relative path → bytes. */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const e of entries.filter((entry) => entry.isFile())) {
    const full = join(e.parentPath, e.name);
    files.set(full.slice(dir.length + 1), await readFile(full));
  }
  return files;
}

describe('rolesmith audit --export', () => {
  let repo: TempRepo;
  let out: string;
  let root: string;
  let merge: string;
  let direct: string;
  const dateOf = async (sha: string) =>
    (await repo.git('log', '-1', '--format=%cI', sha)).trim();

  beforeAll(async () => {
    repo = await createTempRepo({
      'policies/sod.yaml': policy('high'),
      'roles/finance/ap-clerk.yaml': role('ap-clerk', ['u1']),
    });
    root = (await repo.git('rev-parse', 'HEAD')).trim();
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-finance');
    await repo.write({ 'roles/finance/ap-lead.yaml': role('ap-lead', ['u2']) });
    await repo.git('add', '-A');
    await repo.git('commit', '-q', `--author=${jane}`, '-m', 'Propose ap-lead');
    await repo.git('checkout', '-q', 'main');
    await repo.git(
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'Merge pull request #7 from acme/rolesmith/roles-finance',
      'rolesmith/roles-finance',
    );
    merge = (await repo.git('rev-parse', 'HEAD')).trim();
    direct = await repo.commit('Tighten the "policy"', {
      'policies/sod.yaml': policy('critical'),
    });
    out = await mkdtemp(join(tmpdir(), 'rolesmith-export-'));
  });
  afterAll(async () => {
    await repo.remove();
    await rm(out, { recursive: true, force: true });
  });

  it('writes a pack that verifies, and fails verify after one byte changes', async () => {
    const pack = join(out, 'pack');
    const result = await runRolesmith(
      ['audit', '--export', pack, '--fail-on', 'never'],
      repo.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(
      await readFile(join(pack, 'manifest.json'), 'utf8'),
    ) as PackManifest;
    expect(manifest.files.map((f) => f.path)).toEqual([
      'audit.json',
      'audit.md',
      'catalogue/policies/sod.yaml',
      'catalogue/roles/finance/ap-clerk.yaml',
      'catalogue/roles/finance/ap-lead.yaml',
      'findings.csv',
      'report.html',
      'timelines.csv',
    ]);
    expect(manifest.subject).toEqual({
      repository: basename(repo.dir),
      branch: 'main',
      commit: direct,
      catalogue_commit: direct,
    });
    expect(result.stdout).toMatch(
      new RegExp(
        `^Evidence pack ${pack}: 8 files and manifest\\.json, produced in \\d+ ms\n` +
          `Manifest digest \\(sha256\\): ${manifest.digest}\n` +
          `Verify it with: rolesmith verify ${pack}\n$`,
      ),
    );
    // The catalogue is the committed bytes, not a re-serialisation.
    expect(
      await readFile(join(pack, 'catalogue/policies/sod.yaml'), 'utf8'),
    ).toBe(policy('critical'));
    const json = JSON.parse(
      await readFile(join(pack, 'audit.json'), 'utf8'),
    ) as {
      head: string;
      commits: unknown[];
    };
    expect(json.head).toBe(direct);
    expect(json.commits).toHaveLength(3);
    expect(await readFile(join(pack, 'audit.md'), 'utf8')).toContain(
      '# Audit of `main`',
    );
    const html = await readFile(join(pack, 'report.html'), 'utf8');
    expect(html).toContain(`<code>${direct}</code>`);
    expect(html).toContain('data-testid="trends"');

    const ok = await runRolesmith(['verify', pack], repo.dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('8 files match the manifest');

    const file = join(pack, 'catalogue/roles/finance/ap-lead.yaml');
    const bytes = await readFile(file);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await writeFile(file, bytes);
    const bad = await runRolesmith(['verify', pack], repo.dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      '✖ the pack does not match its manifest:\n  changed  catalogue/roles/finance/ap-lead.yaml\n',
    );
  });

  it('writes one CSV row per event and per finding, quoted per RFC 4180', async () => {
    const pack = join(out, 'csv');
    const result = await runRolesmith(
      ['audit', '--export', pack, '--fail-on', 'never'],
      repo.dir,
    );
    expect(result.code).toBe(0);
    const [rootDate, mergeDate, directDate] = await Promise.all(
      [root, merge, direct].map(dateOf),
    );
    expect(await readFile(join(pack, 'timelines.csv'), 'utf8')).toBe(
      [
        'file,kind,id,date,commit,change,from,via_kind,pr,branch,author,merged_by,data_date,sources,merge_style,pr_author,pr_merged_by,approvals,checks',
        `policies/sod.yaml,policy,sod,${rootDate},${root},created,,direct,,,${author},,,,,,,,`,
        `policies/sod.yaml,policy,sod,${directDate},${direct},changed,,direct,,,${author},,,,,,,,`,
        `roles/finance/ap-clerk.yaml,role,ap-clerk,${rootDate},${root},created,,direct,,,${author},,,,,,,,`,
        // Offline, nothing of GitHub's: the pull request columns are empty.
        `roles/finance/ap-lead.yaml,role,ap-lead,${mergeDate},${merge},created,,merge,7,rolesmith/roles-finance,"${jane}",${author},,,merge,,,,`,
        '',
      ].join('\r\n'),
    );
    const findings = await readFile(join(pack, 'findings.csv'), 'utf8');
    const lines = findings.split('\r\n');
    expect(lines[0]).toBe('severity,code,file,line,message,hint');
    expect(lines).toHaveLength(5);
    // The subject's quotes are doubled inside a quoted cell.
    expect(lines[1]).toMatch(
      /^warning,audit\.direct-change,policies\/sod\.yaml,,"policies\/sod\.yaml changed on main in [0-9a-f]{7} ""Tighten the ""policy"""" by Test Author <author@example\.test>, not through a merge",/,
    );
  });

  it('re-exports the same commit byte for byte', async () => {
    const first = join(out, 'first');
    const second = join(out, 'second');
    const args = ['--as-of', merge, '--fail-on', 'never'];
    const a = await runRolesmith(
      ['audit', '--export', first, ...args],
      repo.dir,
    );
    const b = await runRolesmith(
      ['audit', '--export', second, ...args],
      repo.dir,
    );
    expect([a.code, b.code]).toEqual([0, 0]);
    const [filesA, filesB] = await Promise.all([
      readTree(first),
      readTree(second),
    ]);
    expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
    for (const [path, bytes] of filesA) {
      expect(filesB.get(path)?.equals(bytes), path).toBe(true);
    }
    // As of the merge: the policy before it was tightened.
    expect(filesA.get('catalogue/policies/sod.yaml')?.toString()).toBe(
      policy('high'),
    );
    const manifest = JSON.parse(
      filesA.get('manifest.json')?.toString() ?? '',
    ) as PackManifest;
    expect(manifest.subject).toMatchObject({
      commit: direct,
      catalogue_commit: merge,
      as_of: merge,
    });
  });

  it('refuses a non-empty folder without --force, and the catalogue with it', async () => {
    const taken = join(out, 'taken');
    await mkdir(taken);
    await writeFile(join(taken, 'notes.txt'), 'mine\n');
    const refused = await runRolesmith(['audit', '--export', taken], repo.dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `--export ${taken} exists and is not empty`,
    );
    expect(await readFile(join(taken, 'notes.txt'), 'utf8')).toBe('mine\n');

    const forced = await runRolesmith(
      ['audit', '--export', taken, '--force', '--fail-on', 'never'],
      repo.dir,
    );
    expect(forced.code).toBe(0);
    expect(await readdir(taken)).not.toContain('notes.txt');
    expect((await runRolesmith(['verify', taken], repo.dir)).code).toBe(0);

    const self = await runRolesmith(
      ['audit', '--export', '.', '--force'],
      repo.dir,
    );
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('replacing it would delete the catalogue');
    expect(await readdir(repo.dir)).toContain('roles');

    const stray = await runRolesmith(['audit', '--force'], repo.dir);
    expect(stray.code).toBe(2);
  });

  it('quotes only the cells RFC 4180 needs quoted', () => {
    expect(
      renderCsv(
        ['a', 'b'],
        [
          ['plain', 'x,y'],
          ['say "hi"', 'two\nlines'],
        ],
      ),
    ).toBe('a,b\r\nplain,"x,y"\r\n"say ""hi""","two\nlines"\r\n');
  });
});
