import type { Finding, Severity } from '../model/index.ts';

/** Everything a reporter needs about one `rolesmith check` run. */
export interface CheckReport {
  tool: { name: 'rolesmith'; version: string };
  /** Already sorted with `compareFindings`. */
  findings: Finding[];
  /** Access impact of a change under `check --base`; absent otherwise. */
  impact?: AccessImpactSummary;
  /** Files checked, for JUnit test cases and summary counts. */
  files: string[];
  failOn: Severity | 'never';
}

/** Who gains or loses what when the pull request merges. */
export interface AccessImpactSummary {
  /** The git ref the change is compared against. */
  base: string;
  gains: AccessChange[];
  losses: AccessChange[];
  newCritical: CriticalAccess[];
  newSodRelevant: SodRelevantAccess[];
  policyChanges: PolicyChange[];
}

export interface AccessChange {
  identity: string;
  entitlement: string;
  /** Roles (or exceptions) that grant or granted the entitlement. */
  via: string[];
}

export interface CriticalAccess {
  identity: string;
  entitlement: string;
}

export interface SodRelevantAccess {
  identity: string;
  entitlement: string;
  /** Ids of the SoD risks the entitlement takes part in. */
  risks: string[];
}

export interface PolicyChange {
  file: string;
  status: 'added' | 'modified' | 'deleted';
  /** Who must approve the change, from the base ref's policy file. */
  owners: string[];
}
