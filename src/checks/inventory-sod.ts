import type {
  Finding,
  IdentityKind,
  Inventory,
  PolicySet,
} from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import {
  findMitigations,
  indexMitigations,
  resolveMitigation,
} from './mitigations.ts';
import type { SodOptions } from './sod-index.ts';
import { buildSodIndex, formatIds } from './sod-index.ts';
import type { RiskHit } from './sod-identities.ts';
import { findRiskHits } from './sod-identities.ts';

/**
 * SoD over what identities actually hold in the source systems, whatever
 * the catalogue says they should hold. Only identity mitigations apply:
 * an inventory does not say which role an assignment came from.
 */
export function evaluateInventorySod(
  inventory: Inventory,
  policies: PolicySet,
  options: SodOptions,
): Finding[] {
  const held = new Map<string, Set<string>>();
  for (const { identity, entitlement } of inventory.assignments) {
    const entitlements = held.get(identity) ?? new Set<string>();
    entitlements.add(entitlement);
    held.set(identity, entitlements);
  }
  const kinds = new Map<string, IdentityKind>(
    inventory.identities
      .filter((identity) => identity.kindAssumed !== true)
      .map((identity) => [identity.id, identity.kind]),
  );
  const index = buildSodIndex(
    policies,
    inventory.assignments.map((a) => a.entitlement),
  );
  const mitigations = indexMitigations(policies);

  const findings: Finding[] = [];
  for (const [identity, entitlements] of held) {
    const holding = {
      kind: kinds.get(identity),
      audiences: 0,
      roles: [],
      direct: [...entitlements],
    };
    for (const hit of findRiskHits(holding, index, true)) {
      const candidates = findMitigations(
        mitigations,
        hit.risk.risk.id,
        identity,
        [],
      );
      findings.push(
        resolveMitigation(
          inventoryViolation(identity, hit),
          hit.risk.label,
          candidates,
          options.today,
        ),
      );
    }
  }
  return findings.sort(compareFindings);
}

function inventoryViolation(identity: string, hit: RiskHit): Finding {
  const { risk } = hit;
  const functions = risk.risk.functions;
  const held = formatIds(hit.entitlements);
  const message =
    functions.length === 1
      ? `Identity ${identity} actually holds critical function ` +
        `${functions.join('')} of risk ${risk.label}: ${held}.`
      : `Identity ${identity} actually holds every function of risk ` +
        `${risk.label} (${functions.join(', ')}): ${held}.`;
  return {
    code: 'inventory.sod-violation',
    severity: risk.severity,
    message,
    hint:
      'Revoke one of these entitlements in the source system, or add a ' +
      `mitigation for identity ${identity} and risk ${risk.risk.id} with a ` +
      'compensating control and an expiry.',
    ...(risk.origin !== undefined && {
      file: risk.origin.file,
      path: risk.origin.path,
    }),
    subject: {
      identity,
      risk: risk.risk.id,
      entitlements: [...hit.entitlements],
    },
  };
}
