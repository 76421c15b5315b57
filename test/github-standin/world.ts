/**
 * The stand-in's state: plain mutable data that handlers read and (for
 * write endpoints) change. Tests describe it tersely with a WorldSpec;
 * createWorld fills in ids and defaults.
 */
export type RepoPermission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

export const REPO_PERMISSIONS: readonly RepoPermission[] = [
  'pull',
  'triage',
  'push',
  'maintain',
  'admin',
];

export type OrgRole = 'admin' | 'member';

export interface WorldUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  name?: string;
  email?: string;
}

export interface WorldTeam {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  /** Slug of the parent team, for nested teams. */
  parent?: string;
  members: string[];
  maintainers: string[];
  /** Repository name to the team's permission on it. */
  repos: Record<string, RepoPermission>;
}

export interface WorldDeployKey {
  id: number;
  title: string;
  readOnly: boolean;
  key: string;
  createdAt: string;
  addedBy?: string;
  lastUsed?: string;
  enabled: boolean;
}

export interface WorldRepo {
  id: number;
  name: string;
  private: boolean;
  archived: boolean;
  description: string | null;
  /** Direct collaborators: login to permission. */
  collaborators: Record<string, RepoPermission>;
  deployKeys: WorldDeployKey[];
  createdAt: string;
  defaultBranch: string;
  /**
   * A bare git repository on disk holding the branches. Pull handlers ask
   * it which branches exist and where they point, so a pull request for a
   * branch that was never pushed is refused as GitHub would. Without one
   * the repository has no branches.
   */
  gitDir?: string;
  labels: WorldLabel[];
  pulls: WorldPull[];
  comments: WorldComment[];
  /**
   * Commit statuses by commit sha, oldest first, as `repos/get-combined-
   * status-for-ref` reports them (the latest per context counts).
   */
  statuses?: Record<string, WorldStatus[]>;
  /**
   * Check runs (the Checks API) by commit sha, oldest first, as
   * `checks/list-for-ref` reports them (by default the latest per name).
   */
  checkRuns?: Record<string, WorldCheckRun[]>;
  /** The last issue or pull request number handed out. */
  lastNumber: number;
}

export interface WorldLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface WorldPull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  /** Branch names in the same repository. */
  head: string;
  base: string;
  /** Where the head and base pointed when last seen in the git repository. */
  headSha: string;
  baseSha: string;
  author: string;
  maintainerCanModify: boolean;
  /** Label names, spelled as the repository's labels are. */
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Set once the pull request is merged (it is then closed). */
  merged?: WorldMerge;
  /** Submitted reviews, oldest first, for `pulls/list-reviews`. */
  reviews?: WorldReview[];
}

export interface WorldMerge {
  by: string;
  at: string;
  /** The merge commit on the base branch. */
  commitSha: string;
}

export interface WorldReview {
  id?: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  submittedAt: string;
  /** The head commit the review was made on. */
  commitId: string;
  body?: string;
}

export interface WorldStatus {
  id?: number;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
  createdAt: string;
}

export interface WorldCheckRun {
  id?: number;
  name: string;
  status:
    | 'queued'
    | 'in_progress'
    | 'completed'
    | 'waiting'
    | 'requested'
    | 'pending';
  /** Set once completed. */
  conclusion?:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required';
  startedAt: string;
  completedAt?: string;
  /** The app that reported it; `github-actions` when omitted. */
  app?: string;
}

export interface WorldComment {
  id: number;
  /** The issue or pull request number it was made on. */
  issue: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorldInstallation {
  id: number;
  appId: number;
  appSlug: string;
  permissions: Record<string, 'read' | 'write' | 'admin'>;
  events: string[];
  repositorySelection: 'all' | 'selected';
  createdAt: string;
  suspendedAt?: string;
}

export interface WorldOrg {
  login: string;
  id: number;
  members: Record<string, OrgRole>;
  outsideCollaborators: string[];
  teams: WorldTeam[];
  repos: WorldRepo[];
  installations: WorldInstallation[];
}

export interface World {
  users: Map<string, WorldUser>;
  orgs: Map<string, WorldOrg>;
  /** Ids increase from one counter, as GitHub's do, so they never clash. */
  nextId(): number;
}

type Loose<T, Required extends keyof T> = Partial<Omit<T, 'id'>> &
  Pick<T, Required> & { id?: number };

export interface OrgSpec {
  login: string;
  members?: Record<string, OrgRole>;
  outsideCollaborators?: string[];
  teams?: Loose<WorldTeam, 'slug'>[];
  repos?: (Omit<
    Loose<WorldRepo, 'name'>,
    'deployKeys' | 'labels' | 'pulls' | 'comments' | 'lastNumber'
  > & {
    deployKeys?: Loose<WorldDeployKey, 'title' | 'readOnly'>[];
    /** Labels the repository has before any test adds one. */
    labels?: Loose<WorldLabel, 'name'>[];
  })[];
  installations?: Loose<WorldInstallation, 'appSlug'>[];
}

export interface WorldSpec {
  users?: Loose<WorldUser, 'login'>[];
  orgs: OrgSpec[];
}

const CREATED = '2024-01-15T09:30:00Z';

export function createWorld(spec: WorldSpec): World {
  let counter = 1000;
  const nextId = () => ++counter;
  const users = new Map<string, WorldUser>();
  const ensureUser = (login: string, type: WorldUser['type'] = 'User') => {
    if (!users.has(login)) users.set(login, { login, id: nextId(), type });
  };
  for (const user of spec.users ?? []) {
    users.set(user.login, { type: 'User', ...user, id: user.id ?? nextId() });
  }

  const orgs = new Map<string, WorldOrg>();
  for (const org of spec.orgs) {
    ensureUser(org.login, 'Organization');
    const members = org.members ?? {};
    const outside = org.outsideCollaborators ?? [];
    [...Object.keys(members), ...outside].forEach((login) => {
      ensureUser(login);
    });
    const teams = (org.teams ?? []).map((team) => ({
      name: team.slug,
      description: null,
      privacy: 'closed' as const,
      members: [],
      maintainers: [],
      repos: {},
      ...team,
      id: team.id ?? nextId(),
    }));
    const repos = (org.repos ?? []).map((repo) => ({
      private: true,
      archived: false,
      description: null,
      collaborators: {},
      createdAt: CREATED,
      defaultBranch: 'main',
      ...repo,
      id: repo.id ?? nextId(),
      labels: (repo.labels ?? []).map((label) => ({
        color: 'ededed',
        description: null,
        default: false,
        ...label,
        id: label.id ?? nextId(),
      })),
      pulls: [],
      comments: [],
      lastNumber: 0,
      deployKeys: (repo.deployKeys ?? []).map((key) => ({
        key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${key.title.replace(/\W/g, '')}`,
        createdAt: CREATED,
        enabled: true,
        ...key,
        id: key.id ?? nextId(),
      })),
    }));
    const installations = (org.installations ?? []).map((installation) => ({
      appId: nextId(),
      permissions: { metadata: 'read' as const },
      events: [],
      repositorySelection: 'all' as const,
      createdAt: CREATED,
      ...installation,
      id: installation.id ?? nextId(),
    }));
    orgs.set(org.login, {
      login: org.login,
      id: users.get(org.login)?.id ?? nextId(),
      members,
      outsideCollaborators: outside,
      teams,
      repos,
      installations,
    });
  }
  return { users, orgs, nextId };
}

/** The user record for a login, created on first mention. */
export function userOf(world: World, login: string): WorldUser {
  let user = world.users.get(login);
  if (user === undefined) {
    user = { login, id: world.nextId(), type: 'User' };
    world.users.set(login, user);
  }
  return user;
}
