import type { RepoLevel } from './github-org-access.ts';
import {
  deployKeyId,
  highestLevel,
  personId,
  rankOf,
  repoEntitlement,
  teamEntitlement,
} from './github-org-access.ts';
import type {
  GithubReadContext,
  GithubRepo,
  GithubTeam,
} from './github-org.ts';
import { forEachInOrder } from './github-org-window.ts';

const LEVEL_HINT =
  'a permissions object or a role_name of read, triage, write, maintain or admin';

/**
 * Team membership is an entitlement of its own; every member (child teams
 * included, as GitHub lists them) also holds each of the team's
 * repository roles, with source `group`. Membership through a child team
 * has source `group` too, when GitHub marks it `inherited`.
 */
export async function readTeams(context: GithubReadContext): Promise<void> {
  const { org, source, out } = context;
  const teams = out.seen(await source.listTeams());
  const fetch = async (team: GithubTeam) => ({
    members: await source.listTeamMembers(team.slug),
    repos: await source.listTeamRepos(team.slug),
  });
  const step = 'reading GitHub teams';
  await inListOrder(context, step, teams.items, fetch, (read, team) => {
    const members = out.seen(read.members);
    const repos = out.seen(read.repos);

    const held: { repo: string; level: RepoLevel }[] = [];
    repos.items.forEach((repo, i) => {
      const level = highestLevel(repo.permissions, repo.roleName);
      if (level !== undefined) {
        held.push({ repo: repo.name, level });
        return;
      }
      const what = `no role given for the team ${team.slug} on ${repo.name}`;
      context.bad(`${repos.path}#/${i}`, what, LEVEL_HINT);
    });
    const strongest = held.reduce<RepoLevel | undefined>(
      (top, { level }) =>
        top === undefined || rankOf(level) > rankOf(top) ? level : top,
      undefined,
    );

    const membership = teamEntitlement(org, team, strongest);
    members.items.forEach((user, i) => {
      if (!context.hasLogin(`${members.path}#/${i}`, user)) return;
      const id = out.person(user, members.path, {});
      // GitHub says `inherited` when the org has the feature enabled.
      const via = user.inherited === true ? 'group' : 'direct';
      out.grant(id, membership, members.path, via);
      for (const { repo, level } of held) {
        out.grant(id, repoEntitlement(org, repo, level), repos.path, 'group');
      }
    });
  });
}

/** Direct collaborators and deploy keys, repository by repository. */
export async function readRepos(context: GithubReadContext): Promise<void> {
  const { org, source, out } = context;
  const repos = out.seen(await source.listRepos());
  const fetch = async (repo: GithubRepo) => ({
    collaborators: await source.listRepoCollaborators(repo.name),
    keys: await source.listDeployKeys(repo.name),
  });
  const step = 'reading GitHub repositories';
  await inListOrder(context, step, repos.items, fetch, (read, repo) => {
    const listing = out.seen(read.collaborators);
    listing.items.forEach((user, i) => {
      const at = `${listing.path}#/${i}`;
      if (!context.hasLogin(at, user)) return;
      const level = highestLevel(user.permissions, user.roleName);
      if (level === undefined) {
        const what = `no role given for ${user.login} on ${repo.name}`;
        context.bad(at, what, LEVEL_HINT);
        return;
      }
      const id = out.person(user, listing.path, {});
      const entitlement = repoEntitlement(org, repo.name, level);
      out.grant(id, entitlement, listing.path, 'direct');
    });

    const keys = out.seen(read.keys);
    for (const key of keys.items) {
      const id = deployKeyId(repo.name, key.id);
      out.machine(
        {
          id,
          kind: 'api-key',
          name: key.title,
          status: key.enabled === false ? 'disabled' : 'active',
          ...(key.addedBy ? { owner: personId(key.addedBy) } : {}),
          attributes: {
            repository: `${org}/${repo.name}`,
            read_only: String(key.readOnly),
          },
        },
        keys.path,
      );
      // A deploy key that is not read-only can push.
      const level = key.readOnly ? 'read' : 'write';
      out.grant(
        id,
        repoEntitlement(org, repo.name, level),
        keys.path,
        'direct',
        {
          ...(key.createdAt ? { grantedAt: key.createdAt } : {}),
          ...(key.lastUsed ? { lastUsedAt: key.lastUsed } : {}),
        },
      );
    }
  });
}

/**
 * Teams or repositories, `concurrency` at a time with each one's listings
 * one after the other, so the source never has more listings in flight
 * than it asked for. Progress counts the ones used, so it only goes up.
 */
async function inListOrder<T, R>(
  context: GithubReadContext,
  step: string,
  items: readonly T[],
  fetch: (item: T) => Promise<R>,
  use: (read: R, item: T) => void,
): Promise<void> {
  const { source, options } = context;
  options.logger.progress(step, 0, items.length);
  const width = source.concurrency ?? 1;
  await forEachInOrder(items, width, fetch, (read, item, i) => {
    use(read, item);
    options.logger.progress(step, i + 1, items.length);
  });
}
