import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  GitHistory,
  HistoryCommit,
  Trailer,
} from '../evidence/audit-types.ts';
import { sodKeys } from '../evidence/metrics.ts';
import type { ProposalRecord } from '../evidence/metrics.ts';
import { parseMergeSubject, resolveRef } from '../gitops/git-history.ts';
import { openRepo } from '../gitops/git-repo.ts';
import type { Logger } from '../logger.ts';
import type { Inventory } from '../model/index.ts';
import { evaluateAt } from './metrics-snapshots.ts';

/** The trailer `propose` writes into every proposal commit. */
const ROLES_TRAILER = 'rolesmith-roles';

/**
 * Every merge of a proposal branch into the branch, over the whole
 * history: acceptance is a running total, not a property of the window.
 * A squash commit names no branch, so it counts as a proposal when it
 * carries propose's `Rolesmith-Roles` trailer (GitHub's squash message
 * keeps the commit's).
 */
export function mergedProposals(
  history: GitHistory,
  prefix: string,
): ProposalRecord[] {
  return history.commits.flatMap((commit): ProposalRecord[] => {
    if (commit.parents.length < 2) return squashProposal(commit);
    const branch =
      commit.merge?.branch ?? parseMergeSubject(commit.subject).branch;
    if (branch?.startsWith(prefix) !== true) return [];
    const commits = commit.merge?.commits ?? [];
    const openedAt = commits[0]?.author.date;
    const pr = commit.merge?.pr ?? parseMergeSubject(commit.subject).pr;
    return [
      {
        branch,
        ...(pr !== undefined && { pr }),
        state: 'merged',
        ...(openedAt !== undefined && { openedAt }),
        mergedAt: commit.committer.date,
        roles: rolesOf(commits.flatMap((c) => c.trailers)),
      },
    ];
  });
}

function squashProposal(commit: HistoryCommit): ProposalRecord[] {
  if (commit.squash === undefined) return [];
  if (!commit.trailers.some((t) => t.key.toLowerCase() === ROLES_TRAILER)) {
    return [];
  }
  return [
    {
      pr: commit.squash.pr,
      state: 'merged',
      mergedAt: commit.committer.date,
      squash: true,
      roles: rolesOf(commit.trailers),
    },
  ];
}

function rolesOf(trailers: readonly Trailer[]): string[] {
  const roles = trailers
    .filter((t) => t.key.toLowerCase() === ROLES_TRAILER)
    .flatMap((t) => t.value.split(/[\s,]+/).filter((r) => r !== ''));
  return [...new Set(roles)].sort();
}

interface ForgeRecord {
  head?: unknown;
  state?: unknown;
  supersededBy?: unknown;
}

/**
 * Closed and open proposals of the local forge. A superseded proposal
 * was replaced by another, not rejected, so it is counted apart; one
 * whose branch was merged is already counted from the merge commit. A
 * closed proposal whose branch is still here is evaluated at its head,
 * so that the SoD findings it would have brought can be counted as
 * caught.
 */
export async function forgeProposals(
  dir: string,
  history: GitHistory,
  merged: readonly ProposalRecord[],
  inventory: Inventory | undefined,
  logger: Logger,
): Promise<ProposalRecord[]> {
  const gitDir = await (await openRepo(dir)).gitDir();
  const folder = join(gitDir, 'rolesmith', 'proposals');
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.json'))
    .sort();
  const mergedBranches = new Set(merged.map((p) => p.branch));
  const records: ProposalRecord[] = [];
  for (const name of names) {
    const meta = await readForgeRecord(join(folder, name));
    if (meta === undefined) {
      logger.warn('skipping an unreadable local forge proposal', {
        file: name,
      });
      continue;
    }
    const branch = meta.head;
    if (typeof branch !== 'string' || mergedBranches.has(branch)) continue;
    if (meta.supersededBy !== undefined) {
      records.push({ branch, state: 'superseded', roles: [] });
      continue;
    }
    if (meta.state === 'open') {
      records.push({ branch, state: 'open', roles: [] });
      continue;
    }
    if (meta.state !== 'closed') continue;
    const head = await resolveRef(dir, branch).catch(() => undefined);
    const sodFindings =
      head === undefined
        ? undefined
        : await sodAt(dir, head, history, inventory);
    records.push({
      branch,
      state: 'closed',
      roles: [],
      ...(sodFindings !== undefined && { sodFindings }),
    });
  }
  return records;
}

/**
 * The SoD findings at a proposal's head, judged on the date of the
 * branch's latest commit, as the rest of the report's latest point is.
 */
export async function sodAt(
  dir: string,
  head: string,
  history: GitHistory,
  inventory: Inventory | undefined,
): Promise<string[]> {
  const date = history.commits.at(-1)?.committer.date ?? '';
  const { findings } = await evaluateAt(dir, head, date, inventory);
  return sodKeys(findings);
}

/** A forge file, or undefined when it is not the JSON `propose` writes. */
async function readForgeRecord(path: string): Promise<ForgeRecord | undefined> {
  try {
    const meta: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof meta === 'object' && meta !== null ? meta : undefined;
  } catch {
    return undefined;
  }
}
