import type { CandidateRole, MiningResult } from '../mining/types.ts';
import type { Inventory, Role, SourceDigest } from '../model/index.ts';
import type { RoleStatistics } from './role-statistics.ts';
import { computeRoleStatistics, round3 } from './role-statistics.ts';

/** Bumped when the evidence block changes shape. */
export const EVIDENCE_FORMAT = 1;

/** Members' access the role left out, grouped by entitlement and reason. */
export interface ExclusionFact {
  entitlement: string;
  reason: string;
  members: number;
}

export interface OverlapFact {
  role: string;
  shared_entitlements: number;
  shared_members: number;
}

/**
 * The `evidence` block of a mined role file: everything its summary
 * states, and what an auditor needs to reproduce it. Keys are snake_case
 * like the rest of the role file; nothing in it depends on the clock.
 */
export interface EvidenceBlock {
  format: number;
  mined_by: {
    tool: 'rolesmith';
    version: string;
    algorithm: string;
    parameters: Record<string, unknown>;
  };
  data: { date: string; sources: SourceDigest[] };
  origin: {
    kind: string;
    label?: string;
    attributes?: Record<string, string>;
    group_size?: number;
  };
  statistics: RoleStatistics;
  usage_window_days: number;
  overlaps: OverlapFact[];
  exclusions: {
    /** Members' assignments that no role explains. */
    assignments: number;
    by_reason: Record<string, number>;
    /** The largest groups, at most 25: the full list is in mining output. */
    top: ExclusionFact[];
  };
  sod: {
    risks_checked: string[];
    /** Members whose current access violates a risk, mitigated or not. */
    member_violations: {
      identity: string;
      risk: string;
      mitigation?: string;
    }[];
  };
  confidence: number;
}

export interface EvidenceContext {
  result: MiningResult;
  inventory: Inventory;
  version: string;
  /** Business attributes purity is measured on. */
  attributes: readonly string[];
  usageWindowDays: number;
  /** Risk ids the miner was given. */
  risks: readonly string[];
  /** Approved roles, to report the ones a candidate overlaps. */
  existing: readonly Role[];
}

/** The evidence block for one candidate of a mining result. */
export function buildEvidence(
  candidate: CandidateRole,
  context: EvidenceContext,
): EvidenceBlock {
  const { result } = context;
  const dataDate = result.dataDate ?? 'unknown';
  const members = new Set(candidate.identities);
  const origin = candidate.origin;
  return {
    format: EVIDENCE_FORMAT,
    mined_by: {
      tool: 'rolesmith',
      version: context.version,
      algorithm: result.algorithm.name,
      parameters: result.algorithm.parameters,
    },
    data: {
      date: dataDate,
      sources: [...context.inventory.sources].sort(
        (a, b) => compare(a.file, b.file) || compare(a.source, b.source),
      ),
    },
    origin: {
      kind: origin?.kind ?? 'concept',
      ...(origin?.label !== undefined && { label: origin.label }),
      ...(origin?.attributes !== undefined && {
        attributes: origin.attributes,
      }),
      ...(origin?.groupSize !== undefined && {
        group_size: origin.groupSize,
      }),
    },
    statistics: computeRoleStatistics(candidate, context.inventory, {
      attributes: context.attributes,
      dataDate,
      usageWindowDays: context.usageWindowDays,
    }),
    usage_window_days: context.usageWindowDays,
    overlaps: overlapsOf(candidate, context.existing),
    exclusions: exclusionsOf(members, result),
    sod: {
      risks_checked: [...context.risks].sort(compare),
      member_violations: (result.sodViolations ?? [])
        .filter((v) => members.has(v.identity))
        .map((v) => ({
          identity: v.identity,
          risk: v.risk,
          ...(v.mitigation !== undefined && { mitigation: v.mitigation }),
        })),
    },
    confidence: round3(candidate.stats?.confidence ?? 0),
  };
}

const TOP_EXCLUSIONS = 25;

function exclusionsOf(
  members: ReadonlySet<string>,
  result: MiningResult,
): EvidenceBlock['exclusions'] {
  const counts = new Map<string, ExclusionFact>();
  const byReason = new Map<string, number>();
  let assignments = 0;
  for (const e of result.exceptions) {
    if (!members.has(e.identity)) continue;
    assignments++;
    byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
    const key = `${e.entitlement}\u0000${e.reason}`;
    const fact = counts.get(key);
    if (fact === undefined) {
      counts.set(key, {
        entitlement: e.entitlement,
        reason: e.reason,
        members: 1,
      });
    } else fact.members++;
  }
  const top = [...counts.values()].sort(
    (a, b) =>
      b.members - a.members ||
      compare(a.reason, b.reason) ||
      compare(a.entitlement, b.entitlement),
  );
  return {
    assignments,
    by_reason: Object.fromEntries(
      [...byReason].sort(([a], [b]) => compare(a, b)),
    ),
    top: top.slice(0, TOP_EXCLUSIONS),
  };
}

/** Approved roles of the same audience sharing entitlements and members. */
function overlapsOf(
  candidate: CandidateRole,
  existing: readonly Role[],
): OverlapFact[] {
  const grants = new Set(candidate.entitlements);
  const members = new Set(candidate.identities);
  const overlaps: OverlapFact[] = [];
  for (const role of existing) {
    if (role.audience !== candidate.audience || role.id === candidate.id) {
      continue;
    }
    const shared = role.entitlements.filter((e) => grants.has(e)).length;
    if (shared === 0) continue;
    overlaps.push({
      role: role.id,
      shared_entitlements: shared,
      shared_members: role.membership.identities.filter((i) => members.has(i))
        .length,
    });
  }
  return overlaps.sort(
    (a, b) =>
      b.shared_entitlements - a.shared_entitlements || compare(a.role, b.role),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
