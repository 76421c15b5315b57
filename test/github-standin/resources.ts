import type {
  RepoPermission,
  WorldDeployKey,
  WorldInstallation,
  WorldOrg,
  WorldRepo,
  WorldTeam,
  WorldUser,
} from './world.ts';
import { REPO_PERMISSIONS } from './world.ts';

/**
 * Builders for GitHub's JSON resources, filling every field the official
 * schemas require with realistic values: API urls on the stand-in's own
 * base (so clients can follow them), web urls on github.com, legacy
 * base64 node ids.
 */
export interface Urls {
  api: string;
  web: string;
}

export type Json = Record<string, unknown>;

/** GitHub's legacy global node id: base64 of `<len>:<Type><id>`. */
export function nodeId(type: string, id: number): string {
  const prefix = String(type.length).padStart(2, '0');
  return Buffer.from(`${prefix}:${type}${id}`).toString('base64');
}

export function userJson(urls: Urls, user: WorldUser): Json {
  // Bot logins such as `github-actions[bot]` are escaped, as GitHub does.
  const login = encodeURIComponent(user.login);
  const api = `${urls.api}/users/${login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(
      user.type === 'Organization' ? 'Organization' : 'User',
      user.id,
    ),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
    ...(user.name !== undefined && { name: user.name }),
    ...(user.email !== undefined && { email: user.email }),
  };
}

/** The `permissions` object: each level implies the ones below it. */
export function permissionsJson(permission: RepoPermission): Json {
  const rank = REPO_PERMISSIONS.indexOf(permission);
  return Object.fromEntries(
    REPO_PERMISSIONS.map((level, i) => [level, i <= rank]),
  );
}

/** GitHub names `pull` and `push` `read` and `write` in `role_name`. */
export function roleName(permission: RepoPermission): string {
  if (permission === 'pull') return 'read';
  if (permission === 'push') return 'write';
  return permission;
}

export function collaboratorJson(
  urls: Urls,
  user: WorldUser,
  permission: RepoPermission,
): Json {
  return {
    ...userJson(urls, user),
    permissions: permissionsJson(permission),
    role_name: roleName(permission),
  };
}

export function teamJson(
  urls: Urls,
  org: WorldOrg,
  team: WorldTeam,
  full = true,
): Json {
  const api = `${urls.api}/organizations/${org.id}/team/${team.id}`;
  const parent = org.teams.find((t) => t.slug === team.parent);
  return {
    id: team.id,
    node_id: nodeId('Team', team.id),
    url: api,
    html_url: `${urls.web}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: 'organization',
    organization_id: org.id,
    ...(full && {
      parent: parent === undefined ? null : teamJson(urls, org, parent, false),
    }),
  };
}

export function repoJson(
  urls: Urls,
  owner: WorldUser,
  repo: WorldRepo,
  permission?: RepoPermission,
): Json {
  const fullName = `${owner.login}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const templated: Record<string, string> = {
    archive_url: '{archive_format}{/ref}',
    assignees_url: 'assignees{/user}',
    blobs_url: 'git/blobs{/sha}',
    branches_url: 'branches{/branch}',
    collaborators_url: 'collaborators{/collaborator}',
    comments_url: 'comments{/number}',
    commits_url: 'commits{/sha}',
    compare_url: 'compare/{base}...{head}',
    contents_url: 'contents/{+path}',
    git_commits_url: 'git/commits{/sha}',
    git_refs_url: 'git/refs{/sha}',
    git_tags_url: 'git/tags{/sha}',
    issue_comment_url: 'issues/comments{/number}',
    issue_events_url: 'issues/events{/number}',
    issues_url: 'issues{/number}',
    keys_url: 'keys{/key_id}',
    labels_url: 'labels{/name}',
    milestones_url: 'milestones{/number}',
    notifications_url: 'notifications{?since,all,participating}',
    pulls_url: 'pulls{/number}',
    releases_url: 'releases{/id}',
    statuses_url: 'statuses/{sha}',
    trees_url: 'git/trees{/sha}',
  };
  const plain = ['contributors', 'deployments', 'downloads', 'events']
    .concat(['forks', 'hooks', 'languages', 'merges', 'stargazers'])
    .concat(['subscribers', 'subscription', 'tags', 'teams']);
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName,
    owner: userJson(urls, owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: `${urls.web}/${fullName}`,
    description: repo.description,
    fork: false,
    archived: repo.archived,
    disabled: false,
    url: api,
    ...Object.fromEntries(
      Object.entries(templated).map(([key, tail]) => [key, `${api}/${tail}`]),
    ),
    ...Object.fromEntries(
      plain.map((name) => [`${name}_url`, `${api}/${name}`]),
    ),
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    ...(permission !== undefined && {
      permissions: permissionsJson(permission),
      role_name: roleName(permission),
    }),
  };
}

export function deployKeyJson(
  urls: Urls,
  fullName: string,
  key: WorldDeployKey,
): Json {
  return {
    id: key.id,
    key: key.key,
    url: `${urls.api}/repos/${fullName}/keys/${key.id}`,
    title: key.title,
    verified: true,
    created_at: key.createdAt,
    read_only: key.readOnly,
    added_by: key.addedBy ?? null,
    last_used: key.lastUsed ?? null,
    enabled: key.enabled,
  };
}

export function installationJson(
  urls: Urls,
  account: WorldUser,
  installation: WorldInstallation,
): Json {
  const suspended = installation.suspendedAt !== undefined;
  return {
    id: installation.id,
    account: userJson(urls, account),
    repository_selection: installation.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/organizations/${account.login}/settings/installations/${installation.id}`,
    app_id: installation.appId,
    client_id: `Iv1.${installation.appId.toString(16).padStart(16, '0')}`,
    app_slug: installation.appSlug,
    target_id: account.id,
    target_type: account.type,
    permissions: installation.permissions,
    events: installation.events,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: suspended ? installation.suspendedAt : null,
  };
}

/** GitHub's error body, as every endpoint sends it. */
export function errorJson(
  message: string,
  status: number,
  errors?: Json[],
): Json {
  return {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: String(status),
    ...(errors !== undefined && { errors }),
  };
}
