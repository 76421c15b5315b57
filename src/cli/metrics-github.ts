import type { GitHistory } from '../evidence/audit-types.ts';
import type { ProposalRecord } from '../evidence/metrics.ts';
import { resolveRef } from '../gitops/git-history.ts';
import { readProposalPulls } from '../gitops/github-metrics.ts';
import type { ProposalPull } from '../gitops/github-metrics.ts';
import { checkAuditRepository } from '../gitops/github-provenance.ts';
import type { Inventory } from '../model/index.ts';
import type { CommandContext } from './command.ts';
import { readOnlyTarget } from './github-target.ts';
import { sodAt } from './metrics-offline.ts';

export interface GithubProposals {
  proposals: ProposalRecord[];
  /** Where the proposals came from, for the report's notes. */
  source: string;
}

/**
 * `metrics --repo`: the proposals are the repository's pull requests
 * from proposal branches into the measured branch, in place of the merge
 * commits and the local forge (which would count the same ones twice).
 * Undefined without `--repo`; with it, a repository GitHub cannot show
 * is an error, never a silent offline count.
 */
export async function githubProposals(
  ctx: CommandContext,
  dir: string,
  history: GitHistory,
  scope: { branch: string; prefix: string },
  inventory: Inventory | undefined,
): Promise<GithubProposals | undefined> {
  // Only an explicit --repo: GITHUB_REPOSITORY alone (set in every
  // Actions run) must not turn an offline report into API calls.
  if (ctx.values.repo === undefined) return undefined;
  const target = readOnlyTarget(
    ctx,
    'to count proposals from git and the local forge',
  );
  await checkAuditRepository(target.client, target);
  const pulls = await readProposalPulls(target.client, {
    owner: target.owner,
    repo: target.repo,
    base: scope.branch,
    headPrefix: scope.prefix,
  });
  const proposals: ProposalRecord[] = [];
  for (const pull of pulls) {
    proposals.push(await recordOf(dir, history, pull, inventory));
  }
  ctx.logger.debug('pull requests read', { proposals: pulls.length });
  return {
    proposals,
    source:
      `proposals: the pull requests of ${target.owner}/${target.repo} from ` +
      `${scope.prefix} branches into ${scope.branch}, read from GitHub; ` +
      'merge commits and the local forge are not counted beside them',
  };
}

async function recordOf(
  dir: string,
  history: GitHistory,
  pull: ProposalPull,
  inventory: Inventory | undefined,
): Promise<ProposalRecord> {
  const record: ProposalRecord = {
    branch: pull.head,
    pr: pull.number,
    state: pull.state,
    openedAt: pull.createdAt,
    ...(pull.mergedAt !== undefined && { mergedAt: pull.mergedAt }),
    ...(pull.closedAt !== undefined && { closedAt: pull.closedAt }),
    ...(pull.firstApprovalAt !== undefined && {
      approvedAt: pull.firstApprovalAt,
    }),
    roles: [],
  };
  if (pull.state !== 'closed') return record;
  // Only a head already here is read: fetching would make a report
  // write to the repository, and GitHub may have dropped the ref.
  const head = await resolveRef(dir, pull.headSha).catch(() => undefined);
  if (head === undefined) return record;
  return { ...record, sodFindings: await sodAt(dir, head, history, inventory) };
}
