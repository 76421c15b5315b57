import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GithubStandin } from './index.ts';
import { startGithubStandin } from './index.ts';

const SHA = 'c'.repeat(40);
const MERGE = 'd'.repeat(40);

let standin: GithubStandin;
let octokit: Octokit;

beforeAll(async () => {
  standin = await startGithubStandin({
    world: {
      orgs: [{ login: 'acme', repos: [{ name: 'api', private: false }] }],
    },
  });
  const repo = standin.world.orgs.get('acme')?.repos[0];
  if (repo === undefined) throw new Error('no repository');
  const at = '2026-01-01T00:00:00Z';
  repo.checkRuns = {
    [SHA]: [
      {
        name: 'build',
        status: 'completed',
        conclusion: 'failure',
        startedAt: at,
        completedAt: at,
      },
      {
        name: 'build',
        status: 'completed',
        conclusion: 'success',
        startedAt: at,
        completedAt: at,
      },
      { name: 'lint', status: 'in_progress', startedAt: at },
    ],
  };
  repo.pulls.push({
    id: standin.world.nextId(),
    number: 3,
    title: 'Squashed',
    body: null,
    state: 'closed',
    draft: false,
    head: 'topic',
    base: 'main',
    headSha: SHA,
    baseSha: 'e'.repeat(40),
    author: 'octocat',
    maintainerCanModify: false,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    createdAt: at,
    updatedAt: at,
    closedAt: at,
    merged: { by: 'octocat', at, commitSha: MERGE },
  });
  octokit = new Octokit({ auth: standin.token, baseUrl: standin.baseUrl });
});

afterEach(() => {
  standin.assertNoViolations();
});

afterAll(async () => {
  await standin.close();
});

describe('check runs and the pull requests of a commit', () => {
  const params = { owner: 'acme', repo: 'api', ref: SHA };

  it('lists the latest run per name by default, every run with filter=all', async () => {
    const latest = await octokit.rest.checks.listForRef(params);
    expect(latest.data.total_count).toBe(2);
    expect(
      latest.data.check_runs.map((r) => [r.name, r.status, r.conclusion]),
    ).toEqual([
      ['build', 'completed', 'success'],
      ['lint', 'in_progress', null],
    ]);
    const all = await octokit.paginate(octokit.rest.checks.listForRef, {
      ...params,
      filter: 'all',
      per_page: 1,
    });
    expect(all.map((r) => r.conclusion)).toEqual(['failure', 'success', null]);
    const named = await octokit.rest.checks.listForRef({
      ...params,
      check_name: 'lint',
    });
    expect(named.data.check_runs.map((r) => r.name)).toEqual(['lint']);
  });

  it('names the merged pull request of a merge commit, with its merge', async () => {
    const { data } =
      await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        owner: 'acme',
        repo: 'api',
        commit_sha: MERGE,
      });
    expect(
      data.map((p) => [p.number, p.merged_at, p.merge_commit_sha]),
    ).toEqual([[3, '2026-01-01T00:00:00Z', MERGE]]);
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: 'acme',
      repo: 'api',
      commit_sha: 'f'.repeat(40),
    });
    expect(none.data).toEqual([]);
  });
});
