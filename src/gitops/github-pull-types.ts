/** What the pull request modules share: the target, a pull request, its reviewers. */

export interface RepoTarget {
  owner: string;
  repo: string;
}

export interface PullSummary {
  number: number;
  /** The pull request's page on GitHub. */
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  draft: boolean;
  /** Branch names, in the same repository. */
  head: string;
  base: string;
  headSha: string;
  author: string;
  labels: string[];
}

export interface Reviewers {
  /** Logins. */
  users?: readonly string[];
  /** Team slugs of the repository's organisation. */
  teams?: readonly string[];
}

export function repoPath({ owner, repo }: RepoTarget): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
