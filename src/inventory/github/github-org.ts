import type { GithubPermissionFlags } from './github-org-access.ts';
import {
  APP_LEVELS,
  appId,
  appPermissionEntitlement,
} from './github-org-access.ts';
import { ownerEntitlement } from './github-org-access.ts';
import { GithubInventory } from './github-org-inventory.ts';
import { readRepos, readTeams } from './github-org-repos.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { badRecord } from '../reader.ts';

export type { GithubPermissionFlags } from './github-org-access.ts';

export interface GithubUser {
  login: string;
  /** `User`, `Bot` or `Organization`, as GitHub types accounts. */
  type?: string;
  name?: string | null;
  email?: string | null;
}

export interface GithubTeamMember extends GithubUser {
  /** True when the member is on the team only through a child team. */
  inherited?: boolean;
}

export interface GithubCollaborator extends GithubUser {
  permissions?: GithubPermissionFlags;
  roleName?: string;
}

export interface GithubTeam {
  slug: string;
  name: string;
  description?: string | null;
}

export interface GithubRepo {
  name: string;
  archived?: boolean;
  /** On team repositories: the team's role on the repository. */
  permissions?: GithubPermissionFlags;
  roleName?: string;
}

export interface GithubDeployKey {
  id: number;
  title: string;
  readOnly: boolean;
  createdAt?: string;
  addedBy?: string | null;
  lastUsed?: string | null;
  enabled?: boolean;
}

export interface GithubInstallation {
  id: number;
  appSlug: string;
  appId?: number;
  /** Permission name to `read`, `write` or `admin`. */
  permissions: Record<string, string | undefined>;
  repositorySelection?: string;
  createdAt?: string;
  suspendedAt?: string | null;
}

/** One listing, all pages, with the API path it came from. */
export interface Listing<T> {
  path: string;
  items: T[];
}

/**
 * Where the reader gets an organisation's data. The Octokit adapter in
 * `gitops/github-org-source.ts` implements it against the REST API; tests
 * can implement it in memory.
 */
export interface GithubOrgSource {
  /** The API base url, for the source label. */
  readonly baseUrl: string;
  /**
   * How many listings the reader may have in flight at once; 1 (one after
   * another) when omitted. The source still decides what reaches GitHub.
   */
  readonly concurrency?: number;
  listMembers(role: 'admin' | 'member'): Promise<Listing<GithubUser>>;
  listOutsideCollaborators(): Promise<Listing<GithubUser>>;
  listTeams(): Promise<Listing<GithubTeam>>;
  /** Members of the team and of its child teams. */
  listTeamMembers(teamSlug: string): Promise<Listing<GithubTeamMember>>;
  listTeamRepos(teamSlug: string): Promise<Listing<GithubRepo>>;
  listRepos(): Promise<Listing<GithubRepo>>;
  /** Direct collaborators (`affiliation=direct`), members included. */
  listRepoCollaborators(repo: string): Promise<Listing<GithubCollaborator>>;
  listDeployKeys(repo: string): Promise<Listing<GithubDeployKey>>;
  listInstallations(): Promise<Listing<GithubInstallation>>;
}

export type GithubOrgOptions = ReaderOptions & { source: GithubOrgSource };

/** What each phase of the reader shares. */
export interface GithubReadContext {
  org: string;
  source: GithubOrgSource;
  options: GithubOrgOptions;
  out: GithubInventory;
  /** Reports a bad record at `path` (API path and JSON Pointer). */
  bad(path: string, message: string, expected: string): void;
  /** False (after reporting it) for an account without a login. */
  hasLogin(path: string, user: GithubUser): boolean;
}

/**
 * Reads who can do what in a GitHub organisation: members and outside
 * collaborators as people, apps and deploy keys as machines; ownership,
 * team membership, repository roles (direct and through teams) and app
 * permissions as entitlements. docs/inventory-github.md has the mapping.
 */
export async function readGithubOrg(
  org: string,
  options: GithubOrgOptions,
): Promise<ReadResult> {
  const label = options.label ?? `${options.source.baseUrl}/orgs/${org}`;
  const skipped: SkippedRecord[] = [];
  const bad = (path: string, message: string, expected: string) => {
    badRecord(options, skipped, { file: label, path, message, expected });
  };
  const context: GithubReadContext = {
    org,
    source: options.source,
    options,
    out: new GithubInventory(label),
    bad,
    hasLogin(path, user) {
      if (user.login !== '') return true;
      bad(path, 'an account without a login', 'a GitHub login');
      return false;
    },
  };

  await readPeople(context);
  await readTeams(context);
  await readRepos(context);
  await readApps(context);
  return { inventory: context.out.build(), skipped };
}

/** Owners and members first, so that their org role is what sticks. */
async function readPeople(context: GithubReadContext): Promise<void> {
  const { org, source, out } = context;
  const owner = ownerEntitlement(org);
  for (const role of ['admin', 'member'] as const) {
    const listing = out.seen(await source.listMembers(role));
    listing.items.forEach((user, i) => {
      if (!context.hasLogin(`${listing.path}#/${i}`, user)) return;
      const id = out.person(user, listing.path, { org_role: role });
      if (role === 'admin') out.grant(id, owner, listing.path, 'direct');
    });
  }
  const outside = out.seen(await source.listOutsideCollaborators());
  outside.items.forEach((user, i) => {
    if (!context.hasLogin(`${outside.path}#/${i}`, user)) return;
    out.person(user, outside.path, { outside_collaborator: 'true' });
  });
}

/** Each installation is a bot; its permissions are its entitlements. */
async function readApps(context: GithubReadContext): Promise<void> {
  const { org, out } = context;
  const listing = out.seen(await context.source.listInstallations());
  listing.items.forEach((installation, i) => {
    const at = `${listing.path}#/${i}`;
    if (installation.appSlug === '') {
      context.bad(at, 'an installation without an app slug', 'an app_slug');
      return;
    }
    const id = appId(installation.appSlug);
    const attributes: Record<string, string> = {
      installation_id: String(installation.id),
    };
    if (installation.appId !== undefined) {
      attributes.app_id = String(installation.appId);
    }
    if (installation.repositorySelection !== undefined) {
      attributes.repository_selection = installation.repositorySelection;
    }
    const suspended = installation.suspendedAt ? 'suspended' : 'active';
    out.machine(
      {
        id,
        kind: 'bot',
        name: installation.appSlug,
        status: suspended,
        attributes,
      },
      listing.path,
    );
    const granted = installation.createdAt;
    for (const [name, level] of Object.entries(installation.permissions)) {
      if (level === undefined) continue;
      const known = APP_LEVELS.find((l) => l === level);
      if (known === undefined) {
        context.bad(
          `${at}/permissions/${name}`,
          `unknown level "${level}" for the app permission ${name}`,
          'read, write or admin',
        );
        continue;
      }
      const entitlement = appPermissionEntitlement(org, name, known);
      out.grant(
        id,
        entitlement,
        listing.path,
        'direct',
        granted ? { grantedAt: granted } : {},
      );
    }
  });
}
