import type { HandlerTable } from './handler.ts';
import { notFound, ok, paginate } from './handler.ts';
import type { Actor } from './pull-access.ts';
import { checkHandlers, recordsAt } from './pull-check-handlers.ts';
import type { RepoScope } from './pull-scope.ts';
import { pullOf, withRepoScope } from './pull-scope.ts';
import type { Json } from './resources.ts';
import { nodeId, repoJson, userJson } from './resources.ts';
import type { WorldPull, WorldReview, WorldStatus } from './world.ts';

/**
 * What `rolesmith audit --repo` reads about merged pull requests: their
 * reviews (`pulls/list-reviews`) and the commit statuses of a sha
 * (`repos/get-combined-status-for-ref`), from `WorldPull.reviews` and
 * `WorldRepo.statuses`. Read-only, so any token that sees the
 * repository may ask. Check runs and the pull requests of a commit are
 * in `pull-check-handlers.ts`.
 */
export function reviewHandlers(actor: Actor): HandlerTable {
  return {
    ...checkHandlers(actor),
    'pulls/list-reviews': (context) =>
      withRepoScope(context, actor, (scope) => {
        const pull = pullOf(scope);
        if (pull === undefined) return notFound();
        return paginate(
          context,
          (pull.reviews ?? []).map((review) => reviewJson(scope, pull, review)),
        );
      }),

    'repos/get-combined-status-for-ref': (context) =>
      withRepoScope(context, actor, (scope) => {
        const sha = context.params.ref ?? '';
        const all = recordsAt(scope.repo.statuses, sha);
        if (all === undefined) return notFound();
        const latest = latestPerContext(all);
        const api = `${context.urls.api}/repos/${scope.fullName}`;
        return ok({
          state: combinedState(latest),
          statuses: latest.map((status) => statusJson(scope, status)),
          sha,
          total_count: latest.length,
          repository: repoJson(context.urls, scope.owner, scope.repo),
          commit_url: `${api}/commits/${sha}`,
          url: `${api}/commits/${sha}/status`,
        });
      }),
  };
}

function reviewJson(
  scope: RepoScope,
  pull: WorldPull,
  review: WorldReview,
): Json {
  const { urls } = scope.context;
  review.id ??= scope.context.world.nextId();
  const html = `${urls.web}/${scope.fullName}/pull/${pull.number}`;
  const api = `${urls.api}/repos/${scope.fullName}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: userJson(urls, scope.view.user(review.user)),
    body: review.body ?? '',
    state: review.state,
    html_url: `${html}#pullrequestreview-${review.id}`,
    pull_request_url: api,
    _links: {
      html: { href: `${html}#pullrequestreview-${review.id}` },
      pull_request: { href: api },
    },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: scope.view.association(review.user),
  };
}

/** GitHub's combined status shows the latest status of each context. */
function latestPerContext(statuses: readonly WorldStatus[]): WorldStatus[] {
  const latest = new Map<string, WorldStatus>();
  for (const status of statuses) latest.set(status.context, status);
  return [...latest.values()];
}

/** failure if any failed or errored, pending if any is pending or none. */
function combinedState(statuses: readonly WorldStatus[]): string {
  if (statuses.some((s) => s.state === 'failure' || s.state === 'error')) {
    return 'failure';
  }
  if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) {
    return 'pending';
  }
  return 'success';
}

function statusJson(scope: RepoScope, status: WorldStatus): Json {
  const { urls } = scope.context;
  status.id ??= scope.context.world.nextId();
  return {
    url: `${urls.api}/repos/${scope.fullName}/statuses/${status.id}`,
    avatar_url: null,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description ?? null,
    target_url: null,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}
