/**
 * How a role pull request ended. `superseded`: closed because a newer
 * proposal covers its roles, so reorganised rather than rejected; it is
 * counted apart and left out of acceptance.
 */
export type ProposalState = 'open' | 'merged' | 'closed' | 'superseded';

/** A role pull request, from a merge or squash commit, the forge or GitHub. */
export interface ProposalRecord {
  /** The head branch; unknown for a squash commit read offline. */
  branch?: string;
  /** The pull request number, when known. */
  pr?: number;
  state: ProposalState;
  /** The first commit on the branch (offline) or the pull request's opening. */
  openedAt?: string;
  mergedAt?: string;
  closedAt?: string;
  /** The first approving review (GitHub only). */
  approvedAt?: string;
  /** Merged as a squash commit, known offline from its subject alone. */
  squash?: boolean;
  roles: string[];
  /**
   * Keys (see `findingKey`) of the SoD findings at the branch's head,
   * when the branch could be read.
   */
  sodFindings?: string[];
}

export interface ProposalFigures {
  merged: number;
  closed: number;
  open: number;
  /** Closed as superseded by a newer proposal: not in acceptance. */
  superseded: number;
  /** merged / (merged + closed), undefined without any decided proposal. */
  acceptance?: number;
  /**
   * From opening to the first approval, over merged and closed proposals
   * that have both dates (GitHub only); undefined without any.
   */
  medianHoursToApproval?: number;
  /** Over merged proposals with both dates, undefined without any. */
  medianHoursToMerge?: number;
}

export function proposalFigures(
  proposals: readonly ProposalRecord[],
): ProposalFigures {
  const count = (state: ProposalState) =>
    proposals.filter((p) => p.state === state).length;
  const merged = count('merged');
  const closed = count('closed');
  const toMerge = medianOf(
    proposals.flatMap((p) =>
      p.state === 'merged' ? hoursBetween(p.openedAt, p.mergedAt) : [],
    ),
  );
  const toApproval = medianOf(
    proposals
      .filter(decided)
      .flatMap((p) => hoursBetween(p.openedAt, p.approvedAt)),
  );
  return {
    merged,
    closed,
    open: count('open'),
    superseded: count('superseded'),
    ...(merged + closed > 0 && {
      acceptance: round(merged / (merged + closed)),
    }),
    ...(toApproval !== undefined && {
      medianHoursToApproval: round(toApproval),
    }),
    ...(toMerge !== undefined && { medianHoursToMerge: round(toMerge) }),
  };
}

/** Merged or closed: a reviewer's decision was asked for and given. */
export function decided(proposal: ProposalRecord): boolean {
  return proposal.state === 'merged' || proposal.state === 'closed';
}

/** Hours from one ISO date to another, as a list of none or one. */
function hoursBetween(from?: string, to?: string): number[] {
  if (from === undefined || to === undefined) return [];
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) ? [] : [ms / 3_600_000];
}

export function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const high = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? high : ((sorted[mid - 1] ?? 0) + high) / 2;
}

/** Six places, so that JSON carries no floating-point noise. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
