import type {
  GithubCollaborator,
  GithubOrgSource,
  GithubTeamMember,
  GithubUser,
  Listing,
} from '../inventory/github/github-org.ts';
import type { Logger } from '../logger.ts';
import type { GithubClient } from './github-client.ts';
import {
  createGithubClient,
  GITHUB_API_URL,
  githubError,
  resolveGithubToken,
} from './github-client.ts';
import { capRequests, readConcurrency } from './github-org-concurrency.ts';

export interface GithubOrgSourceOptions {
  org: string;
  logger: Logger;
  /** `https://api.github.com` when omitted; `https://<host>/api/v3` on GHES. */
  baseUrl?: string;
  /** Falls back to `GITHUB_TOKEN`. */
  token?: string;
  retries?: number;
  /** See GithubClientOptions.retryUnitMs; tests pass 1. */
  retryUnitMs?: number;
  /**
   * Requests in flight at once, 1 to 10. Falls back to
   * `ROLESMITH_GITHUB_CONCURRENCY`, then 4.
   */
  concurrency?: number;
}

interface Account {
  login: string;
  type?: string;
  name?: string | null;
  email?: string | null;
}

const PER_PAGE = 100;

/**
 * The organisation reader's data from GitHub's REST API through Octokit,
 * every list read to its last page (100 a page), at most `concurrency`
 * requests in flight. Failures become RolesmithErrors naming the
 * endpoint; the token never appears in them.
 */
export function createGithubOrgSource(
  options: GithubOrgSourceOptions,
): GithubOrgSource {
  const { org, logger } = options;
  const token = resolveGithubToken(options.token);
  const baseUrl = (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
  const concurrency = readConcurrency(options.concurrency);
  const client: GithubClient = createGithubClient({
    baseUrl,
    token,
    logger,
    ...(options.retries !== undefined && { retries: options.retries }),
    ...(options.retryUnitMs !== undefined && {
      retryUnitMs: options.retryUnitMs,
    }),
  });
  capRequests(client, concurrency);
  const o = encodeURIComponent(org);

  async function collect<T, R>(
    path: string,
    pages: AsyncIterable<{ data: T[] }>,
    map: (item: T) => R,
  ): Promise<Listing<R>> {
    const raw: T[] = [];
    try {
      for await (const page of pages) {
        raw.push(...page.data);
        logger.progress(`GET ${path}`, raw.length);
      }
    } catch (error) {
      throw githubError(error, `GET ${path}`, token);
    }
    return { path, items: raw.map(map) };
  }
  const { paginate, rest } = client;

  return {
    baseUrl,
    concurrency,
    listMembers: (role) =>
      collect(
        `/orgs/${o}/members?role=${role}`,
        paginate.iterator(rest.orgs.listMembers, {
          org,
          role,
          per_page: PER_PAGE,
        }),
        account,
      ),
    listOutsideCollaborators: () =>
      collect(
        `/orgs/${o}/outside_collaborators`,
        paginate.iterator(rest.orgs.listOutsideCollaborators, {
          org,
          per_page: PER_PAGE,
        }),
        account,
      ),
    listTeams: () =>
      collect(
        `/orgs/${o}/teams`,
        paginate.iterator(rest.teams.list, { org, per_page: PER_PAGE }),
        (team) => ({
          slug: team.slug,
          name: team.name,
          description: team.description,
        }),
      ),
    listTeamMembers: (slug) =>
      collect(
        `/orgs/${o}/teams/${encodeURIComponent(slug)}/members`,
        paginate.iterator(rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: PER_PAGE,
        }),
        (user): GithubTeamMember => ({
          ...account(user),
          // Newer than Octokit's types: sent when the org enables it.
          ...('inherited' in user &&
            typeof user.inherited === 'boolean' && {
              inherited: user.inherited,
            }),
        }),
      ),
    listTeamRepos: (slug) =>
      collect(
        `/orgs/${o}/teams/${encodeURIComponent(slug)}/repos`,
        paginate.iterator(rest.teams.listReposInOrg, {
          org,
          team_slug: slug,
          per_page: PER_PAGE,
        }),
        (repo) => ({
          name: repo.name,
          ...(repo.archived !== undefined && { archived: repo.archived }),
          ...(repo.permissions !== undefined && {
            permissions: repo.permissions,
          }),
          ...(repo.role_name !== undefined && { roleName: repo.role_name }),
        }),
      ),
    listRepos: () =>
      collect(
        `/orgs/${o}/repos`,
        paginate.iterator(rest.repos.listForOrg, {
          org,
          type: 'all',
          per_page: PER_PAGE,
        }),
        (repo) => ({
          name: repo.name,
          ...(repo.archived !== undefined && { archived: repo.archived }),
        }),
      ),
    listRepoCollaborators: (repo) =>
      collect(
        `/repos/${o}/${encodeURIComponent(repo)}/collaborators?affiliation=direct`,
        paginate.iterator(rest.repos.listCollaborators, {
          owner: org,
          repo,
          affiliation: 'direct',
          per_page: PER_PAGE,
        }),
        (user): GithubCollaborator => ({
          ...account(user),
          ...(user.permissions !== undefined && {
            permissions: user.permissions,
          }),
          roleName: user.role_name,
        }),
      ),
    listDeployKeys: (repo) =>
      collect(
        `/repos/${o}/${encodeURIComponent(repo)}/keys`,
        paginate.iterator(rest.repos.listDeployKeys, {
          owner: org,
          repo,
          per_page: PER_PAGE,
        }),
        (key) => ({
          id: key.id,
          title: key.title,
          readOnly: key.read_only,
          createdAt: key.created_at,
          addedBy: key.added_by ?? null,
          lastUsed: key.last_used ?? null,
          ...(key.enabled !== undefined && { enabled: key.enabled }),
        }),
      ),
    listInstallations: () =>
      collect(
        `/orgs/${o}/installations`,
        paginate.iterator(rest.orgs.listAppInstallations, {
          org,
          per_page: PER_PAGE,
        }),
        (installation) => ({
          id: installation.id,
          appSlug: installation.app_slug,
          appId: installation.app_id,
          permissions: { ...installation.permissions },
          repositorySelection: installation.repository_selection,
          createdAt: installation.created_at,
          suspendedAt: installation.suspended_at,
        }),
      ),
  };
}

function account(user: Account): GithubUser {
  return {
    login: user.login,
    ...(user.type !== undefined && { type: user.type }),
    ...(user.name !== undefined && { name: user.name }),
    ...(user.email !== undefined && { email: user.email }),
  };
}
