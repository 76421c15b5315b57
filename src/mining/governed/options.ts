import type { Logger } from '../../logger.ts';
import type { IdentityKind } from '../../model/index.ts';
import { silentLogger } from '../../logger.ts';
import { DEFAULT_WSC_WEIGHTS } from '../metrics.ts';
import type { WscWeights } from '../types.ts';

/** An SoD risk as data: one list of entitlement patterns per function. */
export interface GovernedRisk {
  id: string;
  /** Exact ids or globs (`sap:FK*`), one list per business function. */
  functions: string[][];
  /** Identity kinds the risk applies to; absent or empty means all. */
  kinds?: IdentityKind[];
  /** Systems whose entitlements count; absent or empty means all. */
  systems?: string[];
}

/**
 * An accepted SoD violation of one identity. It does not let a candidate
 * role hold the toxic combination; it marks the identity's violation as
 * mitigated while it has not expired at the data date.
 */
export interface GovernedMitigation {
  id: string;
  risk: string;
  identity: string;
  /** YYYY-MM-DD; from this day on the mitigation no longer applies. */
  expires?: string;
}

/**
 * How volatile access is recognised. An assignment is volatile when
 * (a) it was granted within `recentDays` of the data date to an identity
 * whose id, name or an attribute value matches `identityPattern`
 * (pipelines, incident response, break-glass), or (b) its provenance
 * source matches `jitPattern` (a PAM or just-in-time grant). An
 * inventory is a snapshot without revocations, so "granted and revoked
 * often" cannot be seen in it; a source that records churn should mark
 * those grants as just-in-time.
 */
export interface VolatileOptions {
  recentDays?: number;
  identityPattern?: RegExp;
  jitPattern?: RegExp;
}

export interface PeerOptions {
  /** Largest k tried; k runs from 2 to this (bounded by group size). */
  maxK?: number;
  /** Smallest mean simplified silhouette that counts as real structure. */
  minSilhouette?: number;
  seed?: number;
  /** Identities clustered per group; the rest join the nearest centroid. */
  maxSample?: number;
  /** Entitlement dimensions per group, the most held first. */
  maxDimensions?: number;
}

export interface OutlierOptions {
  /** Peers' share below which a held entitlement is unusual. */
  rareShare?: number;
  /** Peers' share at or above which a lacking entitlement is missing. */
  commonShare?: number;
  /** Jaccard distance to the peer profile at which an identity is listed. */
  minScore?: number;
}

export interface GovernedOptions {
  /** A role needs at least this many members; default 3. */
  minMembers?: number;
  /**
   * Share of a group that must hold an entitlement for it to join the
   * group's role; default 0.6.
   */
  minSupport?: number;
  /**
   * Access unused this many days before the newest timestamp in the data
   * stays out of roles; default 180.
   */
  unusedDays?: number;
  volatile?: VolatileOptions;
  /** Business attributes roles align with; default department, title, location, cost_center. */
  attributes?: string[];
  /**
   * Attribute groupings mined in order, coarse to fine; by default
   * [a0], [a0, a1], then each further attribute alone.
   */
  levels?: string[][];
  sod?: { risks: GovernedRisk[]; mitigations?: GovernedMitigation[] };
  peers?: PeerOptions;
  outliers?: OutlierOptions;
  weights?: WscWeights;
  logger?: Logger;
  /** Check the result's invariants before returning (throws on a breach). */
  verify?: boolean;
}

export interface GovernedConfig {
  minMembers: number;
  minSupport: number;
  unusedDays: number;
  volatile: Required<VolatileOptions>;
  attributes: string[];
  levels: string[][];
  risks: GovernedRisk[];
  mitigations: GovernedMitigation[];
  peers: Required<PeerOptions>;
  outliers: Required<OutlierOptions>;
  weights: WscWeights;
  logger: Logger;
  verify: boolean;
}

export const DEFAULT_ATTRIBUTES = [
  'department',
  'title',
  'location',
  'cost_center',
];

const VOLATILE_IDENTITY =
  /incident|on-?call|break-?glass|firefight|emergency|pipeline|deploy|ci-?cd|\bci\b/i;
const JIT_SOURCE = /\bjit\b|just-in-time|\bpam\b|break-?glass|elevat/i;

/** Fills in the documented defaults and rejects values that make no sense. */
export function resolveGovernedOptions(
  options: GovernedOptions,
): GovernedConfig {
  const minMembers = options.minMembers ?? 3;
  const minSupport = options.minSupport ?? 0.6;
  const unusedDays = options.unusedDays ?? 180;
  if (!Number.isInteger(minMembers) || minMembers < 1) {
    throw new RangeError(
      `minMembers must be a whole number ≥ 1, got ${minMembers}`,
    );
  }
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new RangeError(`minSupport must be in (0, 1], got ${minSupport}`);
  }
  if (!(unusedDays >= 0)) {
    throw new RangeError(`unusedDays must be ≥ 0, got ${unusedDays}`);
  }
  const attributes = options.attributes ?? DEFAULT_ATTRIBUTES;
  return {
    minMembers,
    minSupport,
    unusedDays,
    volatile: {
      recentDays: options.volatile?.recentDays ?? 14,
      identityPattern: options.volatile?.identityPattern ?? VOLATILE_IDENTITY,
      jitPattern: options.volatile?.jitPattern ?? JIT_SOURCE,
    },
    attributes,
    levels: options.levels ?? defaultLevels(attributes),
    risks: options.sod?.risks ?? [],
    mitigations: options.sod?.mitigations ?? [],
    peers: {
      maxK: options.peers?.maxK ?? 8,
      minSilhouette: options.peers?.minSilhouette ?? 0.3,
      seed: options.peers?.seed ?? 42,
      maxSample: options.peers?.maxSample ?? 1000,
      maxDimensions: options.peers?.maxDimensions ?? 48,
    },
    outliers: {
      rareShare: options.outliers?.rareShare ?? 0.2,
      commonShare: options.outliers?.commonShare ?? 0.8,
      minScore: options.outliers?.minScore ?? 0.15,
    },
    weights: options.weights ?? DEFAULT_WSC_WEIGHTS,
    logger: options.logger ?? silentLogger,
    verify: options.verify ?? false,
  };
}

function defaultLevels(attributes: readonly string[]): string[][] {
  const [first, second, ...rest] = attributes;
  if (first === undefined) return [];
  const levels = [[first]];
  if (second !== undefined) levels.push([first, second]);
  for (const attribute of rest) levels.push([attribute]);
  return levels;
}
