import type { PullCheck } from './audit-types.ts';

/** Commit status states that mean the check failed. */
const FAILED_STATES = new Set(['failure', 'error']);

/**
 * Check run conclusions that block a merge under branch protection, and
 * the statuses of a run that has not completed: a merge past any of them
 * went ahead without a passing check. `neutral` and `skipped` pass.
 */
const FAILED_RUNS = new Set([
  'failure',
  'timed_out',
  'cancelled',
  'action_required',
]);
const UNFINISHED_RUNS = new Set([
  'queued',
  'in_progress',
  'waiting',
  'requested',
  'pending',
]);

/** `ci/test (status failure)`, `build (check-run in_progress)`. */
export function describeCheck(check: PullCheck): string {
  return `${check.name} (${check.source} ${check.conclusion})`;
}

/**
 * The checks that had not passed when the pull request was merged, each
 * described: failed statuses, failed or unfinished check runs, and runs
 * that completed only after the merge (GitHub reports the latest run,
 * so a run still going at the merge shows its later conclusion).
 */
export function failingChecks(
  checks: readonly PullCheck[],
  mergedAt: string | undefined,
): string[] {
  const merged = mergedAt === undefined ? NaN : Date.parse(mergedAt);
  return checks.flatMap((check) => {
    if (check.source === 'status') {
      return FAILED_STATES.has(check.conclusion) ? [describeCheck(check)] : [];
    }
    if (FAILED_RUNS.has(check.conclusion)) return [describeCheck(check)];
    if (UNFINISHED_RUNS.has(check.conclusion)) {
      return [`${check.name} (check-run not completed: ${check.conclusion})`];
    }
    const done =
      check.completedAt === undefined ? NaN : Date.parse(check.completedAt);
    if (done > merged) {
      return [
        `${check.name} (check-run ${check.conclusion}, completed after the merge)`,
      ];
    }
    return [];
  });
}
