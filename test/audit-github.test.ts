import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../src/evidence/audit.ts';
import type { Finding } from '../src/model/index.ts';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import type {
  WorldCheckRun,
  WorldPull,
  WorldRepo,
  WorldReview,
} from './github-standin/world.ts';
import { runRolesmith } from './helpers/run-cli.ts';
import type { TempRepo } from './helpers/temp-repo.ts';
import { createTempRepo } from './helpers/temp-repo.ts';

const role = (id: string) => `id: ${id}
title: ${id}
audience: human
owners: ['@alice']
entitlements: [sap:F110]
membership:
  identities: [u1]
`;

const policy = (max: number, owner = '@carol') => `owners: ['${owner}']
least_privilege:
  max_entitlements_per_role: ${max}
`;

// The last matching rule wins, as on GitHub: team owners for the team
// roles and for one policy.
const CODEOWNERS = `/roles/ @alice
/roles/teams/ @acme/iam
/policies/ @carol
/policies/sod.yaml @Acme/GRC
`;

const MERGED_AT = '2026-11-02T11:00:00Z';

interface Merged {
  number: number;
  head: string;
  merge: string;
}

type Audit = {
  findings: Finding[];
  timelines: { file: string; events: TimelineEvent[] }[];
};

describe('rolesmith audit --repo', () => {
  let repo: TempRepo;
  let standin: GithubStandin;
  let world: WorldRepo;
  const merged: Merged[] = [];
  /** Squash commits on main, by the number their subject names. */
  const squashed = new Map<number, string>();
  const env = () => ({
    GITHUB_TOKEN: standin.token,
    GITHUB_API_URL: standin.baseUrl,
    ROLESMITH_GITHUB_RETRY_UNIT_MS: '1',
  });
  const short = (n: number) =>
    (merged.find((m) => m.number === n)?.merge ?? squashed.get(n) ?? '').slice(
      0,
      7,
    );
  const audit = async (args: string[] = []) => {
    const result = await runRolesmith(
      ['audit', '--repo', 'acme/catalogue', '--format', 'json', ...args],
      repo.dir,
      env(),
    );
    expect(result.stderr).toBe('');
    return { code: result.code, report: JSON.parse(result.stdout) as Audit };
  };

  /** A branch with one commit, merged with --no-ff as GitHub merges. */
  async function mergePull(
    number: number,
    files: Record<string, string>,
  ): Promise<void> {
    const branch = `pr-${number}`;
    await repo.git('checkout', '-q', '-b', branch);
    const head = await repo.commit(`Change for #${number}`, files);
    await repo.git('checkout', '-q', 'main');
    await repo.git(
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge pull request #${number} from acme/${branch}`,
      branch,
    );
    const merge = (await repo.git('rev-parse', 'HEAD')).trim();
    merged.push({ number, head, merge });
  }

  beforeAll(async () => {
    repo = await createTempRepo({
      '.github/CODEOWNERS': CODEOWNERS,
      'policies/least-privilege.yaml': policy(25),
      'policies/sod.yaml': policy(10, '@acme/grc'),
      'roles/base.yaml': role('base'),
    });
    await mergePull(1, { 'roles/ok.yaml': role('ok') });
    await mergePull(2, { 'roles/self.yaml': role('self') });
    await mergePull(3, { 'roles/red.yaml': role('red') });
    await mergePull(4, { 'policies/least-privilege.yaml': policy(30) });
    // GitHub does not know #5: its offline judgement stays.
    await mergePull(5, { 'roles/unknown.yaml': role('unknown') });
    await mergePull(6, { 'roles/runs.yaml': role('runs') });
    await mergePull(7, { 'roles/teams/iam.yaml': role('iam') });
    await mergePull(8, { 'policies/sod.yaml': policy(12, '@acme/grc') });
    // Squash merges, as GitHub writes them: one commit, ` (#N)`.
    for (const [number, id] of [
      [9, 'squashy'],
      [10, 'sneaky'],
      [11, 'moved'],
    ] as const) {
      squashed.set(
        number,
        await repo.commit(`Add role ${id} (#${number})`, {
          [`roles/${id}.yaml`]: role(id),
        }),
      );
    }

    standin = await startGithubStandin({
      login: 'auditor',
      world: {
        orgs: [
          {
            login: 'acme',
            members: Object.fromEntries(
              ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((l) => [
                l,
                'member' as const,
              ]),
            ),
            teams: [
              { slug: 'iam', members: ['erin'] },
              { slug: 'grc', maintainers: ['frank'] },
            ],
            repos: [{ name: 'catalogue', collaborators: { auditor: 'pull' } }],
          },
        ],
      },
    });
    const found = standin.world.orgs.get('acme')?.repos[0];
    if (found === undefined) throw new Error('no repository');
    world = found;
    const review = (
      user: string,
      commitId: string,
      state: WorldReview['state'] = 'APPROVED',
    ): WorldReview => ({
      user,
      state,
      commitId,
      submittedAt: '2026-11-02T10:00:00Z',
    });
    const reviews: Record<number, (head: string) => WorldReview[]> = {
      // Asked for changes, then approved the head: the approval counts.
      1: (head) => [
        review('alice', 'f'.repeat(40), 'CHANGES_REQUESTED'),
        review('alice', head),
        review('alice', head, 'COMMENTED'),
      ],
      2: (head) => [review('bob', head)],
      3: (head) => [review('alice', head)],
      // Alice approved an earlier push only; dave owns nothing.
      4: (head) => [review('alice', 'e'.repeat(40)), review('dave', head)],
      6: (head) => [review('alice', head)],
      // Members of the owning teams, nobody named in person.
      7: (head) => [review('erin', head)],
      8: (head) => [review('frank', head)],
    };
    const run = (
      name: string,
      status: WorldCheckRun['status'],
      conclusion?: WorldCheckRun['conclusion'],
      completedAt?: string,
    ): WorldCheckRun => ({
      name,
      status,
      startedAt: '2026-11-01T09:00:00Z',
      ...(conclusion !== undefined && { conclusion }),
      ...(completedAt !== undefined && { completedAt }),
    });
    world.statuses = {};
    world.checkRuns = {};
    for (const { number, head, merge } of merged) {
      const make = reviews[number];
      if (make === undefined) continue;
      world.statuses[head] = [
        {
          context: 'ci/check',
          state: 'pending',
          createdAt: '2026-11-01T09:00:00Z',
        },
        {
          context: 'ci/check',
          state: number === 3 ? 'failure' : 'success',
          createdAt: '2026-11-01T09:05:00Z',
        },
      ];
      world.pulls.push(pullOf(standin, number, head, merge, make(head)));
      world.lastNumber = number;
    }
    const head1 = merged[0]?.head ?? '';
    world.checkRuns[head1] = [
      run('build', 'completed', 'success', '2026-11-01T09:10:00Z'),
    ];
    const head6 = merged.find((m) => m.number === 6)?.head ?? '';
    world.checkRuns[head6] = [
      // Only the latest run per name counts, as on GitHub.
      run('build', 'completed', 'success', '2026-11-01T09:10:00Z'),
      run('build', 'completed', 'timed_out', '2026-11-01T10:10:00Z'),
      run('deploy', 'queued'),
      run('lint', 'completed', 'success', '2026-11-03T09:00:00Z'),
      run('docs', 'completed', 'skipped', '2026-11-01T09:01:00Z'),
    ];
    // More runs than one page holds: all pages are read.
    for (let i = 0; i < 120; i++) {
      world.checkRuns[head6].push(
        run(
          `shard-${String(i).padStart(3, '0')}`,
          'completed',
          'success',
          '2026-11-01T09:30:00Z',
        ),
      );
    }
    world.checkRuns[head6].push(
      run('shard-last', 'completed', 'cancelled', '2026-11-01T09:30:00Z'),
    );
    // #9 was squashed as the commit on main; #10 names no pull request
    // GitHub has; #11 was not merged as that commit, but #12 was.
    const squash = (number: number, commit: string) => {
      const pull = pullOf(
        standin,
        number,
        `${number}`.padStart(40, 'a'),
        commit,
        [review('alice', `${number}`.padStart(40, 'a'))],
      );
      world.pulls.push(pull);
    };
    squash(9, squashed.get(9) ?? '');
    squash(11, 'd'.repeat(40));
    squash(12, squashed.get(11) ?? '');
    world.lastNumber = 12;
  });

  afterEach(() => {
    standin.assertNoViolations();
  });

  afterAll(async () => {
    await standin.close();
    await repo.remove();
  });

  it('judges merges by their GitHub reviews, checks and owners', async () => {
    const { code, report } = await audit();
    expect(code).toBe(1);
    const head = (n: number) =>
      merged.find((m) => m.number === n)?.head.slice(0, 7) ?? '';
    expect(
      report.findings.map((f) => [f.code, f.severity, f.file, f.message]),
    ).toEqual([
      [
        'audit.direct-change',
        'note',
        'policies/least-privilege.yaml',
        expect.stringContaining("the repository's first commit"),
      ],
      [
        'audit.no-code-owner-approval',
        'warning',
        'policies/least-privilege.yaml',
        `pull request #4 (merge ${short(4)}) was approved by dave, none of them a code owner of policies/least-privilege.yaml (@carol)`,
      ],
      [
        'audit.policy-without-owner',
        'warning',
        'policies/least-privilege.yaml',
        `pull request #4 (merge ${short(4)}) changed the policy policies/least-privilege.yaml without an approval from its owners (@carol); approved by dave`,
      ],
      [
        'audit.direct-change',
        'note',
        'policies/sod.yaml',
        expect.stringContaining("the repository's first commit"),
      ],
      [
        'audit.direct-change',
        'note',
        'roles/base.yaml',
        expect.stringContaining("the repository's first commit"),
      ],
      [
        'audit.merged-failing-checks',
        'warning',
        'roles/red.yaml',
        `pull request #3 (merge ${short(3)}) was merged with failing checks at its head ${head(3)}: ci/check (status failure)`,
      ],
      [
        'audit.merged-failing-checks',
        'warning',
        'roles/runs.yaml',
        `pull request #6 (merge ${short(6)}) was merged with failing checks at its head ${head(6)}: build (check-run timed_out), deploy (check-run not completed: queued), lint (check-run success, completed after the merge), shard-last (check-run cancelled)`,
      ],
      [
        'audit.self-approved',
        'warning',
        'roles/self.yaml',
        `pull request #2 (merge ${short(2)}) by bob was approved by no one but its author`,
      ],
      [
        'audit.direct-change',
        'warning',
        'roles/sneaky.yaml',
        `roles/sneaky.yaml changed on main in ${short(10)} "Add role sneaky (#10)" by Test Author <author@example.test>, not through a merge; its subject names pull request #10, but GitHub has no merged pull request for this commit`,
      ],
      [
        'audit.self-merged',
        'warning',
        'roles/unknown.yaml',
        expect.stringContaining(`pull request #5 (merge ${short(5)})`),
      ],
    ]);
    const events = (file: string) =>
      report.timelines.find((t) => t.file === file)?.events ?? [];
    expect(events('roles/ok.yaml')).toEqual([
      expect.objectContaining({
        pull: {
          number: 1,
          author: 'bob',
          mergedBy: 'alice',
          mergedAt: MERGED_AT,
          headSha: merged[0]?.head,
        },
        approvals: [{ user: 'alice', at: '2026-11-02T10:00:00Z' }],
        checks: [
          {
            name: 'build',
            source: 'check-run',
            conclusion: 'success',
            completedAt: '2026-11-01T09:10:00Z',
          },
          { name: 'ci/check', source: 'status', conclusion: 'success' },
        ],
      }),
    ]);
    expect(events('roles/runs.yaml')[0]?.checks).toHaveLength(
      // build, ci/check, deploy, docs, lint, 120 shards and the last one.
      126,
    );
    expect(events('roles/unknown.yaml')[0]?.approvals).toBeUndefined();
    // Squashes: #9 as claimed, #11's commit is #12's merge, #10 is none.
    expect(events('roles/squashy.yaml')[0]?.via).toMatchObject({
      kind: 'merge',
      pr: 9,
      style: 'squash',
      claimedBy: 'github',
    });
    expect(events('roles/moved.yaml')[0]?.via).toMatchObject({
      pr: 12,
      claimedBy: 'github',
    });
    expect(events('roles/moved.yaml')[0]?.pull?.number).toBe(12);
    expect(events('roles/sneaky.yaml')[0]?.via).toEqual({
      kind: 'direct',
      author: 'Test Author <author@example.test>',
    });
    // Each team's members are read once, however often it is named.
    const teamReads = standin.requests
      .filter((r) => r.operationId === 'teams/list-members-in-org')
      .map((r) => r.path.split('?')[0]);
    expect(teamReads).toEqual([
      '/orgs/acme/teams/grc/members',
      '/orgs/acme/teams/iam/members',
    ]);
  });

  it('notes team owners whose members the token may not read, and why', async () => {
    standin.injectFault({
      kind: 'forbidden',
      operationId: 'teams/list-members-in-org',
      times: 2,
    });
    const { report } = await audit(['--fail-on', 'never']);
    const teamFindings = report.findings
      .filter(
        (f) => f.file === 'policies/sod.yaml' || f.file?.includes('teams'),
      )
      .filter((f) => f.code !== 'audit.direct-change')
      .map((f) => [f.code, f.severity, f.file, f.message]);
    const why = (team: string) =>
      `(the token may not read its members (403 on GET /orgs/acme/teams/${team}/members); a token with read:org can)`;
    expect(teamFindings).toEqual([
      [
        'audit.no-code-owner-approval',
        'note',
        'policies/sod.yaml',
        `pull request #8 (merge ${short(8)}) was approved by frank, none of them a code owner that could be checked; team ownership not verifiable for @Acme/GRC ${why('grc')}`,
      ],
      [
        'audit.policy-without-owner',
        'note',
        'policies/sod.yaml',
        `pull request #8 (merge ${short(8)}) changed the policy policies/sod.yaml without an approval from its owners (@acme/grc); approved by frank; team ownership not verifiable for @acme/grc ${why('grc')}`,
      ],
      [
        'audit.no-code-owner-approval',
        'note',
        'roles/teams/iam.yaml',
        `pull request #7 (merge ${short(7)}) was approved by erin, none of them a code owner that could be checked; team ownership not verifiable for @acme/iam ${why('iam')}`,
      ],
    ]);
  });

  it('shows pull requests, approvals and checks in text, Markdown and CSV', async () => {
    const text = await runRolesmith(
      ['audit', '--repo', 'acme/catalogue', '--fail-on', 'never'],
      repo.dir,
      env(),
    );
    expect(text.code).toBe(0);
    const one = merged[0];
    expect(text.stdout).toContain(
      [
        `  ${short(1)}  created  PR #1 pr-1 by Test Author <author@example.test>, merged by Test Author <author@example.test>`,
        `      pull request: opened by bob, merged by alice at ${MERGED_AT}, head ${one?.head.slice(0, 7) ?? ''}`,
        '      approvals: alice at 2026-11-02T10:00:00Z',
        '      checks: build (check-run success), ci/check (status success)',
      ].join('\n'),
    );
    expect(text.stdout).toContain(
      `PR #9 squash (confirmed by GitHub) by Test Author <author@example.test>`,
    );
    expect(text.stdout).toMatch(/\n {6}checks: none\n/);

    const markdown = await runRolesmith(
      [
        'audit',
        '--repo',
        'acme/catalogue',
        '--format',
        'markdown',
        '--fail-on',
        'never',
      ],
      repo.dir,
      env(),
    );
    expect(markdown.stdout).toContain(
      '| date | commit | change | via | approvals | checks | evidence |',
    );
    expect(markdown.stdout).toContain(
      `; on GitHub opened by bob, merged by alice at ${MERGED_AT}, head ${one?.head.slice(0, 7) ?? ''} | alice at 2026-11-02T10:00:00Z | build (check-run success), ci/check (status success) |  |`,
    );

    const out = await mkdtemp(join(tmpdir(), 'rolesmith-audit-gh-'));
    try {
      const packs = [join(out, 'a'), join(out, 'b')];
      for (const pack of packs) {
        const result = await runRolesmith(
          [
            'audit',
            '--repo',
            'acme/catalogue',
            '--export',
            pack,
            '--fail-on',
            'never',
          ],
          repo.dir,
          env(),
        );
        expect(result.code).toBe(0);
      }
      const csv = await readFile(join(out, 'a', 'timelines.csv'), 'utf8');
      const rows = csv.split('\r\n');
      expect(rows[0]).toBe(
        'file,kind,id,date,commit,change,from,via_kind,pr,branch,author,merged_by,data_date,sources,merge_style,pr_author,pr_merged_by,approvals,checks',
      );
      expect(rows.find((r) => r.startsWith('roles/ok.yaml,'))).toMatch(
        /,merge,1,pr-1,.*,,,merge,bob,alice,alice at 2026-11-02T10:00:00Z,build \(check-run success\); ci\/check \(status success\)$/,
      );
      expect(rows.find((r) => r.startsWith('roles/squashy.yaml,'))).toMatch(
        /,merge,9,,.*,squash \(confirmed by GitHub\),bob,alice,/,
      );
      expect(rows.find((r) => r.startsWith('roles/sneaky.yaml,'))).toMatch(
        /,direct,,,Test Author <author@example\.test>,,,,,,,,$/,
      );
      const md = await readFile(join(out, 'a', 'audit.md'), 'utf8');
      expect(md).toContain('| alice at 2026-11-02T10:00:00Z |');
      // The same answers give the same pack, byte for byte.
      for (const file of [
        'audit.json',
        'audit.md',
        'timelines.csv',
        'manifest.json',
      ]) {
        expect(await readFile(join(out, 'b', file), 'utf8'), file).toBe(
          await readFile(join(out, 'a', file), 'utf8'),
        );
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('exits 2 for a repository GitHub does not show, or without a token', async () => {
    const missing = await runRolesmith(
      ['audit', '--repo', 'acme/nope'],
      repo.dir,
      env(),
    );
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(
      '--repo acme/nope: GitHub has no repository acme/nope that the token can see (404 on GET /repos/acme/nope)',
    );
    expect(missing.stderr).toContain(
      "expected: --repo naming the catalogue's repository on GitHub as owner/name",
    );
    expect(missing.stderr).not.toContain(standin.token);

    const tokenless = { ...env(), GITHUB_TOKEN: '' };
    const noToken = await runRolesmith(
      ['audit', '--repo', 'acme/catalogue'],
      repo.dir,
      tokenless,
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stdout).toBe('');
    expect(noToken.stderr).toContain(
      '--repo acme/catalogue: GITHUB_TOKEN is not set',
    );

    const empty = await runRolesmith(['audit', '--repo', ''], repo.dir, env());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--repo needs owner/name');
  });

  it('stays offline without --repo, taking squash subjects at their word', async () => {
    standin.clearRequests();
    const result = await runRolesmith(
      ['audit', '--format', 'json', '--fail-on', 'never'],
      repo.dir,
      { GITHUB_REPOSITORY: 'acme/catalogue', GITHUB_TOKEN: standin.token },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Audit;
    expect(
      report.findings.filter((f) => f.code === 'audit.self-merged'),
    ).toHaveLength(8);
    // No squash commit is a direct change offline.
    expect(
      report.findings
        .filter((f) => f.code === 'audit.direct-change')
        .map((f) => [f.severity, f.file]),
    ).toEqual([
      ['note', 'policies/least-privilege.yaml'],
      ['note', 'policies/sod.yaml'],
      ['note', 'roles/base.yaml'],
    ]);
    const sneaky = report.timelines.find((t) => t.file === 'roles/sneaky.yaml');
    expect(sneaky?.events[0]?.via).toEqual({
      kind: 'merge',
      pr: 10,
      author: ['Test Author <author@example.test>'],
      mergedBy: 'Test Author <author@example.test>',
      style: 'squash',
      claimedBy: 'commit message',
    });
    expect(standin.requests).toHaveLength(0);

    const text = await runRolesmith(['audit', '--fail-on', 'never'], repo.dir);
    expect(text.stdout).toContain(
      'PR #10 squash (from commit message) by Test Author <author@example.test>',
    );
  });
});

function pullOf(
  standin: GithubStandin,
  number: number,
  headSha: string,
  merge: string,
  reviews: WorldReview[],
): WorldPull {
  return {
    id: standin.world.nextId(),
    number,
    title: `Change ${number}`,
    body: null,
    state: 'closed',
    draft: false,
    head: `pr-${number}`,
    base: 'main',
    headSha,
    baseSha: merge,
    author: 'bob',
    maintainerCanModify: false,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    createdAt: '2026-11-01T08:00:00Z',
    updatedAt: '2026-11-02T11:00:00Z',
    closedAt: '2026-11-02T11:00:00Z',
    merged: { by: 'alice', at: MERGED_AT, commitSha: merge },
    reviews,
  };
}
