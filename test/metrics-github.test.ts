import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsReport } from '../src/evidence/metrics.ts';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import type {
  WorldPull,
  WorldRepo,
  WorldReview,
} from './github-standin/world.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import { sodPolicy } from './helpers/sod-policy.ts';
import { commitDates as at, roleYaml as role } from './metrics-fixtures.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';

/** What `propose` posts before closing a proposal a newer one replaces. */
const SUPERSEDED =
  'Superseded by https://github.com/acme/catalogue/pull/7: a newer rolesmith proposal covers these roles.';

describe('rolesmith metrics --repo', () => {
  let repo: TempRepo;
  let standin: GithubStandin;
  const sha: Record<string, string> = {};
  const env = () => ({
    GITHUB_TOKEN: standin.token,
    GITHUB_API_URL: standin.baseUrl,
    ROLESMITH_GITHUB_RETRY_UNIT_MS: '1',
  });

  beforeAll(async () => {
    at('2026-11-01T09:00:00Z');
    repo = await createTempRepo({
      'policies/sod.yaml': sodPolicy(),
      'roles/finance/ap-clerk.yaml': role('ap-clerk', ['sap:FB60'], ['u1']),
    });
    sha.c1 = (await repo.git('rev-parse', 'HEAD')).trim();

    // #1, merged as a merge commit.
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-finance');
    at('2026-11-01T10:00:00Z');
    sha.head1 = await repo.commit('Propose ap-lead', {
      'roles/finance/ap-lead.yaml': role('ap-lead', ['sap:F110'], ['u2']),
    });
    await repo.git('checkout', '-q', 'main');
    at('2026-11-01T14:00:00Z');
    await repo.git(
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'Merge pull request #1 from acme/rolesmith/roles-finance',
      'rolesmith/roles-finance',
    );
    sha.c2 = (await repo.git('rev-parse', 'HEAD')).trim();

    // #2, closed unmerged with a toxic role; its head is still here.
    await repo.git('checkout', '-q', '-b', 'rolesmith/roles-ops');
    at('2026-11-01T15:00:00Z');
    sha.head2 = await repo.commit('Propose vendor-payer', {
      'roles/ops/vendor-payer.yaml': role(
        'vendor-payer',
        ['sap:XK01', 'sap:F110'],
        ['u3'],
      ),
    });
    await repo.git('checkout', '-q', 'main');

    // A direct commit that gives u2 vendor maintenance beside payments.
    at('2026-11-02T09:00:00Z');
    sha.c3 = await repo.commit('Let u2 maintain vendors', {
      'roles/finance/vendor-admin.yaml': role(
        'vendor-admin',
        ['sap:XK01'],
        ['u2'],
      ),
    });

    // #3, squash-merged: one parent, ` (#3)`; a conflict all the same.
    at('2026-11-03T10:00:00Z');
    sha.c4 = await repo.commit(
      'rolesmith: Role ap-toxic (added) (#3)\n\nRolesmith-Roles: ap-toxic',
      {
        'roles/finance/ap-toxic.yaml': role(
          'ap-toxic',
          ['sap:XK01', 'sap:F110'],
          ['u5'],
        ),
      },
    );
    at(undefined);

    standin = await startGithubStandin({
      world: {
        orgs: [
          {
            login: 'acme',
            members: { alice: 'member', bob: 'member' },
            repos: [
              {
                name: 'catalogue',
                collaborators: { octocat: 'pull' },
                labels: [{ name: 'superseded' }],
              },
            ],
          },
        ],
      },
    });
    const world = standin.world.orgs.get('acme')?.repos[0];
    if (world === undefined) throw new Error('no repository');
    addPulls(standin, world, sha);
  });

  afterEach(() => {
    standin.assertNoViolations();
  });

  afterAll(async () => {
    await standin.close();
    await repo.remove();
  });

  it('counts acceptance, time to approval and to merge from pull requests', async () => {
    const result = await runRolesmith(
      ['metrics', '--repo', 'acme/catalogue', '--format', 'json'],
      repo.dir,
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as MetricsReport;
    // #1 and #3 merged, #2 and #4 closed; #5 and #6 superseded; #7 open;
    // #8 went into another branch, #9 and the 120 after it are no
    // proposals.
    expect(report.proposals).toEqual({
      merged: 2,
      closed: 2,
      open: 1,
      superseded: 2,
      acceptance: 0.5,
      // First approvals after 3 h (#1), 22 h (#3) and 1 h (#4).
      medianHoursToApproval: 3,
      // 4 h (#1) and 24 h (#3).
      medianHoursToMerge: 14,
    });
    // The squash commit counts as a merge, the direct one does not; #2's
    // toxic role never reached main, so it was caught.
    expect(
      report.points.map((p) => [
        p.commit,
        p.sodIntroducedDirect,
        p.sodIntroducedByMerge,
      ]),
    ).toEqual([
      [sha.c1, 0, 0],
      [sha.c2, 0, 0],
      [sha.c3, 1, 0],
      [sha.c4, 0, 1],
    ]);
    expect(report.sod).toEqual({
      afterMerge: 1,
      viaPullRequest: 1,
      caughtInPullRequest: 1,
      atStart: 0,
    });
    expect(report.notes).toEqual([
      'proposals: the pull requests of acme/catalogue from rolesmith/ branches into main, read from GitHub; merge commits and the local forge are not counted beside them',
      expect.stringMatching(/^mixed roles: without --inventory/),
      'caught in pull request: 1 closed proposal could not be evaluated (no branch or head commit in the local repository to read), so their SoD findings are not counted',
      'time to approval: 1 of 4 merged or closed pull requests had no approving review, so it is not in the median',
      'squash merges: 1 commit in the window was taken as a merge through the pull request the subject names (" (#N)"); offline, squash detection relies on the commit message, which anyone can write',
    ]);
    // Reviews of decided pull requests only, comments of closed ones
    // only when neither label nor body said superseded.
    const asked = standin.requests.map(
      (r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`,
    );
    expect(asked.filter((p) => p.endsWith('/pulls'))).toEqual([
      'GET /repos/acme/catalogue/pulls',
      'GET /repos/acme/catalogue/pulls',
    ]);
    expect(asked.filter((p) => p.endsWith('/reviews')).sort()).toEqual(
      [1, 2, 3, 4].map((n) => `GET /repos/acme/catalogue/pulls/${n}/reviews`),
    );
    expect(asked.filter((p) => p.endsWith('/comments')).sort()).toEqual(
      [2, 4, 5].map((n) => `GET /repos/acme/catalogue/issues/${n}/comments`),
    );
  });

  it('shows the figures as text and Markdown, the same on every run', async () => {
    const text = await runRolesmith(
      ['metrics', '--repo', 'acme/catalogue'],
      repo.dir,
      env(),
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'proposals: 2 merged, 2 closed, 1 open, 2 superseded (not counted)\n' +
        'candidate acceptance: 50%\n' +
        'median time from pull request to first approval: 3 h\n' +
        'median time from proposal to merge: 14 h\n',
    );
    const again = await runRolesmith(
      ['metrics', '--repo', 'acme/catalogue'],
      repo.dir,
      env(),
    );
    expect(again.stdout).toBe(text.stdout);
    const md = await runRolesmith(
      ['metrics', '--repo', 'acme/catalogue', '--format', 'markdown'],
      repo.dir,
      env(),
    );
    expect(md.stdout).toContain(
      '- median time from pull request to first approval: 3 h\n',
    );
    expect(md.stdout).toContain('- _Note:_ time to approval: 1 of 4');
  });

  it('exits 2 for a repository GitHub does not show, or without a token', async () => {
    const missing = await runRolesmith(
      ['metrics', '--repo', 'acme/nope'],
      repo.dir,
      env(),
    );
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(
      '--repo acme/nope: GitHub has no repository acme/nope that the token can see (404 on GET /repos/acme/nope)',
    );
    expect(missing.stderr).not.toContain(standin.token);

    const noToken = await runRolesmith(
      ['metrics', '--repo', 'acme/catalogue'],
      repo.dir,
      { ...env(), GITHUB_TOKEN: '' },
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain(
      '--repo acme/catalogue: GITHUB_TOKEN is not set',
    );
    const bad = await runRolesmith(
      ['metrics', '--repo', 'not a repo'],
      repo.dir,
      env(),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not a repo" is not a repository');
  });

  it('stays offline without --repo, even with GITHUB_REPOSITORY set', async () => {
    standin.clearRequests();
    const result = await runRolesmith(
      ['metrics', '--format', 'json'],
      repo.dir,
      { ...env(), GITHUB_REPOSITORY: 'acme/catalogue' },
    );
    expect(result.code).toBe(0);
    expect(standin.requests).toEqual([]);
    const report = JSON.parse(result.stdout) as MetricsReport;
    // The merge commit and the squash commit; no forge, no approvals.
    expect(report.proposals).toEqual({
      merged: 2,
      closed: 0,
      open: 0,
      superseded: 0,
      acceptance: 1,
      medianHoursToMerge: 4,
    });
  });
});

/** The repository's pull requests, as the test's history made them. */
function addPulls(
  standin: GithubStandin,
  world: WorldRepo,
  sha: Record<string, string>,
): void {
  const review = (
    state: WorldReview['state'],
    submittedAt: string,
    commitId: string,
    user = 'alice',
  ): WorldReview => ({ user, state, submittedAt, commitId });
  const pull = (
    number: number,
    head: string,
    createdAt: string,
    more: Partial<WorldPull> = {},
  ): WorldPull => ({
    id: standin.world.nextId(),
    number,
    title: `Proposal ${number}`,
    body: null,
    state: 'closed',
    draft: false,
    head,
    base: 'main',
    headSha: `${number}`.padStart(40, 'c'),
    baseSha: sha.c1 ?? '',
    author: 'bob',
    maintainerCanModify: false,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    createdAt,
    updatedAt: createdAt,
    closedAt: createdAt,
    ...more,
  });
  const head1 = sha.head1 ?? '';
  const head2 = sha.head2 ?? '';
  world.pulls.push(
    pull(1, 'rolesmith/roles-finance', '2026-11-01T10:00:00Z', {
      headSha: head1,
      closedAt: '2026-11-01T14:00:00Z',
      merged: {
        by: 'alice',
        at: '2026-11-01T14:00:00Z',
        commitSha: sha.c2 ?? '',
      },
      // A comment first, then the approval three hours in; a second
      // approval later does not move the first.
      reviews: [
        review('COMMENTED', '2026-11-01T11:00:00Z', head1),
        review('APPROVED', '2026-11-01T13:00:00Z', head1),
        review('APPROVED', '2026-11-01T13:30:00Z', head1, 'bob'),
      ],
    }),
    // Rejected: changes requested, never approved, closed.
    pull(2, 'rolesmith/roles-ops', '2026-11-01T15:00:00Z', {
      headSha: head2,
      closedAt: '2026-11-02T09:00:00Z',
      reviews: [review('CHANGES_REQUESTED', '2026-11-01T16:00:00Z', head2)],
    }),
    pull(3, 'rolesmith/roles-toxic', '2026-11-02T10:00:00Z', {
      closedAt: '2026-11-03T10:00:00Z',
      merged: {
        by: 'alice',
        at: '2026-11-03T10:00:00Z',
        commitSha: sha.c4 ?? '',
      },
      reviews: [review('APPROVED', '2026-11-03T08:00:00Z', 'c'.repeat(40))],
    }),
    // Approved after an hour, then closed; its head was never fetched.
    pull(4, 'rolesmith/roles-gone', '2026-11-02T12:00:00Z', {
      reviews: [review('APPROVED', '2026-11-02T13:00:00Z', 'c'.repeat(40))],
    }),
    // Closed by propose for a newer proposal: its comment says so.
    pull(5, 'rolesmith/roles-old', '2026-11-02T12:00:00Z'),
    // Closed by hand with a label.
    pull(6, 'rolesmith/roles-older', '2026-11-02T12:00:00Z', {
      labels: ['superseded'],
    }),
    pull(7, 'rolesmith/roles-new', '2026-11-03T11:00:00Z', {
      state: 'open',
      closedAt: null,
    }),
    pull(8, 'rolesmith/roles-release', '2026-11-02T12:00:00Z', {
      base: 'release',
    }),
    pull(9, 'feature/docs', '2026-11-02T12:00:00Z'),
  );
  // Newer than the proposals, so that GitHub's newest-first list puts
  // every proposal on its second page.
  for (let n = 10; n < 130; n++) {
    world.pulls.push(pull(n, `feature/bulk-${n}`, '2026-11-04T00:00:00Z'));
  }
  world.comments.push({
    id: standin.world.nextId(),
    issue: 5,
    body: SUPERSEDED,
    author: 'octocat',
    createdAt: '2026-11-03T11:00:00Z',
    updatedAt: '2026-11-03T11:00:00Z',
  });
  world.lastNumber = 129;
}
