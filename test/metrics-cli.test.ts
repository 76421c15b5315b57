import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsReport } from '../src/evidence/metrics.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { runRolesmith } from './helpers/run-cli.ts';

const policy = `owners: ['@acme/grc']
functions:
  - id: vendor-maintenance
    title: Maintain vendors
    entitlements: [sap:XK01]
  - id: payment-release
    title: Release payments
    entitlements: [sap:F110]
risks:
  - id: P2P-001
    title: Create a vendor and pay it
    severity: critical
    owner: '@acme/grc'
    rationale: A fictitious vendor could be created and paid.
    functions: [vendor-maintenance, payment-release]
    outcome: block
`;

const role = (id: string, entitlements: string[], members: string[]) =>
  `id: ${id}
title: ${id}
audience: human
owners: ['@acme/finance']
entitlements: [${entitlements.join(', ')}]
membership:
  identities: [${members.join(', ')}]
review:
  next_review: 2027-06-01
`;

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

  // Fixed author and committer dates, so that time to merge is exact.
  const at = (date: string) => {
    process.env.GIT_AUTHOR_DATE = date;
    process.env.GIT_COMMITTER_DATE = date;
  };
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
      'policies/sod.yaml': policy,
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
    delete process.env.GIT_AUTHOR_DATE;
    delete process.env.GIT_COMMITTER_DATE;
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
    ]);
    expect(report.sod).toEqual({
      afterMerge: 1,
      viaPullRequest: 0,
      caughtInPullRequest: 1,
      atStart: 0,
    });
    expect(report.proposals).toEqual({
      merged: 2,
      closed: 1,
      open: 0,
      acceptance: 0.666667,
      medianHoursToMerge: 14,
    });
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
      new RegExp(`^${sha.c4?.slice(0, 7) ?? ''}  2026-11-02 +3 `),
    );
    expect(result.stdout).toContain('roles: 3 → 4 (+1)');
    expect(result.stdout).toContain('candidate acceptance: 66.67%');
    expect(result.stdout).toContain('median time from proposal to merge: 14 h');
    expect(result.stdout).toContain(
      'time to produce the evidence pack: 3.50 s',
    );
  });

  it('reads only the commits that changed the catalogue', async () => {
    const result = await runRolesmith(['metrics', '--debug'], repo.dir);
    expect(result.code).toBe(0);
    // c4 changed no catalogue file, so it reuses c3's reading.
    expect(result.stderr).toContain('commits=5, read=4, proposals=3');
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
