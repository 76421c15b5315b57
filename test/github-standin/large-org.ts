import type { OrgSpec, RepoPermission, WorldSpec } from './world.ts';

const PERMISSIONS: readonly RepoPermission[] = [
  'pull',
  'triage',
  'push',
  'maintain',
  'admin',
];

const pad = (n: number) => String(n).padStart(4, '0');

/**
 * An organisation the size where reading one request at a time hurts:
 * `repos` repositories with a few collaborators and a deploy key each,
 * `teams` teams each holding several repositories. The same numbers give
 * the same world, so two reads of it can be compared.
 */
export function largeOrgWorld(size: {
  repos: number;
  teams: number;
}): WorldSpec {
  const people = Array.from({ length: 120 }, (_, i) => `dev${pad(i)}`);
  const person = (i: number) => people[i % people.length] ?? 'dev0000';
  const permission = (i: number) =>
    PERMISSIONS[i % PERMISSIONS.length] ?? 'pull';
  const repoName = (i: number) => `repo-${pad(i % size.repos)}`;

  const org: OrgSpec = {
    login: 'acme',
    members: Object.fromEntries(
      people.map((login, i) => [login, i < 5 ? 'admin' : 'member'] as const),
    ),
    outsideCollaborators: ['outsider1', 'outsider2'],
    teams: Array.from({ length: size.teams }, (_, t) => ({
      slug: `team-${pad(t)}`,
      members: [0, 1, 2, 3].map((k) => person(t * 7 + k)),
      repos: Object.fromEntries(
        Array.from(
          { length: 8 },
          (_, k) => [repoName(t * 11 + k * 3), permission(t + k)] as const,
        ),
      ),
    })),
    repos: Array.from({ length: size.repos }, (_, r) => ({
      name: repoName(r),
      collaborators: {
        [person(r)]: permission(r),
        [person(r + 40)]: permission(r + 1),
        ...(r % 10 === 0 && { outsider1: 'pull' as const }),
      },
      deployKeys: [{ title: `deploy ${pad(r)}`, readOnly: r % 3 !== 0 }],
    })),
    installations: [{ appSlug: 'renovate' }],
  };
  return { orgs: [org] };
}
