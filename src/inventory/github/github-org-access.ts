import type { Entitlement, RiskLevel } from '../../model/index.ts';

/** Repository roles, lowest first; each includes the ones before it. */
export const REPO_LEVELS = [
  'read',
  'triage',
  'write',
  'maintain',
  'admin',
] as const;

export type RepoLevel = (typeof REPO_LEVELS)[number];

/** The `permissions` object GitHub puts on collaborators and repositories. */
export interface GithubPermissionFlags {
  admin?: boolean;
  maintain?: boolean;
  push?: boolean;
  triage?: boolean;
  pull?: boolean;
}

const FLAG_OF: Record<RepoLevel, keyof GithubPermissionFlags> = {
  read: 'pull',
  triage: 'triage',
  write: 'push',
  maintain: 'maintain',
  admin: 'admin',
};

/**
 * The highest repository role held. The `permissions` flags win over
 * `role_name`, because a custom repository role has its own name but
 * still sets the flags of the base role it extends; `role_name` is the
 * fallback when there are no flags. Undefined when neither says.
 */
export function highestLevel(
  flags: GithubPermissionFlags | undefined,
  roleName: string | undefined,
): RepoLevel | undefined {
  for (const level of [...REPO_LEVELS].reverse()) {
    if (flags?.[FLAG_OF[level]] === true) return level;
  }
  const named =
    roleName === 'pull' ? 'read' : roleName === 'push' ? 'write' : roleName;
  return REPO_LEVELS.find((level) => level === named);
}

export function rankOf(level: RepoLevel): number {
  return REPO_LEVELS.indexOf(level);
}

const REPO_RISK: Record<RepoLevel, RiskLevel> = {
  read: 'low',
  triage: 'low',
  write: 'medium',
  maintain: 'medium',
  admin: 'high',
};

/** Write access to these lets an app change who can do what, or run code. */
const POWERFUL_APP_PERMISSIONS = new Set([
  'administration',
  'organization_administration',
  'members',
  'secrets',
  'organization_secrets',
  'workflows',
]);

export const personId = (login: string) => `github:user/${login}`;
export const appId = (slug: string) => `github:app/${slug}`;
export const deployKeyId = (repo: string, id: number) =>
  `github:deploy-key/${repo}/${id}`;

export function ownerEntitlement(org: string): Entitlement {
  return {
    id: `github:${org}:owner`,
    system: 'github',
    name: `Owner of ${org}`,
    description:
      `Full control of the ${org} organisation: settings, members, billing ` +
      'and admin on every repository',
    risk: 'critical',
  };
}

export function repoEntitlement(
  org: string,
  repo: string,
  level: RepoLevel,
): Entitlement {
  return {
    id: `github:${org}/${repo}:${level}`,
    system: 'github',
    name: `${level} on ${org}/${repo}`,
    description: `The ${level} role on the ${org}/${repo} repository`,
    risk: REPO_RISK[level],
  };
}

/**
 * Team membership as an entitlement. Its risk is that of the strongest
 * repository role the team grants, so a team that holds admin somewhere
 * is as sensitive as that admin role.
 */
export function teamEntitlement(
  org: string,
  team: { slug: string; name: string; description?: string | null },
  strongest: RepoLevel | undefined,
): Entitlement {
  const description = team.description?.trim();
  return {
    id: `github:${org}:team/${team.slug}`,
    system: 'github',
    name: team.name,
    description:
      description === undefined || description === ''
        ? `Membership of the ${team.slug} team in ${org}`
        : description,
    risk: strongest === undefined ? 'low' : REPO_RISK[strongest],
  };
}

export const APP_LEVELS = ['read', 'write', 'admin'] as const;

export function appPermissionEntitlement(
  org: string,
  permission: string,
  level: (typeof APP_LEVELS)[number],
): Entitlement {
  const risk: RiskLevel =
    level === 'admin' ||
    (level === 'write' && POWERFUL_APP_PERMISSIONS.has(permission))
      ? 'high'
      : level === 'write'
        ? 'medium'
        : 'low';
  return {
    id: `github:${org}:app-permission/${permission}:${level}`,
    system: 'github',
    name: `App permission ${permission}: ${level}`,
    description: `A GitHub App installed on ${org} with ${level} access to ${permission}`,
    risk,
  };
}

/** GitHub App bot accounts are typed `Bot` and end in `[bot]`. */
export function isBotAccount(user: { login: string; type?: string }): boolean {
  return user.type === 'Bot' || user.login.endsWith('[bot]');
}
