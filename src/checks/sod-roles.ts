import type {
  Audience,
  Finding,
  IdentityKind,
  PolicySet,
  RoleEntry,
} from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { Bitset } from './bitset.ts';
import { clearBit, hasBit, setBit } from './bitset.ts';
import {
  findMitigations,
  indexMitigations,
  resolveMitigation,
} from './mitigations.ts';
import type { IndexedRisk, SodIndex, SodOptions } from './sod-index.ts';
import { formatIds, HUMAN_AUDIENCE, MACHINE_AUDIENCE } from './sod-index.ts';

/** An entitlement together with the SoD slots it fills. */
export interface TaggedEntitlement {
  entitlement: string;
  slots: readonly number[];
}

/** What SoD evaluation needs to know about one role, computed once. */
export interface RoleProfile {
  entry: RoleEntry;
  /** SoD slots the role fills, unique. */
  slots: readonly number[];
  audiences: number;
  /** The role's entitlements that feed any SoD function. */
  tagged: readonly TaggedEntitlement[];
  /** Risks the role satisfies on its own that apply to its audience. */
  ownRisks: readonly number[];
}

/** Profiles keyed by role id; the first role of a duplicated id wins. */
export function profileRoles(
  roles: readonly RoleEntry[],
  index: SodIndex,
): Map<string, RoleProfile> {
  const profiles = new Map<string, RoleProfile>();
  for (const entry of roles) {
    if (profiles.has(entry.role.id)) continue;
    const tagged: TaggedEntitlement[] = [];
    const slots = new Set<number>();
    for (const entitlement of entry.role.entitlements) {
      const filled = index.lookup(entitlement);
      if (filled.length === 0) continue;
      tagged.push({ entitlement, slots: filled });
      for (const slot of filled) slots.add(slot);
    }
    const audiences = audienceBit(entry.role.audience);
    const ownRisks =
      tagged.length === 0
        ? []
        : findSatisfiedRisks(index, [[...slots]]).filter((position) => {
            const risk = index.risks[position];
            return (
              risk !== undefined && riskApplies(risk, undefined, audiences)
            );
          });
    profiles.set(entry.role.id, {
      entry,
      slots: [...slots],
      audiences,
      tagged,
      ownRisks,
    });
  }
  return profiles;
}

// Risk matching. Identities reuse it; it sits here because sod-identities.ts
// already depends on role profiles and a cycle is not allowed.

/**
 * Positions of the risks whose every slot is among `slotLists`, ascending.
 * Only risks reachable from a held slot are tested, each once, so the
 * cost follows what a holder has rather than the size of the policy.
 */
export function findSatisfiedRisks(
  index: SodIndex,
  slotLists: readonly (readonly number[])[],
): number[] {
  const { scratch } = index;
  const { bits, seen } = scratch;
  if (scratch.epoch === 0xffffffff) {
    seen.fill(0);
    scratch.epoch = 0;
  }
  const epoch = ++scratch.epoch;
  for (const slots of slotLists) for (const slot of slots) setBit(bits, slot);

  const found: number[] = [];
  for (const slots of slotLists) {
    for (const slot of slots) {
      for (const position of index.slotRisks[slot] ?? []) {
        if (seen[position] === epoch) continue;
        seen[position] = epoch;
        const risk = index.risks[position];
        if (risk !== undefined && allSet(bits, risk.slots))
          found.push(position);
      }
    }
  }

  for (const slots of slotLists) for (const slot of slots) clearBit(bits, slot);
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}

function allSet(bits: Bitset, slots: readonly number[]): boolean {
  for (const slot of slots) if (!hasBit(bits, slot)) return false;
  return true;
}

/**
 * Whether a risk's kind scope covers a holder. A known kind must be
 * listed; an unknown kind falls back to the audiences of the holder's
 * roles.
 */
export function riskApplies(
  risk: IndexedRisk,
  kind: IdentityKind | undefined,
  audiences: number,
): boolean {
  if (risk.kinds === undefined) return true;
  if (kind !== undefined) return risk.kinds.has(kind);
  return (risk.audiences & audiences) !== 0;
}

export function audienceBit(audience: Audience): number {
  return audience === 'human' ? HUMAN_AUDIENCE : MACHINE_AUDIENCE;
}

/** Whether an entitlement's slots feed one of the risk's functions. */
export function touchesRisk(
  risk: IndexedRisk,
  slots: readonly number[],
): boolean {
  return slots.some((slot) => risk.slots.includes(slot));
}

/** The entitlements among `tagged` that feed `risk`, sorted and unique. */
export function entitlementsFor(
  risk: IndexedRisk,
  tagged: readonly TaggedEntitlement[],
): string[] {
  const found = new Set<string>();
  for (const { entitlement, slots } of tagged) {
    if (touchesRisk(risk, slots)) found.add(entitlement);
  }
  return [...found].sort();
}

/**
 * `sod.role-conflict` for every role that on its own grants all functions
 * of a risk (or a critical function), unless a role mitigation covers it.
 */
export function evaluateRoleSod(
  roles: RoleEntry[],
  policies: PolicySet,
  index: SodIndex,
  options: SodOptions,
): Finding[] {
  const mitigations = indexMitigations(policies);
  const findings: Finding[] = [];
  for (const profile of profileRoles(roles, index).values()) {
    for (const position of profile.ownRisks) {
      const risk = index.risks[position];
      if (risk === undefined) continue;
      const violation = roleConflict(profile, risk);
      const candidates = findMitigations(mitigations, risk.risk.id, undefined, [
        profile.entry.role.id,
      ]);
      findings.push(
        resolveMitigation(violation, risk.label, candidates, options.today),
      );
    }
  }
  return findings.sort(compareFindings);
}

function roleConflict(profile: RoleProfile, risk: IndexedRisk): Finding {
  const { role, file } = profile.entry;
  const entitlements = entitlementsFor(risk, profile.tagged);
  const functions = risk.risk.functions;
  const critical = functions.length === 1;
  const message = critical
    ? `Role ${role.id} grants critical function ${functions.join('')} of ` +
      `risk ${risk.label}: ${formatIds(entitlements)}.`
    : `Role ${role.id} on its own grants every function of risk ` +
      `${risk.label} (${functions.join(', ')}): ${formatIds(entitlements)}.`;
  const hint = critical
    ? 'Move the critical entitlement to a dedicated, closely owned role, or ' +
      `add a mitigation for role ${role.id} and risk ${risk.risk.id} with a ` +
      'compensating control and an expiry.'
    : 'Split the role so that no single role grants ' +
      `${bothOrAll(functions)}, remove one of the entitlements, or add a ` +
      `mitigation for role ${role.id} and risk ${risk.risk.id} with a ` +
      'compensating control and an expiry.';
  return {
    code: 'sod.role-conflict',
    severity: risk.severity,
    message,
    hint,
    file,
    path: '/entitlements',
    subject: { role: role.id, risk: risk.risk.id, entitlements },
  };
}

/** `both a and b`, or `all of a, b and c`. */
function bothOrAll(ids: readonly string[]): string {
  const last = ids.at(-1) ?? '';
  const rest = ids.slice(0, -1).join(', ');
  return ids.length === 2
    ? `both ${rest} and ${last}`
    : `all of ${rest} and ${last}`;
}
