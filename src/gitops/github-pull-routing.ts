import type { GithubClient } from './github-client.ts';
import type {
  PullSummary,
  RepoTarget,
  Reviewers,
} from './github-pull-types.ts';
import { repoPath, sameName } from './github-pull-types.ts';
import { attempt } from './github-pulls-errors.ts';

/**
 * Labels and reviewers: what routes a proposal to the people who must
 * look at it. Both are brought to the wanted state, so a re-run changes
 * nothing that is already right and never asks a reviewer twice.
 */

export async function setLabels(
  client: GithubClient,
  target: RepoTarget,
  pull: PullSummary,
  wanted: readonly string[],
): Promise<void> {
  const labels = uniqueNames(wanted);
  const have = new Set(pull.labels.map((l) => l.toLowerCase()));
  const same =
    have.size === labels.length &&
    labels.every((label) => have.has(label.toLowerCase()));
  if (same) return;
  const endpoint = `${repoPath(target)}/issues/${pull.number}/labels`;
  const issue = {
    owner: target.owner,
    repo: target.repo,
    issue_number: pull.number,
  };
  // GitHub's description does not allow an empty list to set-labels.
  if (labels.length === 0) {
    await attempt(client, `DELETE ${endpoint}`, () =>
      client.rest.issues.removeAllLabels(issue),
    );
    return;
  }
  await attempt(client, `PUT ${endpoint}`, () =>
    client.rest.issues.setLabels({ ...issue, labels }),
  );
}

export async function requestMissingReviewers(
  client: GithubClient,
  target: RepoTarget,
  pull: PullSummary,
  reviewers: Reviewers,
): Promise<void> {
  const users = uniqueNames(reviewers.users ?? []).filter(
    (login) => !sameName(login, pull.author),
  );
  const teams = uniqueNames(reviewers.teams ?? []);
  if (users.length === 0 && teams.length === 0) return;
  const endpoint = `${repoPath(target)}/pulls/${pull.number}/requested_reviewers`;
  const ids = {
    owner: target.owner,
    repo: target.repo,
    pull_number: pull.number,
  };
  const asked = await attempt(client, `GET ${endpoint}`, () =>
    client.rest.pulls.listRequestedReviewers(ids),
  );
  const askedUsers = asked.data.users.map((u) => u.login.toLowerCase());
  const askedTeams = asked.data.teams.map((t) => t.slug.toLowerCase());
  const newUsers = users.filter((u) => !askedUsers.includes(u.toLowerCase()));
  const newTeams = teams.filter((t) => !askedTeams.includes(t.toLowerCase()));
  if (newUsers.length === 0 && newTeams.length === 0) return;
  const requested = [...newUsers, ...newTeams.map((t) => `team ${t}`)];
  await attempt(
    client,
    `POST ${endpoint}`,
    () =>
      client.rest.pulls.requestReviewers({
        ...ids,
        ...(newUsers.length > 0 && { reviewers: newUsers }),
        ...(newTeams.length > 0 && { team_reviewers: newTeams }),
      }),
    'review was requested from someone who is not a collaborator on ' +
      `${target.owner}/${target.repo} or a team without access to it ` +
      `(${requested.join(', ')})`,
  );
}

/** Names without blanks or duplicates that differ only in case. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}
