import type { HandlerContext, HandlerResponse } from './handler.ts';
import { notFound } from './handler.ts';
import type { Actor } from './pull-access.ts';
import { associationOf, atLeast, canSee, permissionOn } from './pull-access.ts';
import { branchShas } from './pull-git.ts';
import type { PullView } from './pull-resources.ts';
import type { Json } from './resources.ts';
import { errorJson } from './resources.ts';
import type {
  RepoPermission,
  WorldOrg,
  WorldPull,
  WorldRepo,
  WorldUser,
} from './world.ts';
import { userOf } from './world.ts';

/**
 * What every pull and issue handler starts from: the repository the path
 * names, as the token's user sees it, and the refusals GitHub gives.
 */
export interface RepoScope {
  context: HandlerContext;
  actor: Actor;
  org: WorldOrg;
  repo: WorldRepo;
  owner: WorldUser;
  fullName: string;
  view: PullView;
  /** The actor's permission; public repositories are readable by anyone. */
  permission: RepoPermission | undefined;
}

export function withRepoScope(
  context: HandlerContext,
  actor: Actor,
  answer: (scope: RepoScope) => HandlerResponse | Promise<HandlerResponse>,
): HandlerResponse | Promise<HandlerResponse> {
  const org = context.world.orgs.get(context.params.owner ?? '');
  const repo = org?.repos.find((r) => r.name === context.params.repo);
  // GitHub answers 404, not 403, for a private repository one cannot see.
  if (org === undefined || repo === undefined) return notFound();
  if (!canSee(org, repo, actor.login)) return notFound();
  const owner = userOf(context.world, org.login);
  const granted = permissionOn(org, repo, actor.login);
  const permission = granted ?? (repo.private ? undefined : 'pull');
  return answer({
    context,
    actor,
    org,
    repo,
    owner,
    fullName: `${org.login}/${repo.name}`,
    permission,
    view: {
      urls: context.urls,
      org,
      repo,
      owner,
      user: (login) => userOf(context.world, login),
      association: (login) => associationOf(org, repo, login),
    },
  });
}

/** The pull request a path's `pull_number` or `issue_number` names. */
export function pullOf(scope: RepoScope): WorldPull | undefined {
  const { params } = scope.context;
  const number = Number(params.pull_number ?? params.issue_number);
  return scope.repo.pulls.find((p) => p.number === number);
}

export function forbidden(message: string): HandlerResponse {
  return { status: 403, body: errorJson(message, 403), protocol: true };
}

/**
 * Why a write is refused, if it is: a token granted read access only
 * (GitHub's answer to a fine-grained token without write on pull
 * requests or issues), or a user whose role on the repository is too
 * weak. Undefined when the write may go ahead.
 */
export function writeRefusal(
  scope: RepoScope,
  floor: RepoPermission,
  options: { author?: string } = {},
): HandlerResponse | undefined {
  if (scope.actor.access === 'read') {
    return forbidden('Resource not accessible by personal access token');
  }
  if (options.author !== undefined && options.author === scope.actor.login) {
    return undefined;
  }
  const { permission } = scope;
  if (permission === undefined || !atLeast(permission, floor)) {
    // GitHub's wording differs per endpoint; this says what is missing.
    return forbidden(
      `${scope.actor.login} needs ${floor} access to ${scope.fullName} for this`,
    );
  }
  return undefined;
}

/** One entry of a 422's `errors`, as `validation-error` describes it. */
export type FieldError = Json & {
  resource: string;
  code: string;
  field?: string;
  message?: string;
};

/** GitHub's 422: `Validation Failed` with one entry per problem. */
export function validationFailed(...errors: FieldError[]): HandlerResponse {
  return {
    status: 422,
    body: errorJson('Validation Failed', 422, errors),
  };
}

/** GitHub's limit on issue, pull request and comment bodies. */
export const MAX_BODY = 65536;

export function bodyTooLong(resource: string): FieldError {
  return {
    resource,
    code: 'custom',
    field: 'body',
    message: `body is too long (maximum is ${MAX_BODY} characters)`,
  };
}

/**
 * Brings open pull requests up to date with their branches, as a push
 * does on GitHub: the head and base shas move with the branches. A
 * deleted branch leaves the last sha seen; closed ones keep theirs.
 */
export async function refreshPulls(
  repo: WorldRepo,
  pulls: WorldPull[],
): Promise<void> {
  if (!pulls.some((p) => p.state === 'open')) return;
  const branches = await branchShas(repo.gitDir);
  for (const pull of pulls) {
    if (pull.state !== 'open') continue;
    pull.headSha = branches.get(pull.head) ?? pull.headSha;
    pull.baseSha = branches.get(pull.base) ?? pull.baseSha;
  }
}

/** Timestamps as GitHub writes them: UTC, whole seconds. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
