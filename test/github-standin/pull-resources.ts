import type { Comparison } from './pull-git.ts';
import type { Json, Urls } from './resources.ts';
import {
  nodeId,
  permissionsJson,
  repoJson,
  roleName,
  teamJson,
  userJson,
} from './resources.ts';
import type {
  RepoPermission,
  WorldComment,
  WorldLabel,
  WorldOrg,
  WorldPull,
  WorldRepo,
  WorldUser,
} from './world.ts';

/**
 * Builders for the resources of the pull-request endpoints, filling what
 * GitHub's schemas require (`full-repository`, `pull-request`,
 * `pull-request-simple`, `label`, `issue-comment`, `private-user`) with
 * values as GitHub sends them.
 */

/** A repository as `repos/get` and a pull request's head and base show it. */
export function fullRepoJson(
  urls: Urls,
  owner: WorldUser,
  repo: WorldRepo,
  permission?: RepoPermission,
): Json {
  const fullName = `${owner.login}/${repo.name}`;
  const open = repo.pulls.filter((p) => p.state === 'open').length;
  const host = new URL(urls.web).host;
  return {
    ...repoJson(urls, owner, repo),
    clone_url: `${urls.web}/${fullName}.git`,
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    svn_url: `${urls.web}/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    size: 0,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    network_count: 0,
    subscribers_count: 0,
    open_issues: open,
    open_issues_count: open,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    is_template: false,
    topics: [],
    allow_forking: true,
    web_commit_signoff_required: false,
    organization: owner.type === 'Organization' ? userJson(urls, owner) : null,
    ...(permission !== undefined && {
      permissions: permissionsJson(permission),
      role_name: roleName(permission),
    }),
  };
}

export function labelJson(urls: Urls, fullName: string, label: WorldLabel) {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${urls.api}/repos/${fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

export interface PullView {
  urls: Urls;
  org: WorldOrg;
  repo: WorldRepo;
  owner: WorldUser;
  user: (login: string) => WorldUser;
  association: (login: string) => string;
}

/** `pull-request-simple`: a pull request as lists show it. */
export function pullSimpleJson(view: PullView, pull: WorldPull): Json {
  const { urls, org, repo, owner } = view;
  const fullName = `${owner.login}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const html = `${urls.web}/${fullName}/pull/${pull.number}`;
  const side = (ref: string, sha: string) => ({
    label: `${owner.login}:${ref}`,
    ref,
    sha,
    user: userJson(urls, owner),
    repo: fullRepoJson(urls, owner, repo),
  });
  const link = (href: string) => ({ href });
  const labels = pull.labels.flatMap((name) => {
    const label = repo.labels.find((l) => l.name === name);
    if (label === undefined) return [];
    // The description types a pull request's label descriptions as plain
    // strings (a label's own as nullable), so a missing one is empty here.
    return [
      {
        ...labelJson(urls, fullName, label),
        description: label.description ?? '',
      },
    ];
  });
  return {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(urls, view.user(pull.author)),
    body: pull.body,
    labels,
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    // As GitHub lists merged pull requests: with their merge.
    merged_at: pull.merged?.at ?? null,
    merge_commit_sha: pull.merged?.commitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((login) =>
      userJson(urls, view.user(login)),
    ),
    requested_teams: pull.requestedTeams.flatMap((slug) => {
      const team = org.teams.find((t) => t.slug === slug);
      return team === undefined ? [] : [teamJson(urls, org, team)];
    }),
    head: side(pull.head, pull.headSha),
    base: side(pull.base, pull.baseSha),
    _links: {
      self: link(`${api}/pulls/${pull.number}`),
      html: link(html),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${api}/pulls/${pull.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${pull.number}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: view.association(pull.author),
    auto_merge: null,
    draft: pull.draft,
  };
}

/** `pull-request`: one pull request in full, with its size from git. */
export function pullJson(
  view: PullView,
  pull: WorldPull,
  size: Comparison,
): Json {
  const comments = view.repo.comments.filter((c) => c.issue === pull.number);
  return {
    ...pullSimpleJson(view, pull),
    merged: false,
    // GitHub works mergeability out in the background; until it has, a
    // fresh answer says it does not know yet.
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: comments.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: size.commits,
    additions: size.additions,
    deletions: size.deletions,
    changed_files: size.changedFiles,
  };
}

export function commentJson(view: PullView, comment: WorldComment): Json {
  const { urls, owner, repo } = view;
  const api = `${urls.api}/repos/${owner.login}/${repo.name}`;
  const web = `${urls.web}/${owner.login}/${repo.name}`;
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url,
    html_url: `${web}/pull/${comment.issue}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(urls, view.user(comment.author)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issue}`,
    author_association: view.association(comment.author),
    performed_via_github_app: null,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
  };
}

/** `private-user`: what `GET /user` tells a token about its own user. */
export function privateUserJson(urls: Urls, user: WorldUser): Json {
  return {
    ...userJson(urls, user),
    user_view_type: 'private',
    name: user.name ?? null,
    email: user.email ?? null,
    company: null,
    blog: '',
    location: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: user.email ?? null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: {
      name: 'free',
      space: 976562499,
      collaborators: 0,
      private_repos: 0,
    },
  };
}
