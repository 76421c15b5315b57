import type { HandlerResponse, HandlerTable } from './handler.ts';
import { notFound, ok, paginate } from './handler.ts';
import type { Actor } from './pull-access.ts';
import { permissionOn, teamPermissionOn } from './pull-access.ts';
import { branchSha, compare, resolveRef } from './pull-git.ts';
import { issueHandlers } from './pull-issue-handlers.ts';
import { reviewHandlers } from './pull-review-handlers.ts';
import {
  fullRepoJson,
  privateUserJson,
  pullJson,
  pullSimpleJson,
} from './pull-resources.ts';
import type { FieldError, RepoScope } from './pull-scope.ts';
import {
  bodyTooLong,
  MAX_BODY,
  now,
  pullOf,
  refreshPulls,
  validationFailed,
  withRepoScope,
  writeRefusal,
} from './pull-scope.ts';
import { teamJson, userJson } from './resources.ts';
import type { WorldPull } from './world.ts';
import { userOf } from './world.ts';

export type { Actor, TokenAccess } from './pull-access.ts';

/** The bodies GitHub's description allows; the validator has checked them. */
interface CreatePullBody {
  title?: string;
  head?: string;
  head_repo?: string;
  base?: string;
  body?: string;
  maintainer_can_modify?: boolean;
  draft?: boolean;
  issue?: number;
}

interface UpdatePullBody {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  base?: string;
  maintainer_can_modify?: boolean;
}

interface ReviewersBody {
  reviewers?: string[];
  team_reviewers?: string[];
}

/**
 * The endpoints `rolesmith propose` and `rolesmith comment` use, answering
 * as `actor` (the user of the token the request carried): the
 * repository, pull requests, their labels, reviewers and comments, the
 * authenticated user and git refs. Branches and shas come from the
 * repository's bare git directory, so GitHub's refusals (a head that was
 * never pushed, a duplicate pull request, nothing to merge) happen for
 * the same reasons they would on GitHub.
 */
export function createPullHandlers(actor: Actor): HandlerTable {
  return {
    'users/get-authenticated': (context) =>
      ok(privateUserJson(context.urls, userOf(context.world, actor.login))),

    'repos/get': (context) =>
      withRepoScope(context, actor, (scope) =>
        ok(
          fullRepoJson(context.urls, scope.owner, scope.repo, scope.permission),
        ),
      ),

    'git/get-ref': (context) =>
      withRepoScope(context, actor, async (scope) => {
        const ref = context.params.ref ?? '';
        const found = await resolveRef(scope.repo.gitDir, ref);
        if (found === undefined) return notFound();
        const api = `${context.urls.api}/repos/${scope.fullName}`;
        return ok({
          ref: `refs/${ref}`,
          node_id: Buffer.from(`03:Ref${scope.repo.id}:refs/${ref}`).toString(
            'base64',
          ),
          url: `${api}/git/refs/${ref}`,
          object: {
            type: found.type,
            sha: found.sha,
            url: `${api}/git/${found.type === 'tag' ? 'tags' : 'commits'}/${found.sha}`,
          },
        });
      }),

    'pulls/list': (context) =>
      withRepoScope(context, actor, async (scope) => {
        const { query } = context;
        const state = (query.state as string | undefined) ?? 'open';
        const headMatches = headFilter(query.head, scope);
        const base = query.base as string | undefined;
        await refreshPulls(scope.repo, scope.repo.pulls);
        const sort = query.sort === 'updated' ? 'updatedAt' : 'createdAt';
        // GitHub: descending by default when sorting by creation date.
        const direction =
          (query.direction as string | undefined) ??
          (query.sort === undefined || query.sort === 'created'
            ? 'desc'
            : 'asc');
        const pulls = scope.repo.pulls
          .filter((p) => state === 'all' || p.state === state)
          .filter(headMatches)
          .filter((p) => base === undefined || p.base === base)
          .sort((a, b) => {
            const order = a[sort].localeCompare(b[sort]) || a.number - b.number;
            return direction === 'asc' ? order : -order;
          });
        return paginate(
          context,
          pulls.map((p) => pullSimpleJson(scope.view, p)),
        );
      }),

    'pulls/get': (context) =>
      withRepoScope(context, actor, async (scope) => {
        const pull = pullOf(scope);
        if (pull === undefined) return notFound();
        return ok(await fullPull(scope, pull));
      }),

    'pulls/create': (context) =>
      withRepoScope(context, actor, (scope) =>
        createPull(scope, context.body as CreatePullBody),
      ),

    'pulls/update': (context) =>
      withRepoScope(context, actor, async (scope) => {
        const pull = pullOf(scope);
        if (pull === undefined) return notFound();
        return updatePull(scope, pull, context.body as UpdatePullBody);
      }),

    'pulls/request-reviewers': (context) =>
      withRepoScope(context, actor, (scope) => {
        const pull = pullOf(scope);
        if (pull === undefined) return notFound();
        const refused = writeRefusal(scope, 'triage');
        if (refused !== undefined) return refused;
        return requestReviewers(scope, pull, context.body as ReviewersBody);
      }),

    'pulls/list-requested-reviewers': (context) =>
      withRepoScope(context, actor, (scope) => {
        const pull = pullOf(scope);
        if (pull === undefined) return notFound();
        const { org } = scope;
        return ok({
          users: pull.requestedReviewers.map((login) =>
            userJson(context.urls, userOf(context.world, login)),
          ),
          teams: pull.requestedTeams.flatMap((slug) => {
            const team = org.teams.find((t) => t.slug === slug);
            return team === undefined
              ? []
              : [teamJson(context.urls, org, team)];
          }),
        });
      }),

    ...issueHandlers(actor),
    ...reviewHandlers(actor),
  };
}

/**
 * Which pull requests a `head` filter keeps. GitHub wants `owner:branch`
 * and silently ignores a bare branch name, listing every pull request: a
 * well-known trap, kept so that clients falling into it find out here.
 */
function headFilter(
  value: unknown,
  scope: RepoScope,
): (pull: WorldPull) => boolean {
  if (typeof value !== 'string' || !value.includes(':')) return () => true;
  const colon = value.indexOf(':');
  const owner = value.slice(0, colon);
  const branch = value.slice(colon + 1);
  // Another owner's branch would be a fork's, and the world has no forks.
  if (owner.toLowerCase() !== scope.org.login.toLowerCase()) return () => false;
  return (pull) => pull.head === branch;
}

async function fullPull(scope: RepoScope, pull: WorldPull) {
  await refreshPulls(scope.repo, [pull]);
  const size = await compare(scope.repo.gitDir, pull.baseSha, pull.headSha);
  const json = pullJson(scope.view, pull, size);
  const { merged } = pull;
  if (merged === undefined) return json;
  // A merged pull request: who merged it, when, and the merge commit.
  return {
    ...json,
    merged: true,
    merged_at: merged.at,
    merge_commit_sha: merged.commitSha,
    merged_by: userJson(
      scope.context.urls,
      userOf(scope.context.world, merged.by),
    ),
  };
}

function openDuplicate(scope: RepoScope, head: string, base: string) {
  return scope.repo.pulls.find(
    (p) => p.state === 'open' && p.head === head && p.base === base,
  );
}

function alreadyExists(scope: RepoScope, head: string) {
  return validationFailed({
    resource: 'PullRequest',
    code: 'custom',
    message: `A pull request already exists for ${scope.org.login}:${head}.`,
  });
}

function noCommits(base: string, head: string) {
  return validationFailed({
    resource: 'PullRequest',
    code: 'custom',
    message: `No commits between ${base} and ${head}`,
  });
}

async function createPull(
  scope: RepoScope,
  body: CreatePullBody,
): Promise<HandlerResponse> {
  const refused = writeRefusal(scope, 'pull');
  if (refused !== undefined) return refused;
  if (body.issue !== undefined) {
    // Turning an issue into a pull request: the world has no issues.
    return validationFailed({
      resource: 'PullRequest',
      code: 'invalid',
      field: 'issue',
    });
  }
  if (body.title === undefined || body.title.trim() === '') {
    return validationFailed({
      resource: 'PullRequest',
      code: 'missing_field',
      field: 'title',
    });
  }
  if ((body.body ?? '').length > MAX_BODY) {
    return validationFailed(bodyTooLong('PullRequest'));
  }
  let head = body.head ?? '';
  const colon = head.indexOf(':');
  if (colon >= 0) {
    const owner = head.slice(0, colon);
    // A head in another account is a fork's branch; the world has none.
    if (owner.toLowerCase() !== scope.org.login.toLowerCase()) head = '';
    else head = head.slice(colon + 1);
  }
  if (body.head_repo !== undefined && body.head_repo !== scope.fullName) {
    head = '';
  }
  const base = body.base ?? '';
  const [headSha, baseSha] = await Promise.all([
    branchSha(scope.repo.gitDir, head),
    branchSha(scope.repo.gitDir, base),
  ]);
  const missing: FieldError[] = [];
  if (baseSha === undefined) {
    missing.push({ resource: 'PullRequest', code: 'invalid', field: 'base' });
  }
  if (headSha === undefined) {
    missing.push({ resource: 'PullRequest', code: 'invalid', field: 'head' });
  }
  if (headSha === undefined || baseSha === undefined) {
    return validationFailed(...missing);
  }
  if (head === base) return noCommits(base, head);
  if (openDuplicate(scope, head, base) !== undefined) {
    return alreadyExists(scope, head);
  }
  const size = await compare(scope.repo.gitDir, baseSha, headSha);
  if (size.commits === 0) return noCommits(base, head);

  const at = now();
  const pull: WorldPull = {
    id: scope.context.world.nextId(),
    number: ++scope.repo.lastNumber,
    title: body.title,
    body: body.body ?? null,
    state: 'open',
    draft: body.draft ?? false,
    head,
    base,
    headSha,
    baseSha,
    author: scope.actor.login,
    maintainerCanModify: body.maintainer_can_modify ?? true,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    createdAt: at,
    updatedAt: at,
    closedAt: null,
  };
  scope.repo.pulls.push(pull);
  return ok(pullJson(scope.view, pull, size), 201);
}

async function updatePull(
  scope: RepoScope,
  pull: WorldPull,
  body: UpdatePullBody,
): Promise<HandlerResponse> {
  const refused = writeRefusal(scope, 'push', { author: pull.author });
  if (refused !== undefined) return refused;
  await refreshPulls(scope.repo, [pull]);
  if (body.body !== undefined && body.body.length > MAX_BODY) {
    return validationFailed(bodyTooLong('PullRequest'));
  }
  const closedAfter = (body.state ?? pull.state) === 'closed';
  let baseSha = pull.baseSha;
  if (body.base !== undefined && body.base !== pull.base) {
    if (closedAfter) {
      return validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        field: 'base',
        message: 'Cannot change the base branch of a closed pull request.',
      });
    }
    const sha = await branchSha(scope.repo.gitDir, body.base);
    if (sha === undefined) {
      return validationFailed({
        resource: 'PullRequest',
        code: 'invalid',
        field: 'base',
        message: `Proposed base branch '${body.base}' was not found`,
      });
    }
    if (body.base === pull.head) return noCommits(body.base, pull.head);
    baseSha = sha;
  }
  const base = body.base ?? pull.base;
  if (body.state === 'open' && pull.state === 'closed') {
    const headSha = await branchSha(scope.repo.gitDir, pull.head);
    if (headSha === undefined) {
      return validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        field: 'state',
        message: `state cannot be changed. The ${pull.head} branch has been deleted.`,
      });
    }
    if (openDuplicate(scope, pull.head, base) !== undefined) {
      return alreadyExists(scope, pull.head);
    }
    pull.headSha = headSha;
  }

  const at = now();
  if (body.title !== undefined) pull.title = body.title;
  if (body.body !== undefined) pull.body = body.body;
  if (body.maintainer_can_modify !== undefined) {
    pull.maintainerCanModify = body.maintainer_can_modify;
  }
  pull.base = base;
  pull.baseSha = baseSha;
  if (body.state !== undefined && body.state !== pull.state) {
    pull.state = body.state;
    pull.closedAt = body.state === 'closed' ? at : null;
  }
  pull.updatedAt = at;
  return ok(await fullPull(scope, pull));
}

/**
 * GitHub requests review only from people who can see the repository
 * and from the organisation's teams that have access to it, never from
 * the author. Its description documents no body for the 422 it then
 * sends, so the stand-in sends none (GitHub itself sends a message).
 */
function requestReviewers(
  scope: RepoScope,
  pull: WorldPull,
  body: ReviewersBody,
): HandlerResponse {
  const users = body.reviewers ?? [];
  const teams = body.team_reviewers ?? [];
  const { org, repo } = scope;
  const userOk = (login: string) =>
    login.toLowerCase() !== pull.author.toLowerCase() &&
    permissionOn(org, repo, login) !== undefined;
  const teamOk = (slug: string) => {
    const team = org.teams.find((t) => t.slug === slug);
    return (
      team !== undefined && teamPermissionOn(org, team, repo) !== undefined
    );
  };
  if (
    users.length + teams.length === 0 ||
    !users.every(userOk) ||
    !teams.every(teamOk)
  ) {
    return { status: 422 };
  }
  for (const login of users) {
    if (!pull.requestedReviewers.includes(login)) {
      pull.requestedReviewers.push(login);
    }
  }
  for (const slug of teams) {
    if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
  }
  pull.updatedAt = now();
  return ok(pullSimpleJson(scope.view, pull), 201);
}
