import type { RepoLevel } from './github-org-access.ts';
import {
  deployKeyId,
  highestLevel,
  personId,
  rankOf,
  repoEntitlement,
  teamEntitlement,
} from './github-org-access.ts';
import type { GithubReadContext } from './github-org.ts';

const LEVEL_HINT =
  'a permissions object or a role_name of read, triage, write, maintain or admin';

/**
 * Team membership is an entitlement of its own; every member (child teams
 * included, as GitHub lists them) also holds each of the team's
 * repository roles, with source `group`. Membership through a child team
 * has source `group` too, when GitHub marks it `inherited`.
 */
export async function readTeams(context: GithubReadContext): Promise<void> {
  const { org, source, out, options } = context;
  const teams = out.seen(await source.listTeams());
  for (const [t, team] of teams.items.entries()) {
    options.logger.progress('reading GitHub teams', t, teams.items.length);
    const members = out.seen(await source.listTeamMembers(team.slug));
    const repos = out.seen(await source.listTeamRepos(team.slug));

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
  }
  options.logger.progress(
    'reading GitHub teams',
    teams.items.length,
    teams.items.length,
  );
}

/** Direct collaborators and deploy keys, repository by repository. */
export async function readRepos(context: GithubReadContext): Promise<void> {
  const { org, source, out, options } = context;
  const repos = out.seen(await source.listRepos());
  for (const [r, repo] of repos.items.entries()) {
    options.logger.progress(
      'reading GitHub repositories',
      r,
      repos.items.length,
    );
    const listing = out.seen(await source.listRepoCollaborators(repo.name));
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

    const keys = out.seen(await source.listDeployKeys(repo.name));
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
  }
  const total = repos.items.length;
  options.logger.progress('reading GitHub repositories', total, total);
}
