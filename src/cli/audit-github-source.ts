import type {
  AuditResult,
  GitHistory,
  HistoryCommit,
} from '../evidence/audit.ts';
import { auditedFiles } from '../evidence/audit.ts';
import type { PullProvenance } from '../evidence/audit-github.ts';
import { applyGithubProvenance } from '../evidence/audit-github.ts';
import type { GithubClient } from '../gitops/github-client.ts';
import {
  checkAuditRepository,
  mergedPullOf,
  readPullProvenance,
} from '../gitops/github-provenance.ts';
import type { RepoTarget } from '../gitops/github-pulls.ts';
import { readTeamMembers } from '../gitops/github-teams.ts';
import { readOwnersAtBase, teamsNamed } from './audit-owners.ts';
import type { CommandContext } from './command.ts';
import { readOnlyTarget } from './github-target.ts';

/**
 * `audit --repo`: the audit with what GitHub knows about the merged pull
 * requests (reviews, checks), judged against CODEOWNERS and the policy
 * owners as of each merge's base, team owners expanded to their members.
 * Without `--repo` the offline audit is returned as it was; with it, a
 * repository GitHub cannot show is an error, never a silent offline
 * audit.
 */
export async function withGithubProvenance(
  ctx: CommandContext,
  dir: string,
  history: GitHistory,
  audit: AuditResult,
): Promise<AuditResult> {
  // Only an explicit --repo: GITHUB_REPOSITORY alone (set in every
  // Actions run) must not turn an offline audit into API calls.
  if (ctx.values.repo === undefined) return audit;
  const target = readOnlyTarget(ctx, 'for the offline audit');
  await checkAuditRepository(target.client, target);

  const pulled = history.commits.filter(
    (c) =>
      (c.merge?.pr !== undefined || c.squash !== undefined) &&
      auditedFiles(c).length > 0,
  );
  const numbers = pulled.flatMap((c) => {
    const pr = c.merge?.pr ?? c.squash?.pr;
    return pr === undefined ? [] : [pr];
  });
  const provenance = await readPullProvenance(target.client, target, numbers);
  const squashes = await confirmSquashes(
    target.client,
    target,
    pulled.filter((c) => c.merge === undefined),
    provenance,
  );
  ctx.logger.debug('pull requests read', { answered: provenance.size });
  if (numbers.length > 0 && provenance.size === 0) {
    ctx.logger.warn(
      `GitHub knows none of the ${numbers.length} pull requests the ` +
        `history names in ${target.owner}/${target.repo}; is --repo ` +
        `the catalogue's repository?`,
    );
  }

  const owners = await readOwnersAtBase(dir, pulled);
  const teams = await readTeamMembers(target.client, teamsNamed(owners));
  ctx.logger.debug('teams read', {
    read: teams.members.size,
    unreadable: teams.unreadable.size,
  });
  return applyGithubProvenance({
    history,
    audit,
    provenance,
    ...owners,
    squashes,
    teams: teams.members,
    teamsUnreadable: teams.unreadable,
  });
}

/**
 * For each squash commit, the merged pull request GitHub made it for:
 * the one its subject names when that was merged as this very commit,
 * else one GitHub associates with the commit; undefined when neither.
 * The provenance of a pull request found the second way is read too.
 */
async function confirmSquashes(
  client: GithubClient,
  target: RepoTarget,
  squashed: readonly HistoryCommit[],
  provenance: Map<number, PullProvenance>,
): Promise<Map<string, number | undefined>> {
  const confirmed = new Map<string, number | undefined>();
  for (const commit of squashed) {
    const claimed = commit.squash?.pr;
    if (claimed === undefined) continue;
    if (provenance.get(claimed)?.mergeCommitSha === commit.sha) {
      confirmed.set(commit.sha, claimed);
      continue;
    }
    const found = await mergedPullOf(client, target, commit.sha);
    if (found !== undefined && !provenance.has(found)) {
      const more = await readPullProvenance(client, target, [found]);
      for (const [n, p] of more) provenance.set(n, p);
    }
    confirmed.set(
      commit.sha,
      found !== undefined && provenance.has(found) ? found : undefined,
    );
  }
  return confirmed;
}
