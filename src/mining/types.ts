import type { Audience } from '../model/index.ts';

/** Why an assignment stayed outside every role. */
export type ExceptionReason =
  'one-off' | 'rare' | 'unused' | 'volatile' | 'sod' | 'outlier' | 'uncovered';

/** How strongly the members of a role share one attribute value. */
export interface AttributePurity {
  attribute: string;
  value: string;
  /** Members holding the value. */
  count: number;
  /** count / members, 0..1. */
  share: number;
}

export interface CandidateStats {
  members: number;
  /** Members as a share of the identities of the same audience. */
  support: number;
  /** Best-matching attribute values, strongest first. */
  purity: AttributePurity[];
  /** Share of the members' current access (in scope) this role explains. */
  coverage: number;
  /** 0..1: how sure the miner is that this is a real business role. */
  confidence: number;
}

/**
 * A mined role: a plain data structure the evidence layer turns into a
 * role file. Ids are stable across re-runs of unchanged data.
 */
export interface CandidateRole {
  id: string;
  audience: Audience;
  /** Sorted identity ids, exactly as in the input. */
  identities: string[];
  /** Sorted entitlement ids, exactly as in the input. */
  entitlements: string[];
  stats?: CandidateStats;
}

export interface MiningException {
  identity: string;
  entitlement: string;
  reason: ExceptionReason;
  detail?: string;
}

/** An identity whose access departs from its peer group. */
export interface AccessOutlier {
  identity: string;
  peerGroup: string;
  /** Entitlements the identity holds that its peers mostly do not. */
  unusual: string[];
  /** Entitlements its peers mostly hold that it does not. */
  missing: string[];
  score: number;
}

/** Structural weights of WSC; the default is 1, 1, 1 (|R|+|UA|+|PA|). */
export interface WscWeights {
  roles: number;
  ua: number;
  pa: number;
  /** Weight of a direct (exception) assignment; default 1. */
  direct: number;
}

export interface RoleSetMetrics {
  roles: number;
  ua: number;
  pa: number;
  wsc: number;
  exceptions: number;
  /** Share of input assignments explained by roles, 0..1. */
  coverage: number;
  rolesPerIdentity: { mean: number; max: number };
  entitlementsPerRole: { mean: number; max: number };
}

export interface MiningResult {
  roles: CandidateRole[];
  exceptions: MiningException[];
  metrics: RoleSetMetrics;
  /** Exact mode: whether the role count is proven minimal; else null. */
  optimal: boolean | null;
  /** Exact mode: a proven lower bound on the objective; else null. */
  lowerBound: number | null;
  outliers?: AccessOutlier[];
  /** Algorithm and parameters, for evidence. */
  algorithm: { name: string; parameters: Record<string, unknown> };
}
