import { readCatalogue } from '../catalogue/index.ts';
import { evaluateCatalogue } from '../checks/evaluate.ts';
import type { HistoryCommit } from '../evidence/audit-types.ts';
import type { MetricsSnapshot } from '../evidence/metrics.ts';
import { createGitTree } from '../gitops/git-tree.ts';
import type { Inventory } from '../model/index.ts';

/**
 * The catalogue and its findings at each commit, read from git objects.
 * A commit that changed nothing under roles/, policies/ or exceptions/
 * has the same catalogue as its parent, so it reuses the parent's reading
 * instead of parsing and evaluating every file again.
 */
export async function readSnapshots(
  dir: string,
  commits: readonly HistoryCommit[],
  inventory: Inventory | undefined,
): Promise<{ snapshots: MetricsSnapshot[]; reads: number }> {
  const snapshots: MetricsSnapshot[] = [];
  let reads = 0;
  let previous: MetricsSnapshot | undefined;
  for (const commit of commits) {
    const base = {
      commit: commit.sha,
      date: commit.committer.date,
      via: viaOf(commit),
    };
    if (previous !== undefined && commit.changes.length === 0) {
      previous = { ...previous, ...base };
    } else {
      const read = await evaluateAt(
        dir,
        commit.sha,
        commit.committer.date,
        inventory,
      );
      previous = { ...base, ...read };
      reads++;
    }
    snapshots.push(previous);
  }
  return { snapshots, reads };
}

/**
 * A squash commit came through pull request #N as much as a merge
 * commit did (GitHub writes it so); offline only its subject says so.
 */
function viaOf(commit: HistoryCommit): MetricsSnapshot['via'] {
  if (commit.parents.length > 1) return 'merge';
  return commit.squash === undefined ? 'direct' : 'squash';
}

/** The catalogue at a commit and what `check` finds in it on `date`. */
export async function evaluateAt(
  dir: string,
  commit: string,
  date: string,
  inventory: Inventory | undefined,
): Promise<Pick<MetricsSnapshot, 'catalogue' | 'findings'>> {
  const tree = await createGitTree(dir, commit);
  const { catalogue } = await readCatalogue({ grants: tree, rules: tree });
  const findings = evaluateCatalogue(catalogue, {
    today: date.slice(0, 10),
    ...(inventory !== undefined && { inventory }),
  });
  return { catalogue, findings };
}
