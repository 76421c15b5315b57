import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/index.ts';
import type { GithubStandin } from './github-standin/index.ts';
import { startGithubStandin } from './github-standin/index.ts';
import type { WorldPull, WorldReview } from './github-standin/world.ts';
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

const policy = (max: number) => `owners: ['@carol']
least_privilege:
  max_entitlements_per_role: ${max}
`;

const CODEOWNERS = `/roles/ @alice
/policies/ @carol
`;

interface Merged {
  number: number;
  head: string;
  merge: string;
}

describe('rolesmith audit --repo', () => {
  let repo: TempRepo;
  let standin: GithubStandin;
  const merged: Merged[] = [];

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
      'roles/base.yaml': role('base'),
    });
    await mergePull(1, { 'roles/ok.yaml': role('ok') });
    await mergePull(2, { 'roles/self.yaml': role('self') });
    await mergePull(3, { 'roles/red.yaml': role('red') });
    await mergePull(4, { 'policies/least-privilege.yaml': policy(30) });
    // GitHub does not know #5: its offline judgement stays.
    await mergePull(5, { 'roles/unknown.yaml': role('unknown') });

    standin = await startGithubStandin({
      login: 'auditor',
      world: {
        orgs: [
          {
            login: 'acme',
            members: { alice: 'member', bob: 'member', carol: 'member' },
            repos: [{ name: 'catalogue', collaborators: { auditor: 'pull' } }],
          },
        ],
      },
    });
    const world = standin.world.orgs.get('acme')?.repos[0];
    if (world === undefined) throw new Error('no repository');
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
    };
    world.statuses = {};
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
  });

  afterEach(() => {
    standin.assertNoViolations();
  });

  afterAll(async () => {
    await standin.close();
    await repo.remove();
  });

  it('judges merges by their GitHub reviews, checks and owners', async () => {
    const result = await runRolesmith(
      ['audit', '--repo', 'acme/catalogue', '--format', 'json'],
      repo.dir,
      {
        GITHUB_TOKEN: standin.token,
        GITHUB_API_URL: standin.baseUrl,
        ROLESMITH_GITHUB_RETRY_UNIT_MS: '1',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: Finding[];
      timelines: {
        file: string;
        events: { approvals?: unknown; checks?: unknown }[];
      }[];
    };
    const short = (n: number) =>
      merged.find((m) => m.number === n)?.merge.slice(0, 7) ?? '';
    const head3 = merged.find((m) => m.number === 3)?.head.slice(0, 7) ?? '';
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
        'roles/base.yaml',
        expect.stringContaining("the repository's first commit"),
      ],
      [
        'audit.merged-failing-checks',
        'warning',
        'roles/red.yaml',
        `pull request #3 (merge ${short(3)}) was merged with failing checks at its head ${head3}: ci/check (failure)`,
      ],
      [
        'audit.self-approved',
        'warning',
        'roles/self.yaml',
        `pull request #2 (merge ${short(2)}) by bob was approved by no one but its author`,
      ],
      [
        'audit.self-merged',
        'warning',
        'roles/unknown.yaml',
        expect.stringContaining(`pull request #5 (merge ${short(5)})`),
      ],
    ]);
    const ok = report.timelines.find((t) => t.file === 'roles/ok.yaml');
    expect(ok?.events).toEqual([
      expect.objectContaining({
        approvals: [{ user: 'alice', at: '2026-11-02T10:00:00Z' }],
        checks: [{ name: 'ci/check', conclusion: 'success' }],
      }),
    ]);
    const unknown = report.timelines.find(
      (t) => t.file === 'roles/unknown.yaml',
    );
    expect(unknown?.events[0]?.approvals).toBeUndefined();
  });

  it('stays offline without --repo', async () => {
    standin.clearRequests();
    const result = await runRolesmith(
      ['audit', '--format', 'json', '--fail-on', 'never'],
      repo.dir,
      { GITHUB_REPOSITORY: 'acme/catalogue', GITHUB_TOKEN: standin.token },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    expect(
      report.findings.filter((f) => f.code === 'audit.self-merged'),
    ).toHaveLength(5);
    expect(standin.requests).toHaveLength(0);
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
    merged: { by: 'alice', at: '2026-11-02T11:00:00Z', commitSha: merge },
    reviews,
  };
}
