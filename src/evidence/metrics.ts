import { computeCatalogueMetrics } from '../checks/catalogue-diff-metrics.ts';
import type { Catalogue, Finding, Inventory } from '../model/index.ts';
import { audienceOf } from '../model/index.ts';
import type { ProposalFigures, ProposalRecord } from './metrics-proposals.ts';
import { decided, proposalFigures, round } from './metrics-proposals.ts';

export type {
  ProposalFigures,
  ProposalRecord,
  ProposalState,
} from './metrics-proposals.ts';
export { medianOf } from './metrics-proposals.ts';

/** The catalogue as it was at one commit of the main branch. */
export interface MetricsSnapshot {
  commit: string;
  /** The committer date, ISO 8601: when the change reached the branch. */
  date: string;
  catalogue: Catalogue;
  /** What `check` finds in that catalogue. */
  findings: Finding[];
  /**
   * How the commit reached the branch: a merge commit, a squash commit
   * (one parent, subject ending in ` (#N)`: pull request #N, as GitHub
   * writes them), or a direct commit that no pull request gated. Omitted
   * counts as direct.
   */
  via?: 'merge' | 'squash' | 'direct';
}

export interface MetricsInput {
  /** Oldest first. */
  snapshots: MetricsSnapshot[];
  proposals: ProposalRecord[];
  /** Resolves kinds of members; without it mixed roles cannot be judged. */
  inventory?: Inventory;
  /** Seconds it took to produce the evidence pack, when measured. */
  packSeconds?: number;
  /**
   * Only proposals on branches with this prefix count (default
   * rolesmith/); one without a known branch was already judged one.
   */
  branchPrefix?: string;
  /** Approvals were read (from GitHub), so a missing one is a fact. */
  approvalsRead?: boolean;
  /** The caller's notes (say, where proposals came from), listed first. */
  notes?: readonly string[];
}

export interface MetricsPoint {
  commit: string;
  date: string;
  roles: number;
  entitlementsPerRole: number;
  rolesPerIdentity: number;
  exceptions: number;
  /** Roles whose explicit members are known to include both kinds. */
  mixedRoles: number;
  /** Roles with an explicit member whose kind is unknown, not counted above. */
  unjudgedRoles: number;
  sodFindings: number;
  /** SoD findings first seen at this commit, which came in directly. */
  sodIntroducedDirect: number;
  /** SoD findings first seen at this commit, which a merge brought in. */
  sodIntroducedByMerge: number;
}

export interface SodOrigins {
  /** Introduced on main by a direct commit: no pull request could catch it. */
  afterMerge: number;
  /** Reached main through a merged pull request: reviewed, yet merged. */
  viaPullRequest: number;
  /** On a closed proposal branch and never on main in the window. */
  caughtInPullRequest: number;
  /** SoD findings already present at the first commit: origin unknown. */
  atStart: number;
}

export interface MetricsReport {
  points: MetricsPoint[];
  sod: SodOrigins;
  proposals: ProposalFigures;
  packSeconds?: number;
  /** What could not be judged and why. */
  notes: string[];
}

const SOD = /^sod\./;

/** Identifies a finding across commits: the same rule about the same thing. */
export function findingKey(finding: Finding): string {
  return [finding.code, finding.file ?? '', finding.message].join('\u0000');
}

/**
 * The SoD findings that count: violations, not notes. A conflict a
 * mitigation covers (`sod.mitigated`, a note) was accepted on purpose and
 * must not show as a finding that was merged anyway.
 */
export function sodKeys(findings: readonly Finding[]): string[] {
  const counted = findings.filter(
    (f) => SOD.test(f.code) && f.severity !== 'note',
  );
  return [...new Set(counted.map(findingKey))].sort();
}

/**
 * The trend of the measures that show whether role mining helps. Pure and
 * deterministic: no clock, every input sorted or kept in the order given.
 */
export function computeMetrics(input: MetricsInput): MetricsReport {
  const notes: string[] = [...(input.notes ?? [])];
  const kinds = kindsOf(input.inventory);
  const seen = new Set<string>();
  const sod: SodOrigins = {
    afterMerge: 0,
    viaPullRequest: 0,
    caughtInPullRequest: 0,
    atStart: 0,
  };
  const points = input.snapshots.map((snapshot, i): MetricsPoint => {
    const day = snapshot.date.slice(0, 10);
    const measured = computeCatalogueMetrics(snapshot.catalogue, {
      today: day,
      ...(input.inventory !== undefined && { inventory: input.inventory }),
    });
    const mixed = mixedRoles(snapshot.catalogue, kinds);
    const keys = sodKeys(snapshot.findings);
    // A finding counts as introduced where it first appears in the
    // window; one present at the first commit has an unknown origin.
    const fresh = keys.filter((key) => !seen.has(key));
    for (const key of fresh) seen.add(key);
    const pulled = snapshot.via === 'merge' || snapshot.via === 'squash';
    const direct = i > 0 && !pulled ? fresh.length : 0;
    const merged = i > 0 && pulled ? fresh.length : 0;
    if (i === 0) sod.atStart += fresh.length;
    sod.afterMerge += direct;
    sod.viaPullRequest += merged;
    return {
      commit: snapshot.commit,
      date: snapshot.date,
      roles: measured.roles,
      entitlementsPerRole: round(measured.entitlementsPerRole.mean),
      rolesPerIdentity: round(measured.rolesPerIdentity.mean),
      exceptions: measured.exceptions,
      mixedRoles: mixed.mixed,
      unjudgedRoles: mixed.unjudged,
      sodFindings: keys.length,
      sodIntroducedDirect: direct,
      sodIntroducedByMerge: merged,
    };
  });

  const prefix = input.branchPrefix ?? 'rolesmith/';
  const proposals = input.proposals.filter(
    (p) => p.branch?.startsWith(prefix) ?? true,
  );
  for (const proposal of proposals) {
    if (proposal.state !== 'closed') continue;
    sod.caughtInPullRequest += (proposal.sodFindings ?? []).filter(
      (key) => !seen.has(key),
    ).length;
  }
  if (points.some((point) => point.unjudgedRoles > 0)) {
    notes.push(
      input.inventory === undefined
        ? 'mixed roles: without --inventory the kind of a member is unknown, ' +
            'so roles with explicit members cannot be judged; they are counted ' +
            'as unjudged, not as mixed'
        : 'mixed roles: some explicit members are not in the inventory, so ' +
            'their roles are counted as unjudged unless already mixed',
    );
  }
  const unread = proposals.filter(
    (p) => p.state === 'closed' && p.sodFindings === undefined,
  ).length;
  if (unread > 0) {
    notes.push(
      `caught in pull request: ${unread} closed ` +
        `${unread === 1 ? 'proposal' : 'proposals'} could not be evaluated ` +
        '(no branch or head commit in the local repository to read), so ' +
        'their SoD findings are not counted',
    );
  }
  notes.push(...proposalNotes(input, proposals));
  return {
    points,
    sod,
    proposals: proposalFigures(proposals),
    ...(input.packSeconds !== undefined && { packSeconds: input.packSeconds }),
    notes,
  };
}

/** What the proposal figures leave out, and how far squashes are known. */
function proposalNotes(
  input: MetricsInput,
  proposals: readonly ProposalRecord[],
): string[] {
  const notes: string[] = [];
  if (input.approvalsRead === true) {
    const all = proposals.filter(decided);
    const unapproved = all.filter((p) => p.approvedAt === undefined).length;
    if (unapproved > 0) {
      notes.push(
        `time to approval: ${unapproved} of ${all.length} merged or closed ` +
          'pull requests had no approving review, so ' +
          `${unapproved === 1 ? 'it is' : 'they are'} not in the median`,
      );
    }
  }
  const undated = proposals.filter(
    (p) => p.state === 'merged' && p.openedAt === undefined,
  ).length;
  if (undated > 0) {
    notes.push(
      `time to merge: ${undated} merged ` +
        `${undated === 1 ? 'proposal has' : 'proposals have'} no opening ` +
        'date (a squash commit read offline keeps none), so ' +
        `${undated === 1 ? 'it is' : 'they are'} not in the median`,
    );
  }
  const commits = input.snapshots.filter((s) => s.via === 'squash').length;
  const squashed = proposals.filter((p) => p.squash === true).length;
  const counted = [
    ...(commits > 0 ? [`${plural(commits, 'commit')} in the window`] : []),
    ...(squashed > 0 ? [plural(squashed, 'merged proposal')] : []),
  ];
  if (counted.length > 0) {
    const one = commits + squashed === 1;
    notes.push(
      `squash merges: ${counted.join(' and ')} ${one ? 'was' : 'were'} ` +
        `taken as ${one ? 'a merge' : 'merges'} through the pull request the ` +
        'subject names (" (#N)"); offline, squash detection relies on the ' +
        'commit message, which anyone can write',
    );
  }
  return notes;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function kindsOf(inventory?: Inventory): Map<string, 'human' | 'machine'> {
  const kinds = new Map<string, 'human' | 'machine'>();
  for (const identity of inventory?.identities ?? []) {
    // A default kind (a pair file says nothing) is no evidence either way.
    if (identity.kindAssumed === true) continue;
    kinds.set(identity.id, audienceOf(identity.kind));
  }
  return kinds;
}

/**
 * A role mixes people and machines when its explicit members are known to
 * include both. Criteria members are left out: they resolve against an
 * inventory, and the audience already scopes them.
 */
function mixedRoles(
  catalogue: Catalogue,
  kinds: ReadonlyMap<string, 'human' | 'machine'>,
): { mixed: number; unjudged: number } {
  let mixed = 0;
  let unjudged = 0;
  for (const { role } of catalogue.roles) {
    const members = role.membership.identities;
    const known = new Set(members.flatMap((id) => kinds.get(id) ?? []));
    if (known.size > 1) mixed++;
    else if (members.some((id) => !kinds.has(id))) unjudged++;
  }
  return { mixed, unjudged };
}
