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

/** What a candidate was mined from: the group of identities it serves. */
export interface CandidateOrigin {
  /**
   * `baseline`: access a whole audience shares; `attribute`: an attribute
   * group (e.g. one department and title); `peers`: a k-means peer group
   * inside one; `concept`: a block of shared access across groups.
   */
  kind: 'baseline' | 'attribute' | 'peers' | 'concept';
  /** Human-readable, e.g. `Finance / Accounts Payable Clerk`. */
  label?: string;
  /** The attributes and values that define the group, if any. */
  attributes?: Record<string, string>;
  /** Identities in the group the role was built for. */
  groupSize?: number;
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
  origin?: CandidateOrigin;
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

/** An identity whose current access holds every function of a risk. */
export interface SodViolation {
  identity: string;
  risk: string;
  /** The held entitlements that match the risk's functions, sorted. */
  entitlements: string[];
  /** An unexpired mitigation covering this identity and risk, if any. */
  mitigation?: string;
}

/** Volatile access to one entitlement, proposed for just-in-time grants. */
export interface JustInTimeCandidate {
  entitlement: string;
  identities: string[];
}

/** How one group of identities was split into peer groups by k-means. */
export interface PeerGroupEvidence {
  group: string;
  members: number;
  /** 1 when no k reached the silhouette threshold. */
  k: number;
  silhouette: number | null;
  tried: { k: number; silhouette: number }[];
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
  /** Default mode: the day of the newest record in the data (YYYY-MM-DD). */
  dataDate?: string;
  /** Default mode, with risks: identities whose access violates one. */
  sodViolations?: SodViolation[];
  /** Default mode: volatile access left out of roles, per entitlement. */
  justInTime?: JustInTimeCandidate[];
  /** Default mode: how k-means split each attribute group, and why. */
  peerGroups?: PeerGroupEvidence[];
  /** Algorithm and parameters, for evidence. */
  algorithm: { name: string; parameters: Record<string, unknown> };
}
