import type { Provenance } from './identity.ts';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * A grantable permission, named by a system-qualified id such as
 * `sap:FB60` or `github:acme/payments:admin`.
 */
export interface Entitlement {
  id: string;
  system: string;
  name?: string;
  description?: string;
  risk?: RiskLevel;
  owner?: string;
  provenance?: Provenance[];
}

/** The system part of a system-qualified id (`sap:FB60` gives `sap`). */
export function systemOf(entitlementId: string): string {
  const colon = entitlementId.indexOf(':');
  return colon > 0 ? entitlementId.slice(0, colon) : '';
}

export function riskRank(risk: RiskLevel | undefined): number {
  return risk === undefined ? -1 : RISK_LEVELS.indexOf(risk);
}
