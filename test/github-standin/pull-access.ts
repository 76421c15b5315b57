import type {
  RepoPermission,
  WorldOrg,
  WorldRepo,
  WorldTeam,
} from './world.ts';
import { REPO_PERMISSIONS } from './world.ts';

/**
 * Who a request comes from: the user a token belongs to, and what the
 * token itself may do. A fine-grained token with read access to pull
 * requests and issues cannot write them, whatever its user could do, and
 * GitHub answers such writes 403.
 */
export type TokenAccess = 'read' | 'write';

export interface Actor {
  login: string;
  access: TokenAccess;
}

/**
 * The strongest permission a login holds on a repository: directly,
 * through a team (a parent team's access reaches its child teams'
 * members), or as an organisation owner, who is an admin everywhere.
 * Undefined when the login has no access at all.
 */
export function permissionOn(
  org: WorldOrg,
  repo: WorldRepo,
  login: string,
): RepoPermission | undefined {
  let best: RepoPermission | undefined = repo.collaborators[login];
  const grant = (level: RepoPermission) => {
    if (best === undefined || atLeast(level, best)) best = level;
  };
  if (org.members[login] === 'admin') grant('admin');
  for (const team of org.teams) {
    const level = teamPermissionOn(org, team, repo);
    if (level !== undefined && teamHas(org, team, login)) grant(level);
  }
  return best;
}

/** A team's access to a repository, its own or inherited from a parent. */
export function teamPermissionOn(
  org: WorldOrg,
  team: WorldTeam,
  repo: WorldRepo,
): RepoPermission | undefined {
  const seen = new Set<string>();
  let current: WorldTeam | undefined = team;
  let best: RepoPermission | undefined;
  while (current !== undefined && !seen.has(current.slug)) {
    seen.add(current.slug);
    const level: RepoPermission | undefined = current.repos[repo.name];
    if (level !== undefined && (best === undefined || atLeast(level, best))) {
      best = level;
    }
    const parent: string | undefined = current.parent;
    current = org.teams.find((t) => t.slug === parent);
  }
  return best;
}

/** Whether a login is in a team, directly or through a child team. */
function teamHas(org: WorldOrg, team: WorldTeam, login: string): boolean {
  if (team.members.includes(login) || team.maintainers.includes(login)) {
    return true;
  }
  return org.teams
    .filter((t) => t.parent === team.slug && t.slug !== team.slug)
    .some((child) => teamHas(org, child, login));
}

export function atLeast(level: RepoPermission, floor: RepoPermission) {
  return REPO_PERMISSIONS.indexOf(level) >= REPO_PERMISSIONS.indexOf(floor);
}

/** Whether a login may see a repository at all; GitHub hides the rest. */
export function canSee(org: WorldOrg, repo: WorldRepo, login: string) {
  return !repo.private || permissionOn(org, repo, login) !== undefined;
}

/** `author_association` as GitHub computes it for an organisation's repo. */
export function associationOf(
  org: WorldOrg,
  repo: WorldRepo,
  login: string,
): 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'NONE' {
  if (login === org.login) return 'OWNER';
  if (org.members[login] !== undefined) return 'MEMBER';
  return permissionOn(org, repo, login) === undefined ? 'NONE' : 'COLLABORATOR';
}
