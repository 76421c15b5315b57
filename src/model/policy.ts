import type { IdentityKind } from './identity.ts';
import type { Severity } from './finding.ts';

export type RiskSeverity = 'low' | 'medium' | 'high' | 'critical';

export type SodOutcome = 'block' | 'warn';

/**
 * A business function: a named set of entitlements, possibly across
 * systems. Patterns are exact ids or globs (`sap:FK*`).
 */
export interface SodFunction {
  id: string;
  title: string;
  entitlements: string[];
}

export interface SodScope {
  /** Identity kinds the risk applies to; empty means all. */
  kinds: IdentityKind[];
  /** Systems the risk applies to; empty means all. */
  systems: string[];
}

/**
 * An SoD risk in the style of SAP GRC rule sets: either two or more
 * conflicting functions, or a single critical function.
 */
export interface SodRisk {
  id: string;
  title: string;
  severity: RiskSeverity;
  owner: string;
  rationale: string;
  functions: string[];
  scope: SodScope;
  outcome: SodOutcome;
}

/** Static SoD in the ANSI RBAC sense: nobody holds `n` or more of `roles`. */
export interface RoleSetConstraint {
  id: string;
  title: string;
  roles: string[];
  cardinality: number;
  owner: string;
  outcome: SodOutcome;
}

export interface Mitigation {
  id: string;
  risk: string;
  identity?: string;
  role?: string;
  control: string;
  owner: string;
  reason: string;
  /** ISO date; on or after it the mitigation no longer applies. */
  expires: string;
}

/** Least-privilege rules a JSON Schema cannot express. */
export interface LeastPrivilegeRules {
  maxEntitlementsPerRole?: number;
  /** Patterns no machine role may grant. */
  forbiddenForMachine: string[];
  /** Patterns no human role may grant. */
  forbiddenForHuman: string[];
  /** Patterns of critical entitlements; a role granting one needs 2 owners. */
  critical: string[];
  /** Owners a role granting a critical entitlement needs; 2 when omitted. */
  criticalMinOwners?: number;
  /** How far away a role's next review may be, in days. */
  maxReviewDays?: number;
}

/** An approved direct entitlement outside any role. */
export interface DirectException {
  identity: string;
  entitlement: string;
  reason: string;
  owner: string;
  expires?: string;
}

/** Where a policy item was declared, for findings that point at it. */
export interface PolicyOrigin {
  file: string;
  /** JSON Pointer inside the file, e.g. `/risks/2`. */
  path: string;
}

export interface PolicySet {
  functions: SodFunction[];
  risks: SodRisk[];
  roleSets: RoleSetConstraint[];
  mitigations: Mitigation[];
  leastPrivilege: LeastPrivilegeRules;
  /** The organisation's extra JSON Schema for role files, if any. */
  roleSchema?: Record<string, unknown>;
  /** Owners of the policy files themselves. */
  owners: string[];
  /**
   * Declaration sites keyed `function:<id>`, `risk:<id>`, `role-set:<id>`,
   * `mitigation:<id>` and `least-privilege`.
   */
  origins: Record<string, PolicyOrigin>;
}

export function emptyPolicySet(): PolicySet {
  return {
    functions: [],
    risks: [],
    roleSets: [],
    mitigations: [],
    leastPrivilege: {
      forbiddenForMachine: [],
      forbiddenForHuman: [],
      critical: [],
    },
    owners: [],
    origins: {},
  };
}

export function outcomeSeverity(outcome: SodOutcome): Severity {
  return outcome === 'block' ? 'error' : 'warning';
}
