import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryCommit } from '../src/evidence/audit.ts';
import type { AuditReport } from '../src/report/audit-text.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import {
  AUDIT_AUTHOR as author,
  auditPolicy as policy,
  auditRole as role,
} from './helpers/audit-fixtures.ts';
import { runRolesmith } from './helpers/run-cli.ts';

describe('rolesmith audit', () => {
  let repo: TempRepo;
  let root: string;
  let merge: string;
  let direct: string;

  beforeAll(async () => {
    repo = await createTempRepo({
      'policies/sod.yaml': policy('high'),
      'roles/finance/ap-clerk.yaml': role('ap-clerk', ['u1']),
    });
    root = (await repo.git('rev-parse', 'HEAD')).trim();
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-finance');
    await repo.commit(
      'Propose role ap-lead\n\nRolesmith-Roles: ap-lead\nReviewed-by: Rita Reviewer <rita@example.test>',
      { 'roles/finance/ap-lead.yaml': role('ap-lead', ['u2']) },
    );
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
    direct = await repo.commit('Tighten the policy', {
      'policies/sod.yaml': policy('critical'),
    });
  });
  afterAll(async () => {
    await repo.remove();
  });

  it('prints timelines and findings, and exits 1 on a direct change', async () => {
    const result = await runRolesmith(['audit'], repo.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const s = (sha: string) => sha.slice(0, 7);
    // The day as git recorded it, in the committer's time zone.
    const mergeDay = (await repo.git('log', '-1', '--format=%cI', merge))
      .trim()
      .slice(0, 10);
    expect(result.stdout).toContain(
      `Audit of main at ${s(direct)}: 3 files, 3 findings`,
    );
    expect(result.stdout).toContain(
      [
        'roles/finance/ap-lead.yaml (role ap-lead)',
        `  ${mergeDay}  ${s(merge)}  created  PR #7 rolesmith/roles-finance by ${author}, merged by ${author}`,
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      `  warning audit.direct-change policies/sod.yaml: policies/sod.yaml changed on main in ${s(direct)} "Tighten the policy" by ${author}, not through a merge`,
    );
    // Reviewed-by names someone other than the merger: not self-merged.
    expect(result.stdout).not.toContain('audit.self-merged');
  });

  it('exits 0 with --fail-on never and writes everything as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolesmith-audit-'));
    try {
      const out = join(dir, 'audit.json');
      const result = await runRolesmith(
        [
          'audit',
          '--format',
          'json',
          '-o',
          out,
          '--fail-on',
          'never',
          '--as-of',
          merge,
          '--entitlement',
          'sap:F110',
        ],
        repo.dir,
      );
      expect(result.code).toBe(0);
      const report = JSON.parse(await readFile(out, 'utf8')) as AuditReport & {
        tool: { name: string };
        commits: HistoryCommit[];
      };
      expect(report.tool.name).toBe('rolesmith');
      expect(report.head).toBe(direct);
      // JSON carries the history the timelines were built from.
      expect(report.commits.map((c) => c.sha)).toEqual([root, merge, direct]);
      expect(report.findings.map((f) => [f.code, f.severity, f.file])).toEqual([
        ['audit.direct-change', 'warning', 'policies/sod.yaml'],
        ['audit.direct-change', 'note', 'policies/sod.yaml'],
        ['audit.direct-change', 'note', 'roles/finance/ap-clerk.yaml'],
      ]);
      const lead = report.timelines.find((t) => t.id === 'ap-lead');
      expect(lead?.events).toMatchObject([
        {
          commit: merge,
          change: 'created',
          via: { kind: 'merge', pr: 7, mergedBy: author },
          trailers: [
            { key: 'Rolesmith-Roles', value: 'ap-lead' },
            { key: 'Reviewed-by', value: 'Rita Reviewer <rita@example.test>' },
          ],
        },
      ]);
      expect(report.asOf?.commit).toBe(merge);
      expect(
        report.entitled?.grants.map((g) => [g.identity, g.introduced.commit]),
      ).toEqual([
        ['u1', root],
        ['u2', merge],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers for the first commit and for today', async () => {
    const first = await runRolesmith(
      ['audit', '--as-of', root, '--entitlement', 'sap:F110'],
      repo.dir,
    );
    expect(first.stdout).toContain(
      `Entitled to sap:F110 at ${root.slice(0, 7)}: 1 identity\n  u1  role ap-clerk (roles/finance/ap-clerk.yaml)  since ${root.slice(0, 7)} direct by ${author}`,
    );
    const today = await runRolesmith(
      ['audit', '--as-of', '2999-01-01', '--format', 'markdown'],
      repo.dir,
    );
    expect(today.stdout).toContain('# Audit of `main`');
    expect(today.stdout).toContain('| warning | `audit.direct-change` |');
  });

  it('exits 2 on bad input with a clear message', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'rolesmith-plain-'));
    try {
      const notGit = await runRolesmith(['audit'], plain);
      expect(notGit.code).toBe(2);
      expect(notGit.stderr).toContain('is not inside a git repository');
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    const branch = await runRolesmith(['audit', '--branch', 'nope'], repo.dir);
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain('cannot resolve the git ref "nope"');
    const early = await runRolesmith(
      ['audit', '--as-of', '2000-01-01'],
      repo.dir,
    );
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('main had no commit yet on 2000-01-01');
    const ref = await runRolesmith(['audit', '--as-of', 'no-such'], repo.dir);
    expect(ref.code).toBe(2);
    expect(ref.stderr).toContain('cannot resolve the git ref "no-such"');
    const format = await runRolesmith(['audit', '--format', 'sarif'], repo.dir);
    expect(format.code).toBe(2);
  });
});
