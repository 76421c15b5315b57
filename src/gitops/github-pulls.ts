import type { RestEndpointMethodTypes } from '@octokit/rest';
import { RolesmithError } from '../errors.ts';
import type { GithubClient } from './github-client.ts';
import { requestMissingReviewers, setLabels } from './github-pull-routing.ts';
import type {
  PullSummary,
  RepoTarget,
  Reviewers,
} from './github-pull-types.ts';
import { repoPath, sameName } from './github-pull-types.ts';
import {
  attempt,
  hasDetail,
  pullsError,
  tokenOf,
} from './github-pulls-errors.ts';

export type {
  PullSummary,
  RepoTarget,
  Reviewers,
} from './github-pull-types.ts';
export { repoPath, sameName } from './github-pull-types.ts';

/**
 * Pull requests on GitHub for `rolesmith propose` (sticky comments are in
 * github-comments.ts). Every function is safe to run again: a re-run finds
 * what the last one made and brings it up to date instead of adding a
 * second pull request, label set or comment. Failures are RolesmithErrors
 * (code `forge`) that never carry the token.
 */

export interface FindPullOptions extends RepoTarget {
  head: string;
  base: string;
}

export interface OpenPullOptions extends FindPullOptions {
  title: string;
  body: string;
  /**
   * Opens the pull request as a draft. Applies when it is created only:
   * GitHub's REST API cannot turn a draft into a ready pull request or
   * back, so an existing pull request keeps its state.
   */
  draft?: boolean;
  /** The exact label set; labels not listed are removed. Left alone when omitted. */
  labels?: readonly string[];
  /** Requested once each; people already asked are not asked again. */
  reviewers?: Reviewers;
}

export interface OpenedPull {
  number: number;
  url: string;
  /** False when an open pull request for the same head was updated. */
  created: boolean;
}

export interface ClosePullOptions extends RepoTarget {
  number: number;
  /** Posted before closing, e.g. which proposal supersedes this one. */
  comment?: string;
}

export interface ListProposalsOptions extends RepoTarget {
  /** Branch prefix of the proposals, e.g. `rolesmith/`. */
  headPrefix: string;
}

type PullItem =
  RestEndpointMethodTypes['pulls']['list']['response']['data'][number];
type FullPull = RestEndpointMethodTypes['pulls']['get']['response']['data'];

export const PER_PAGE = 100;

function summary(pull: PullItem | FullPull): PullSummary {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.state === 'closed' ? 'closed' : 'open',
    draft: pull.draft ?? false,
    head: pull.head.ref,
    base: pull.base.ref,
    headSha: pull.head.sha,
    author: pull.user?.login ?? '',
    labels: pull.labels.map((label) => label.name),
  };
}

/** Whether a pull request's head is a branch of the repository itself. */
function fromRepo(pull: PullItem, target: RepoTarget): boolean {
  // Typed as always there, but GitHub sends null once a fork is deleted.
  const repo = pull.head.repo as { full_name: string } | null;
  return (
    repo !== null && sameName(repo.full_name, `${target.owner}/${target.repo}`)
  );
}

async function listPulls(
  client: GithubClient,
  target: RepoTarget,
  filter: { head?: string; base?: string },
): Promise<PullItem[]> {
  // Readable rather than encoded: this only names the call in messages.
  const query = Object.entries({ state: 'open', ...filter })
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return attempt(client, `GET ${repoPath(target)}/pulls?${query}`, () =>
    client.paginate(client.rest.pulls.list, {
      owner: target.owner,
      repo: target.repo,
      state: 'open',
      ...filter,
      per_page: PER_PAGE,
    }),
  );
}

/**
 * The open pull request from `head` into `base`, if there is one. The
 * head filter is sent as `owner:branch`: GitHub ignores a bare branch
 * name and lists every pull request, so the answer is checked as well.
 */
export async function findOpenPull(
  client: GithubClient,
  options: FindPullOptions,
): Promise<PullSummary | undefined> {
  const pulls = await listPulls(client, options, {
    head: `${options.owner}:${options.head}`,
    base: options.base,
  });
  const found = pulls.find(
    (pull) =>
      pull.head.ref === options.head &&
      pull.base.ref === options.base &&
      fromRepo(pull, options),
  );
  return found === undefined ? undefined : summary(found);
}

/**
 * Opens a pull request from `head` into `base`, or updates the one that
 * is open already, so that a re-run never opens a duplicate. The title
 * and body are brought up to date, the labels set to exactly those given
 * (GitHub creates labels the repository lacks) and reviewers requested
 * unless they were already; the author is never asked to review their own
 * pull request, which GitHub refuses.
 */
export async function openOrUpdatePull(
  client: GithubClient,
  options: OpenPullOptions,
): Promise<OpenedPull> {
  let pull = await findOpenPull(client, options);
  let created = false;
  if (pull === undefined) {
    try {
      const response = await client.rest.pulls.create({
        owner: options.owner,
        repo: options.repo,
        head: options.head,
        base: options.base,
        title: options.title,
        body: options.body,
        draft: options.draft ?? false,
      });
      pull = summary(response.data);
      created = true;
    } catch (error) {
      // Another run opened it between our look and our create.
      if (hasDetail(error, /pull request already exists/i)) {
        pull = await findOpenPull(client, options);
      }
      if (pull === undefined) throw await createError(client, error, options);
    }
  }
  if (!created) pull = await updateText(client, options, pull);
  if (options.labels !== undefined) {
    await setLabels(client, options, pull, options.labels);
  }
  if (options.reviewers !== undefined) {
    await requestMissingReviewers(client, options, pull, options.reviewers);
  }
  return { number: pull.number, url: pull.url, created };
}

/** A refused create, saying which branch is missing when one is. */
async function createError(
  client: GithubClient,
  error: unknown,
  options: OpenPullOptions,
): Promise<RolesmithError> {
  const { owner, repo, head, base } = options;
  const invalid = (field: string) =>
    hasDetail(error, new RegExp(`^${field} invalid$`));
  if (invalid('head')) {
    return new RolesmithError(
      `GitHub refused to open a pull request from ${head} (422): the ` +
        `branch does not exist in ${owner}/${repo}; push it first`,
      {
        code: 'forge',
        expected: `the branch ${head} pushed to ${owner}/${repo}`,
      },
    );
  }
  if (invalid('base')) {
    return new RolesmithError(
      `GitHub refused to open a pull request into ${base} (422): the ` +
        `base branch does not exist in ${owner}/${repo}`,
      { code: 'forge', expected: `an existing branch ${base}` },
    );
  }
  return pullsError(
    error,
    `POST ${repoPath(options)}/pulls`,
    await tokenOf(client),
  );
}

async function updateText(
  client: GithubClient,
  options: OpenPullOptions,
  pull: PullSummary,
): Promise<PullSummary> {
  const changes = {
    ...(pull.title !== options.title && { title: options.title }),
    ...(pull.body !== options.body && { body: options.body }),
  };
  // An unchanged pull request is left alone: no write, no notification.
  if (Object.keys(changes).length === 0) return pull;
  const response = await attempt(
    client,
    `PATCH ${repoPath(options)}/pulls/${pull.number}`,
    () =>
      client.rest.pulls.update({
        owner: options.owner,
        repo: options.repo,
        pull_number: pull.number,
        ...changes,
      }),
  );
  return summary(response.data);
}

/**
 * Closes a pull request a newer proposal supersedes, first posting
 * `comment` (say, a link to the new one) so the reason shows on it.
 * `closed` is false when it was closed already, and then nothing is
 * posted, so a re-run does not repeat the comment.
 */
export async function closePull(
  client: GithubClient,
  options: ClosePullOptions,
): Promise<{ number: number; closed: boolean }> {
  const endpoint = `${repoPath(options)}/pulls/${options.number}`;
  const ids = {
    owner: options.owner,
    repo: options.repo,
    pull_number: options.number,
  };
  const current = await attempt(client, `GET ${endpoint}`, () =>
    client.rest.pulls.get(ids),
  );
  if (current.data.state === 'closed') {
    return { number: options.number, closed: false };
  }
  if (options.comment !== undefined && options.comment.trim() !== '') {
    const body = options.comment;
    await attempt(
      client,
      `POST ${repoPath(options)}/issues/${options.number}/comments`,
      () =>
        client.rest.issues.createComment({
          owner: options.owner,
          repo: options.repo,
          issue_number: options.number,
          body,
        }),
    );
  }
  await attempt(client, `PATCH ${endpoint}`, () =>
    client.rest.pulls.update({ ...ids, state: 'closed' }),
  );
  return { number: options.number, closed: true };
}

/**
 * The open pull requests whose head branch starts with `headPrefix`, in
 * the repository itself (a fork's branch of the same name is not a
 * proposal of ours), oldest first.
 */
export async function listOpenProposals(
  client: GithubClient,
  options: ListProposalsOptions,
): Promise<PullSummary[]> {
  const pulls = await listPulls(client, options, {});
  return pulls
    .filter(
      (pull) =>
        pull.head.ref.startsWith(options.headPrefix) && fromRepo(pull, options),
    )
    .map(summary)
    .sort((a, b) => a.number - b.number);
}
