import type { PullProvenance } from '../evidence/audit-github.ts';
import type { GithubClient } from './github-client.ts';
import { attempt } from './github-pulls-errors.ts';
import type { RepoTarget } from './github-pulls.ts';

export type { PullProvenance };

const PER_PAGE = 100;

/**
 * Reads, for `rolesmith audit --repo`, who opened and merged each pull
 * request, its reviews and the commit statuses of its head. Approvals
 * count only when the reviewer's latest decision approves the head commit
 * (`commit_id` is the head sha): an approval given before the last push
 * did not see what was merged. Check runs (the Checks API) are not read,
 * only commit statuses.
 *
 * Reads the provenance of each numbered pull request, one after another
 * (three calls each); a number GitHub does not know is left out of the
 * map, so the caller keeps its offline judgement for it.
 */
export async function readPullProvenance(
  client: GithubClient,
  target: RepoTarget,
  numbers: readonly number[],
): Promise<Map<number, PullProvenance>> {
  const found = new Map<number, PullProvenance>();
  for (const number of [...new Set(numbers)].sort((a, b) => a - b)) {
    const provenance = await readOne(client, target, number);
    if (provenance !== undefined) found.set(number, provenance);
  }
  return found;
}

async function readOne(
  client: GithubClient,
  target: RepoTarget,
  number: number,
): Promise<PullProvenance | undefined> {
  const path = `/repos/${target.owner}/${target.repo}/pulls/${number}`;
  const params = {
    owner: target.owner,
    repo: target.repo,
    pull_number: number,
  };
  const pull = await attempt(client, `GET ${path}`, async () => {
    try {
      return (await client.rest.pulls.get(params)).data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  });
  if (pull === undefined) return undefined;
  const reviews = await attempt(client, `GET ${path}/reviews`, () =>
    client.paginate(client.rest.pulls.listReviews, {
      ...params,
      per_page: PER_PAGE,
    }),
  );
  const headSha = pull.head.sha;
  const status = await attempt(
    client,
    `GET /repos/${target.owner}/${target.repo}/commits/${headSha}/status`,
    async () =>
      (
        await client.rest.repos.getCombinedStatusForRef({
          owner: target.owner,
          repo: target.repo,
          ref: headSha,
          per_page: PER_PAGE,
        })
      ).data,
  );

  // The latest review that decides (approve or request changes) per user;
  // a later comment-only review leaves the decision as it was.
  const latest = new Map<string, { state: string; at: string; sha: string }>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (login === undefined) continue;
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') {
      continue;
    }
    latest.set(login, {
      state: review.state,
      at: review.submitted_at ?? '',
      sha: review.commit_id ?? '',
    });
  }
  const approvals: PullProvenance['approvals'] = [];
  const changesRequested: string[] = [];
  for (const [user, review] of latest) {
    if (review.state === 'CHANGES_REQUESTED') changesRequested.push(user);
    else if (review.sha === headSha) approvals.push({ user, at: review.at });
  }
  return {
    number,
    author: pull.user.login,
    ...(pull.merged_by?.login !== undefined && {
      mergedBy: pull.merged_by.login,
    }),
    ...(pull.merged_at !== null && { mergedAt: pull.merged_at }),
    headSha,
    approvals,
    changesRequested,
    checks: status.statuses.map((s) => ({
      name: s.context,
      conclusion: s.state,
    })),
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
