import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsReport } from '../src/evidence/metrics.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { sodPolicy } from './helpers/sod-policy.ts';
import { commitDates as at, roleYaml as role } from './metrics-fixtures.ts';

const exceptions = `exceptions:
  - identity: u9
    entitlement: sap:SUIM
    reason: Display access for the statutory audit fieldwork.
    owner: '@acme/internal-audit'
    expires: 2027-02-26
`;

describe('rolesmith metrics', () => {
  let repo: TempRepo;
  const sha: Record<string, string> = {};

  const merge = async (
    branch: string,
    message = `Merge branch '${branch}'`,
  ) => {
    await repo.git('checkout', '-q', 'main');
    await repo.git('merge', '-q', '--no-ff', '-m', message, branch);
    return (await repo.git('rev-parse', 'HEAD')).trim();
  };

  beforeAll(async () => {
    at('2026-11-01T09:00:00Z');
    repo = await createTempRepo({
      'policies/sod.yaml': sodPolicy(),
      'roles/finance/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    sha.c1 = (await repo.git('rev-parse', 'HEAD')).trim();

    // A proposal opened at 10:00 and merged at 14:00: four hours.
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-finance');
    at('2026-11-01T10:00:00Z');
    await repo.commit('Propose role ap-lead\n\nRolesmith-Roles: ap-lead', {
      'roles/finance/ap-lead.yaml': role('ap-lead', ['sap:F110'], ['u2']),
    });
    at('2026-11-01T14:00:00Z');
    sha.c2 = await merge('rolesmith/roles-finance');

    // A proposal with a toxic role, closed in the local forge: caught.
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-ops');
    at('2026-11-01T15:00:00Z');
    await repo.commit('Propose role vendor-payer', {
      'roles/ops/vendor-payer.yaml': role(
        'vendor-payer',
        ['sap:XK01', 'sap:F110'],
        ['u3'],
      ),
    });
    await repo.git('checkout', '-q', 'main');
    const forge = join(repo.dir, '.git', 'rolesmith', 'proposals');
    await mkdir(forge, { recursive: true });
    await writeFile(
      join(forge, 'rolesmith__roles-ops.json'),
      JSON.stringify({
        head: 'rolesmith/roles-ops',
        base: 'main',
        state: 'closed',
      }),
    );
    // Superseded: reorganised, not rejected, so not counted.
    await writeFile(
      join(forge, 'rolesmith__roles-old.json'),
      JSON.stringify({
        head: 'rolesmith/roles-old',
        state: 'closed',
        supersededBy: 'rolesmith/roles-finance',
      }),
    );
    // Not what propose writes: skipped with a warning.
    await writeFile(join(forge, 'broken.json'), '{');

    // A direct commit that gives u2 vendor maintenance beside payments.
    at('2026-11-02T09:00:00Z');
    sha.c3 = await repo.commit('Let u2 maintain vendors', {
      'roles/finance/vendor-admin.yaml': role(
        'vendor-admin',
        ['sap:XK01'],
        ['u2'],
      ),
      'exceptions/finance.yaml': exceptions,
    });
    // Nothing under the catalogue folders: read from the cache.
    at('2026-11-02T09:30:00Z');
    sha.c4 = await repo.commit('Document the catalogue', {
      'README.md': 'x\n',
    });

    // Opened on the 2nd at 10:00, merged a day later: 24 hours.
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-hr');
    at('2026-11-02T10:00:00Z');
    await repo.commit('Propose role hr-clerk\n\nRolesmith-Roles: hr-clerk', {
      'roles/hr/hr-clerk.yaml': role('hr-clerk', ['hr:PA30'], ['u4']),
    });
    at('2026-11-03T10:00:00Z');
    sha.c5 = await merge(
      'rolesmith/roles-hr',
      'Merge pull request #12 from acme/rolesmith/roles-hr',
    );
    // Squash-merged on GitHub: one parent, ` (#14)`, propose's trailer
    // kept; a toxic role that came through a pull request all the same.
    at('2026-11-03T12:00:00Z');
    sha.c6 = await repo.commit(
      'rolesmith: Role ap-toxic (added) (#14)\n\n- add ap-toxic\n\nRolesmith-Roles: ap-toxic',
      {
        'roles/finance/ap-toxic.yaml': role(
          'ap-toxic',
          ['sap:XK01', 'sap:F110'],
          ['u5'],
        ),
      },
    );
    at(undefined);
  });
  afterAll(async () => {
    await repo.remove();
  });

  it('computes the series, SoD origins and acceptance from git and the forge', async () => {
    const result = await runRolesmith(
      ['metrics', '--format', 'json'],
      repo.dir,
    );
    expect(result.stderr).toBe(
      'warning: skipping an unreadable local forge proposal (file=broken.json)\n',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as MetricsReport;
    expect(
      report.points.map((p) => [
        p.commit,
        p.roles,
        p.entitlementsPerRole,
        p.rolesPerIdentity,
        p.exceptions,
        p.mixedRoles,
        p.unjudgedRoles,
        p.sodFindings,
        p.sodIntroducedDirect,
        p.sodIntroducedByMerge,
      ]),
    ).toEqual([
      [sha.c1, 1, 1, 1, 0, 0, 1, 0, 0, 0],
      [sha.c2, 2, 1, 1, 0, 0, 2, 0, 0, 0],
      [sha.c3, 3, 1, 1.5, 1, 0, 3, 1, 1, 0],
      [sha.c4, 3, 1, 1.5, 1, 0, 3, 1, 0, 0],
      [sha.c5, 4, 1, 1.333333, 1, 0, 4, 1, 0, 0],
      // The squash commit's conflict came through pull request #14.
      [sha.c6, 5, 1.2, 1.25, 1, 0, 5, 2, 0, 1],
    ]);
    expect(report.sod).toEqual({
      afterMerge: 1,
      viaPullRequest: 1,
      caughtInPullRequest: 1,
      atStart: 0,
    });
    // Two merge commits and the squash; the superseded one apart.
    expect(report.proposals).toEqual({
      merged: 3,
      closed: 1,
      open: 0,
      superseded: 1,
      acceptance: 0.75,
      medianHoursToMerge: 14,
    });
    expect(report.notes).toEqual([
      expect.stringMatching(/^mixed roles: without --inventory/),
      'time to merge: 1 merged proposal has no opening date (a squash commit read offline keeps none), so it is not in the median',
      'squash merges: 1 commit in the window and 1 merged proposal were taken as merges through the pull request the subject names (" (#N)"); offline, squash detection relies on the commit message, which anyone can write',
    ]);
  });

  it('prints a trend table and the headline figures', async () => {
    const result = await runRolesmith(
      ['metrics', '--limit', '2', '--pack-seconds', '3.5'],
      repo.dir,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Metrics of main: 2 commits');
    expect(lines[3]).toMatch(
      new RegExp(`^${sha.c5?.slice(0, 7) ?? ''}  2026-11-03 +4 `),
    );
    expect(result.stdout).toContain('roles: 4 → 5 (+1)');
    expect(result.stdout).toContain(
      'proposals: 3 merged, 1 closed, 0 open, 1 superseded (not counted)',
    );
    expect(result.stdout).toContain('candidate acceptance: 75%');
    expect(result.stdout).toContain(
      'median time from pull request to first approval: n/a (approvals are read with --repo)',
    );
    expect(result.stdout).toContain('median time from proposal to merge: 14 h');
    expect(result.stdout).toContain(
      'time to produce the evidence pack: 3.50 s',
    );
  });

  it('reads only the commits that changed the catalogue', async () => {
    const result = await runRolesmith(['metrics', '--debug'], repo.dir);
    expect(result.code).toBe(0);
    // c4 changed no catalogue file, so it reuses c3's reading.
    expect(result.stderr).toContain('commits=6, read=5, proposals=5');
  });

  it('renders Markdown and refuses a bad limit', async () => {
    const md = await runRolesmith(
      ['metrics', '--format', 'markdown'],
      repo.dir,
    );
    expect(md.stdout).toContain('| commit | date | roles |');
    const bad = await runRolesmith(['metrics', '--limit', '0'], repo.dir);
    expect(bad.code).toBe(2);
  });
});
