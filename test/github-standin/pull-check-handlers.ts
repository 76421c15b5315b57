import type { HandlerTable } from './handler.ts';
import { notFound, paginate } from './handler.ts';
import type { Actor } from './pull-access.ts';
import { pullSimpleJson } from './pull-resources.ts';
import type { RepoScope } from './pull-scope.ts';
import { withRepoScope } from './pull-scope.ts';
import type { Json } from './resources.ts';
import { nodeId, userJson } from './resources.ts';
import type { WorldCheckRun } from './world.ts';
import { userOf } from './world.ts';

/**
 * More of what `rolesmith audit --repo` reads about a commit: its check
 * runs (`checks/list-for-ref`, from `WorldRepo.checkRuns`) and the pull
 * requests associated with it (`repos/list-pull-requests-associated-
 * with-commit`: those whose head it is or whose merge made it). Read-only.
 */
export function checkHandlers(actor: Actor): HandlerTable {
  return {
    'checks/list-for-ref': (context) =>
      withRepoScope(context, actor, (scope) => {
        const sha = context.params.ref ?? '';
        const all = recordsAt(scope.repo.checkRuns, sha);
        if (all === undefined) return notFound();
        const { query } = context;
        // GitHub's default filter, `latest`, keeps the newest run per name.
        const runs = query.filter === 'all' ? all : latestPerName(all);
        const rows = runs
          .filter(
            (r) =>
              query.check_name === undefined || r.name === query.check_name,
          )
          .filter(
            (r) => query.status === undefined || r.status === query.status,
          )
          .map((run) => checkRunJson(scope, sha, run));
        return paginate(context, rows, (page, total) => ({
          total_count: total,
          check_runs: page,
        }));
      }),

    'repos/list-pull-requests-associated-with-commit': (context) =>
      withRepoScope(context, actor, (scope) => {
        const sha = context.params.commit_sha ?? '';
        const pulls = scope.repo.pulls
          .filter((p) => p.headSha === sha || p.merged?.commitSha === sha)
          .sort((a, b) => b.number - a.number)
          .map((pull) => ({
            ...pullSimpleJson(scope.view, pull),
            // As GitHub lists merged pull requests: with their merge.
            merged_at: pull.merged?.at ?? null,
            merge_commit_sha: pull.merged?.commitSha ?? null,
          }));
        return paginate(context, pulls);
      }),
  };
}

/**
 * What the world keeps for a commit (statuses, check runs), by full sha
 * only: it keeps them by commit, not by ref. Undefined for something that
 * is not a sha, which GitHub would not find either.
 */
export function recordsAt<T>(
  bySha: Record<string, T[]> | undefined,
  sha: string,
): T[] | undefined {
  const all = bySha?.[sha];
  if (all === undefined && !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  return all ?? [];
}

function latestPerName(runs: readonly WorldCheckRun[]): WorldCheckRun[] {
  const latest = new Map<string, WorldCheckRun>();
  for (const run of runs) latest.set(run.name, run);
  return [...latest.values()];
}

function checkRunJson(scope: RepoScope, sha: string, run: WorldCheckRun): Json {
  const { urls, world } = scope.context;
  run.id ??= world.nextId();
  const api = `${urls.api}/repos/${scope.fullName}`;
  const slug = run.app ?? 'github-actions';
  return {
    id: run.id,
    head_sha: sha,
    node_id: nodeId('CheckRun', run.id),
    external_id: null,
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${scope.fullName}/runs/${run.id}`,
    details_url: `${urls.web}/${scope.fullName}/runs/${run.id}`,
    status: run.status,
    conclusion: run.status === 'completed' ? (run.conclusion ?? null) : null,
    started_at: run.startedAt,
    completed_at: run.status === 'completed' ? (run.completedAt ?? null) : null,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: {
      id: 15368,
      slug,
      node_id: nodeId('Integration', 15368),
      owner: userJson(urls, userOf(world, 'github')),
      name: slug,
      description: null,
      external_url: `${urls.web}/apps/${slug}`,
      html_url: `${urls.web}/apps/${slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:10:30Z',
      permissions: { checks: 'write', metadata: 'read' },
      events: ['check_run'],
    },
    pull_requests: [],
  };
}
