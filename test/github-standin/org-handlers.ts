import type {
  HandlerContext,
  HandlerResponse,
  HandlerTable,
} from './handler.ts';
import { notFound, paginate } from './handler.ts';
import {
  collaboratorJson,
  deployKeyJson,
  installationJson,
  repoJson,
  teamJson,
  userJson,
} from './resources.ts';
import type {
  RepoPermission,
  WorldOrg,
  WorldRepo,
  WorldTeam,
} from './world.ts';
import { REPO_PERMISSIONS, userOf } from './world.ts';

/**
 * Read endpoints for an organisation's people and access: members,
 * outside collaborators, teams, repositories, collaborators, deploy keys
 * and app installations. They behave as GitHub documents, including the
 * filters (`role`, `affiliation`, `permission`, `type`).
 */
export const orgHandlers: HandlerTable = {
  'orgs/list-members': (context) =>
    withOrg(context, (org) => {
      const role = context.query.role ?? 'all';
      const logins = Object.entries(org.members)
        .filter(([, r]) => role === 'all' || r === role)
        .map(([login]) => login);
      return paginate(context, users(context, logins));
    }),

  'orgs/list-outside-collaborators': (context) =>
    withOrg(context, (org) =>
      paginate(context, users(context, org.outsideCollaborators)),
    ),

  'teams/list': (context) =>
    withOrg(context, (org) =>
      paginate(
        context,
        org.teams.map((team) => teamJson(context.urls, org, team)),
      ),
    ),

  'teams/list-members-in-org': (context) =>
    withTeam(context, (org, team) => {
      const role = context.query.role ?? 'all';
      const rows = teamMembers(org, team)
        .map((login) => ({
          login,
          maintainer: team.maintainers.includes(login),
          inherited:
            !team.members.includes(login) && !team.maintainers.includes(login),
        }))
        .filter(
          ({ maintainer }) =>
            role === 'all' || (role === 'maintainer') === maintainer,
        )
        .map(({ login, maintainer, inherited }) => ({
          ...userJson(context.urls, userOf(context.world, login)),
          // As GitHub sends them with team roles enabled for the org.
          role: maintainer ? 'maintainer' : 'member',
          inherited,
        }));
      return paginate(context, rows);
    }),

  'teams/list-repos-in-org': (context) =>
    withTeam(context, (org, team) => {
      const owner = userOf(context.world, org.login);
      const repos = Object.entries(team.repos).flatMap(([name, level]) => {
        const repo = org.repos.find((r) => r.name === name);
        return repo === undefined
          ? []
          : [repoJson(context.urls, owner, repo, level)];
      });
      return paginate(context, repos);
    }),

  'repos/list-for-org': (context) =>
    withOrg(context, (org) => {
      const type = context.query.type ?? 'all';
      const owner = userOf(context.world, org.login);
      const repos = org.repos
        .filter((repo) => type !== 'public' || !repo.private)
        .filter((repo) => type !== 'private' || repo.private)
        .map((repo) => repoJson(context.urls, owner, repo));
      return paginate(context, repos);
    }),

  'repos/list-collaborators': (context) =>
    withRepo(context, (org, repo) => {
      const affiliation = context.query.affiliation ?? 'all';
      const wanted = context.query.permission as RepoPermission | undefined;
      const access =
        affiliation === 'all' ? effectiveAccess(org, repo) : repo.collaborators;
      const rows = Object.entries(access)
        .filter(
          ([login]) =>
            affiliation !== 'outside' ||
            org.outsideCollaborators.includes(login),
        )
        .filter(([, level]) => wanted === undefined || atLeast(level, wanted))
        .map(([login, level]) =>
          collaboratorJson(context.urls, userOf(context.world, login), level),
        );
      return paginate(context, rows);
    }),

  'repos/list-deploy-keys': (context) =>
    withRepo(context, (org, repo) =>
      paginate(
        context,
        repo.deployKeys.map((key) =>
          deployKeyJson(context.urls, `${org.login}/${repo.name}`, key),
        ),
      ),
    ),

  'orgs/list-app-installations': (context) =>
    withOrg(context, (org) => {
      const account = userOf(context.world, org.login);
      const rows = org.installations.map((installation) =>
        installationJson(context.urls, account, installation),
      );
      return paginate(context, rows, (page, total) => ({
        total_count: total,
        installations: page,
      }));
    }),
};

function withOrg(
  context: HandlerContext,
  answer: (org: WorldOrg) => HandlerResponse,
): HandlerResponse {
  const org = context.world.orgs.get(
    context.params.org ?? context.params.owner ?? '',
  );
  return org === undefined ? notFound() : answer(org);
}

function withTeam(
  context: HandlerContext,
  answer: (org: WorldOrg, team: WorldTeam) => HandlerResponse,
): HandlerResponse {
  return withOrg(context, (org) => {
    const team = org.teams.find((t) => t.slug === context.params.team_slug);
    return team === undefined ? notFound() : answer(org, team);
  });
}

function withRepo(
  context: HandlerContext,
  answer: (org: WorldOrg, repo: WorldRepo) => HandlerResponse,
): HandlerResponse {
  return withOrg(context, (org) => {
    const repo = org.repos.find((r) => r.name === context.params.repo);
    return repo === undefined ? notFound() : answer(org, repo);
  });
}

function users(context: HandlerContext, logins: string[]) {
  return logins.map((login) =>
    userJson(context.urls, userOf(context.world, login)),
  );
}

/** A team's members include those of its child teams, as on GitHub. */
function teamMembers(org: WorldOrg, team: WorldTeam): string[] {
  const children = org.teams.filter((t) => t.parent === team.slug);
  const all = [
    ...team.maintainers,
    ...team.members,
    ...children.flatMap((c) => teamMembers(org, c)),
  ];
  return [...new Set(all)];
}

/** Everyone with access: direct, through teams, and owners as admins. */
function effectiveAccess(
  org: WorldOrg,
  repo: WorldRepo,
): Record<string, RepoPermission> {
  const access: Record<string, RepoPermission> = {};
  const grant = (login: string, level: RepoPermission) => {
    const held = access[login];
    if (held === undefined || atLeast(level, held)) access[login] = level;
  };
  for (const [login, level] of Object.entries(repo.collaborators))
    grant(login, level);
  for (const team of org.teams) {
    // Parent teams' members include child teams', so access flows down.
    const level = team.repos[repo.name];
    if (level !== undefined)
      teamMembers(org, team).forEach((l) => {
        grant(l, level);
      });
  }
  for (const [login, role] of Object.entries(org.members)) {
    if (role === 'admin') grant(login, 'admin');
  }
  return access;
}

function atLeast(level: RepoPermission, floor: RepoPermission): boolean {
  return REPO_PERMISSIONS.indexOf(level) >= REPO_PERMISSIONS.indexOf(floor);
}
