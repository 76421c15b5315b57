import type {
  Finding,
  IdentityKind,
  PolicySet,
  RoleEntry,
} from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { EffectiveAccess } from './access-types.ts';
import type { MitigationIndex } from './mitigations.ts';
import {
  findMitigations,
  indexMitigations,
  resolveMitigation,
} from './mitigations.ts';
import type { IndexedRisk, SodIndex, SodOptions } from './sod-index.ts';
import { ANY_AUDIENCE, formatIds } from './sod-index.ts';
import type { RoleProfile, TaggedEntitlement } from './sod-roles.ts';
import {
  entitlementsFor,
  findSatisfiedRisks,
  profileRoles,
  riskApplies,
  touchesRisk,
} from './sod-roles.ts';

/** Everything one identity holds, as SoD sees it. */
export interface Holding {
  kind: IdentityKind | undefined;
  /**
   * Audience bits of all held roles, for an unknown kind; roles without
   * SoD entitlements may be left out of `roles` but count here.
   */
  audiences: number;
  roles: readonly RoleProfile[];
  direct: readonly string[];
}

/** A risk a holding satisfies, with what contributes to it. */
export interface RiskHit {
  risk: IndexedRisk;
  /** Held roles granting at least one matching entitlement, sorted. */
  roles: string[];
  /** Matching direct entitlements, sorted. */
  direct: string[];
  /** Every matching entitlement, from roles and direct, sorted. */
  entitlements: string[];
}

/**
 * Risks satisfied by the union of a holding. Unless `withinRole` is set,
 * a risk one held role satisfies alone is skipped: it is that role's
 * `sod.role-conflict`, and repeating it per member would bury it.
 */
export function findRiskHits(
  holding: Holding,
  index: SodIndex,
  withinRole: boolean,
): RiskHit[] {
  const slotLists = holding.roles.map((role) => role.slots);
  const direct: TaggedEntitlement[] = [];
  for (const entitlement of holding.direct) {
    const slots = index.lookup(entitlement);
    if (slots.length === 0) continue;
    direct.push({ entitlement, slots });
    slotLists.push(slots);
  }
  // With neither a kind nor roles to go by, every kind scope applies:
  // a false alarm is cheaper than a missed conflict.
  const audiences = holding.audiences === 0 ? ANY_AUDIENCE : holding.audiences;

  const hits: RiskHit[] = [];
  for (const position of findSatisfiedRisks(index, slotLists)) {
    const risk = index.risks[position];
    if (risk === undefined) continue;
    if (!riskApplies(risk, holding.kind, audiences)) continue;
    const inOneRole = holding.roles.some((r) => r.ownRisks.includes(position));
    if (inOneRole && !withinRole) continue;
    const contributing = holding.roles.filter((role) =>
      role.tagged.some((t) => touchesRisk(risk, t.slots)),
    );
    const directIds = entitlementsFor(risk, direct);
    const all = new Set(directIds);
    for (const role of contributing) {
      for (const id of entitlementsFor(risk, role.tagged)) all.add(id);
    }
    hits.push({
      risk,
      roles: contributing.map((role) => role.entry.role.id).sort(),
      direct: directIds,
      entitlements: [...all].sort(),
    });
  }
  return hits;
}

/** `sod.identity-conflict` (or `sod.mitigated`) findings for one identity. */
export function identityFindings(
  identity: string,
  hits: readonly RiskHit[],
  mitigations: MitigationIndex,
  today: string,
): Finding[] {
  return hits.map((hit) => {
    // Only a mitigation for this identity covers a conflict across its
    // grants: a role mitigation answers for that role's own conflict, not
    // for every combination its members happen to hold (as in SAP GRC).
    const candidates = findMitigations(
      mitigations,
      hit.risk.risk.id,
      identity,
      [],
    );
    const violation = identityConflict(identity, hit);
    return resolveMitigation(violation, hit.risk.label, candidates, today);
  });
}

/**
 * SoD across each identity's roles and direct entitlements. Identities
 * with the same holdings are evaluated once; mitigations, which depend on
 * the identity, are applied per identity afterwards.
 */
export function evaluateIdentitySod(
  access: EffectiveAccess,
  roles: RoleEntry[],
  policies: PolicySet,
  index: SodIndex,
  options: SodOptions,
): Finding[] {
  const profiles = profileRoles(roles, index);
  const mitigations = indexMitigations(policies);
  const cache = new Map<string, readonly RiskHit[]>();
  const findings: Finding[] = [];
  for (const grants of access.identities) {
    // Roles without SoD entitlements only matter for their audience, so
    // they stay out of the key and more identities share one evaluation.
    let audiences = 0;
    const held: RoleProfile[] = [];
    for (const id of grants.roles) {
      const profile = profiles.get(id);
      if (profile === undefined) continue;
      audiences |= profile.audiences;
      if (profile.tagged.length > 0 && !held.includes(profile)) {
        held.push(profile);
      }
    }
    const direct =
      grants.direct.length === 0
        ? grants.direct
        : grants.direct.filter((id) => index.lookup(id).length > 0);
    if (held.length === 0 && direct.length === 0) continue;

    const key = [
      grants.kind ?? audiences,
      held.map((r) => r.entry.role.id).join('\u0001'),
      direct.join('\u0001'),
    ].join('\u0000');
    let hits = cache.get(key);
    if (hits === undefined) {
      const holding = { kind: grants.kind, audiences, roles: held, direct };
      hits = findRiskHits(holding, index, false);
      cache.set(key, hits);
    }
    if (hits.length === 0) continue;
    findings.push(
      ...identityFindings(grants.id, hits, mitigations, options.today),
    );
  }
  return findings.sort(compareFindings);
}

function identityConflict(identity: string, hit: RiskHit): Finding {
  const { risk } = hit;
  const functions = risk.risk.functions;
  const sources = [
    hit.roles.length === 0
      ? ''
      : `${hit.roles.length === 1 ? 'role' : 'roles'} ${formatIds(hit.roles)}`,
    hit.direct.length === 0
      ? ''
      : `direct ${hit.direct.length === 1 ? 'entitlement' : 'entitlements'} ` +
        formatIds(hit.direct),
  ]
    .filter((part) => part !== '')
    .join(' and ');
  const critical = functions.length === 1;
  const message = critical
    ? `Identity ${identity} holds critical function ${functions.join('')} of ` +
      `risk ${risk.label} through ${sources}.`
    : `Identity ${identity} holds every function of risk ${risk.label} ` +
      `(${functions.join(', ')}) through ${sources}.`;
  const hint = critical
    ? 'Remove the role or direct entitlement that grants it from ' +
      `${identity}, or add a mitigation for identity ${identity} and risk ` +
      `${risk.risk.id} with a compensating control and an expiry.`
    : 'Remove one of the conflicting roles or direct entitlements from ' +
      `${identity}, or add a mitigation for identity ${identity} and risk ` +
      `${risk.risk.id} with a compensating control and an expiry.`;
  return {
    code: 'sod.identity-conflict',
    severity: risk.severity,
    message,
    hint,
    ...(risk.origin !== undefined && {
      file: risk.origin.file,
      path: risk.origin.path,
    }),
    subject: {
      identity,
      risk: risk.risk.id,
      roles: [...hit.roles],
      entitlements: [...hit.entitlements],
    },
  };
}
