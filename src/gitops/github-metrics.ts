import type { GithubClient } from './github-client.ts';
import { attempt } from './github-pulls-errors.ts';
import type { RepoTarget } from './github-pulls.ts';
import { PER_PAGE, repoPath, sameName } from './github-pulls.ts';

/** A proposal pull request as `rolesmith metrics --repo` counts it. */
export interface ProposalPull {
  number: number;
  head: string;
  headSha: string;
  state: 'open' | 'merged' | 'closed' | 'superseded';
  createdAt: string;
  mergedAt?: string;
  closedAt?: string;
  /** The first APPROVED review's submission; read for decided ones only. */
  firstApprovalAt?: string;
}

export interface ProposalPullsOptions extends RepoTarget {
  /** The measured branch: only pull requests into it count. */
  base: string;
  /** Branch prefix of the proposals, e.g. `rolesmith/`. */
  headPrefix: string;
}

/**
 * What `propose` leaves on a pull request it closes for a newer one: a
 * comment `Superseded by <url>: …` (see forge.ts). A person closing one
 * by hand may say so with a label or in the body instead.
 */
const SUPERSEDED_COMMENT = /^\s*superseded by\b/i;
const SUPERSEDED_LABEL = /^superseded$/i;
const SUPERSEDED_BODY = /^\s*superseded by\b/im;

/**
 * Every pull request (open, merged and closed, all pages) from a
 * proposal branch of the repository itself into `base`, by number. A
 * closed one is `superseded` when propose (or a person) said it was
 * replaced rather than rejected; the reviews of merged and closed ones
 * give the first approval. A fork's branch of the same name is not a
 * proposal of ours.
 */
export async function readProposalPulls(
  client: GithubClient,
  options: ProposalPullsOptions,
): Promise<ProposalPull[]> {
  const { owner, repo, base } = options;
  const pulls = await attempt(
    client,
    `GET ${repoPath(options)}/pulls?state=all&base=${base}`,
    () =>
      client.paginate(client.rest.pulls.list, {
        owner,
        repo,
        state: 'all',
        base,
        per_page: PER_PAGE,
      }),
  );
  const ours = pulls
    .filter((pull) => {
      // Typed as always there, but GitHub sends null once a fork is deleted.
      const headRepo = pull.head.repo as { full_name: string } | null;
      return (
        pull.base.ref === base &&
        pull.head.ref.startsWith(options.headPrefix) &&
        headRepo !== null &&
        sameName(headRepo.full_name, `${owner}/${repo}`)
      );
    })
    .sort((a, b) => a.number - b.number);
  const found: ProposalPull[] = [];
  for (const pull of ours) {
    const state =
      pull.merged_at !== null
        ? 'merged'
        : pull.state === 'open'
          ? 'open'
          : (await isSuperseded(client, options, pull))
            ? 'superseded'
            : 'closed';
    const approval =
      state === 'merged' || state === 'closed'
        ? await firstApproval(client, options, pull.number)
        : undefined;
    found.push({
      number: pull.number,
      head: pull.head.ref,
      headSha: pull.head.sha,
      state,
      createdAt: pull.created_at,
      ...(pull.merged_at !== null && { mergedAt: pull.merged_at }),
      ...(pull.closed_at !== null && { closedAt: pull.closed_at }),
      ...(approval !== undefined && { firstApprovalAt: approval }),
    });
  }
  return found;
}

async function isSuperseded(
  client: GithubClient,
  target: RepoTarget,
  pull: { number: number; body: string | null; labels: { name: string }[] },
): Promise<boolean> {
  if (pull.labels.some((label) => SUPERSEDED_LABEL.test(label.name))) {
    return true;
  }
  if (SUPERSEDED_BODY.test(pull.body ?? '')) return true;
  const comments = await attempt(
    client,
    `GET ${repoPath(target)}/issues/${pull.number}/comments`,
    () =>
      client.paginate(client.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: pull.number,
        per_page: PER_PAGE,
      }),
  );
  return comments.some((c) => SUPERSEDED_COMMENT.test(c.body ?? ''));
}

/**
 * When someone first approved: the earliest APPROVED review, whatever
 * came after it. Dismissed approvals GitHub reports as DISMISSED, so
 * they do not count.
 */
async function firstApproval(
  client: GithubClient,
  target: RepoTarget,
  number: number,
): Promise<string | undefined> {
  const reviews = await attempt(
    client,
    `GET ${repoPath(target)}/pulls/${number}/reviews`,
    () =>
      client.paginate(client.rest.pulls.listReviews, {
        owner: target.owner,
        repo: target.repo,
        pull_number: number,
        per_page: PER_PAGE,
      }),
  );
  const approved = reviews
    .filter((r) => r.state === 'APPROVED')
    .flatMap((r) => (r.submitted_at === undefined ? [] : [r.submitted_at]))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return approved[0];
}
