import type { PullCheck } from '../evidence/audit-types.ts';
import type { GithubClient } from './github-client.ts';
import { attempt } from './github-pulls-errors.ts';
import type { RepoTarget } from './github-pulls.ts';

const PER_PAGE = 100;

/**
 * Every check GitHub reports for a commit: the commit statuses (the
 * latest per context, as the combined status shows them) and the check
 * runs of the Checks API (the latest run per name, GitHub's default),
 * all pages of them. Branch protection can require either kind, and CI
 * on GitHub Actions reports check runs only, so both are read. Sorted by
 * name, then source, so that the audit's output does not depend on the
 * order GitHub answers in.
 */
export async function readHeadChecks(
  client: GithubClient,
  target: RepoTarget,
  sha: string,
): Promise<PullCheck[]> {
  const { owner, repo } = target;
  const base = `/repos/${owner}/${repo}/commits/${sha}`;
  const status = await attempt(
    client,
    `GET ${base}/status`,
    async () =>
      (
        await client.rest.repos.getCombinedStatusForRef({
          owner,
          repo,
          ref: sha,
          per_page: PER_PAGE,
        })
      ).data,
  );
  const runs = await attempt(client, `GET ${base}/check-runs`, () =>
    client.paginate(client.rest.checks.listForRef, {
      owner,
      repo,
      ref: sha,
      per_page: PER_PAGE,
    }),
  );
  const checks: PullCheck[] = [
    ...status.statuses.map((s): PullCheck => ({
      name: s.context,
      source: 'status',
      conclusion: s.state,
    })),
    ...runs.map((run): PullCheck => ({
      name: run.name,
      source: 'check-run',
      // A run that has not completed has no conclusion: its status
      // (queued, in_progress…) says how far it got.
      conclusion:
        run.status === 'completed' && run.conclusion !== null
          ? run.conclusion
          : run.status,
      ...(run.completed_at !== null && { completedAt: run.completed_at }),
    })),
  ];
  return checks.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      a.source.localeCompare(b.source) ||
      a.conclusion.localeCompare(b.conclusion),
  );
}
