import { RolesmithError } from '../errors.ts';
import type { PullProvenance } from '../evidence/audit-github.ts';
import { readHeadChecks } from './github-checks.ts';
import type { GithubClient } from './github-client.ts';
import { attempt } from './github-pulls-errors.ts';
import type { RepoTarget } from './github-pulls.ts';

export type { PullProvenance };

const PER_PAGE = 100;

/** What `audit --repo` needs the token to read. */
export const AUDIT_READ_ACCESS =
  'a token that can read the repository (classic token: the repo scope, ' +
  'and read:org for team owners; fine-grained: Contents, Pull requests, ' +
  'Commit statuses and Checks read, and Members read on the organisation)';

/**
 * Refuses, before any pull request is read, a repository GitHub does not
 * show the token: without this, every pull request would be "unknown"
 * and the audit would quietly come out as the offline one.
 */
export async function checkAuditRepository(
  client: GithubClient,
  target: RepoTarget,
): Promise<void> {
  const name = `${target.owner}/${target.repo}`;
  const found = await attempt(client, `GET /repos/${name}`, async () => {
    try {
      await client.rest.repos.get({ owner: target.owner, repo: target.repo });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  });
  if (!found) {
    throw new RolesmithError(
      `--repo ${name}: GitHub has no repository ${name} that the token ` +
        `can see (404 on GET /repos/${name})`,
      {
        code: 'forge',
        expected:
          "--repo naming the catalogue's repository on GitHub as " +
          `owner/name, and in GITHUB_TOKEN ${AUDIT_READ_ACCESS}`,
      },
    );
  }
}

/**
 * Reads, for `rolesmith audit --repo`, who opened and merged each pull
 * request, its reviews and the checks of its head (commit statuses and
 * check runs). Approvals count only when the reviewer's latest decision
 * approves the head commit (`commit_id` is the head sha): an approval
 * given before the last push did not see what was merged.
 *
 * Reads the provenance of each numbered pull request, one after another
 * (four calls each, more for long lists); a number GitHub does not know
 * is left out of the map, so the caller keeps its offline judgement for
 * it.
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
  const checks = await readHeadChecks(client, target, headSha);

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
    ...(pull.merged_at !== null &&
      pull.merge_commit_sha !== null && {
        mergeCommitSha: pull.merge_commit_sha,
      }),
    approvals: approvals.sort(
      (a, b) => a.at.localeCompare(b.at) || a.user.localeCompare(b.user),
    ),
    changesRequested: changesRequested.sort(),
    checks,
  };
}

/**
 * The merged pull request whose merge commit `sha` is, from GitHub's
 * pull requests associated with the commit; undefined when none is. How
 * a squash commit's ` (#N)` is confirmed when pull request #N was not
 * merged as that commit.
 */
export async function mergedPullOf(
  client: GithubClient,
  target: RepoTarget,
  sha: string,
): Promise<number | undefined> {
  const { owner, repo } = target;
  const pulls = await attempt(
    client,
    `GET /repos/${owner}/${repo}/commits/${sha}/pulls`,
    () =>
      client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner,
        repo,
        commit_sha: sha,
        per_page: PER_PAGE,
      }),
  );
  const merged = pulls.filter(
    (p) => p.merged_at !== null && p.merge_commit_sha === sha,
  );
  return merged.map((p) => p.number).sort((a, b) => a - b)[0];
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
