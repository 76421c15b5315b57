import { compareFindings, systemOf } from '../model/index.ts';
import type {
  Catalogue,
  Finding,
  IdentityKind,
  Inventory,
  PolicySet,
  Role,
  SodRisk,
} from '../model/index.ts';
import {
  directByIdentity,
  indexMembers,
  rolesById,
  rolesBySlot,
} from './effective-access.ts';
import type { MemberIndex } from './effective-access.ts';
import { compilePatterns } from './patterns.ts';

/** The `via` entry for access that an approved exception grants. */
export const VIA_EXCEPTION = 'exception';

export interface AccessChange {
  identity: string;
  entitlement: string;
  /**
   * Sorted role ids granting the entitlement after the change (gains) or
   * before it (losses), then `exception` when an exception grants it.
   */
  via: string[];
}

export interface PolicyChange {
  file: string;
  status: 'added' | 'modified' | 'deleted';
  owners: string[];
}

export interface AccessImpact {
  base: string;
  gains: AccessChange[];
  losses: AccessChange[];
  newCritical: { identity: string; entitlement: string }[];
  newSodRelevant: { identity: string; entitlement: string; risks: string[] }[];
  policyChanges: PolicyChange[];
}

export interface AccessImpactOptions {
  inventory?: Inventory;
  today: string;
  baseRef: string;
  policyChanges: PolicyChange[];
}

/**
 * Who gains and who loses which entitlement between two catalogues.
 * Gains are classified with `after.policies`, which the caller fills with
 * the base policies so a change cannot relax its own classification.
 *
 * Only identities holding a changed role, or whose exceptions changed,
 * are diffed; everyone else provably holds the same access on both sides.
 */
export function computeAccessImpact(
  before: Catalogue,
  after: Catalogue,
  options: AccessImpactOptions,
): AccessImpact {
  const index = indexMembers(options.inventory);
  const wasRoles = rolesById(before.roles);
  const nowRoles = rolesById(after.roles);
  const changed = changedRoleIds(wasRoles, nowRoles);
  const sideOf = (roles: Map<string, Role>, catalogue: Catalogue): Side => ({
    roles,
    direct: directByIdentity(catalogue.exceptions, options.today),
    changed: rolesBySlot(
      [...changed].flatMap((id) => roles.get(id) ?? []),
      index,
    ),
  });
  const was = sideOf(wasRoles, before);
  const now = sideOf(nowRoles, after);
  // One inventory serves both sides, so an unchanged role has the same
  // members before and after; only changed roles are resolved twice.
  const held = rolesBySlot(nowRoles.values(), index);

  const gains: AccessChange[] = [];
  const losses: AccessChange[] = [];
  for (const id of affectedIds(was, now, index)) {
    const slot = index.slotOf(id);
    const nowIds = held[slot] ?? [];
    const wasIds = nowIds.filter((role) => !changed.has(role));
    wasIds.push(...(was.changed[slot] ?? []));
    // Only what a changed role or an exception grants can differ.
    const open = new Set([...openOf(was, id, slot), ...openOf(now, id, slot)]);
    const wasVia = grantedVia(open, wasIds, was, id);
    const nowVia = grantedVia(open, nowIds, now, id);
    gains.push(...missingFrom(id, nowVia, wasVia));
    losses.push(...missingFrom(id, wasVia, nowVia));
  }

  return {
    base: options.baseRef,
    gains,
    losses,
    ...classify(gains, after.policies, options.inventory, index),
    policyChanges: options.policyChanges
      .map((change) => ({ ...change, owners: unique(change.owners) }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
}

/** One catalogue as the diff needs it. */
interface Side {
  roles: Map<string, Role>;
  direct: Map<string, string[]>;
  /** The changed roles each slot holds on this side. */
  changed: (string[] | undefined)[];
}

/** Identities holding a changed role, or whose exceptions changed. */
function affectedIds(was: Side, now: Side, index: MemberIndex): string[] {
  const affected = new Set<string>();
  for (const { changed } of [was, now]) {
    changed.forEach((list, slot) => {
      if (list !== undefined) affected.add(index.idOf(slot));
    });
  }
  for (const id of new Set([...was.direct.keys(), ...now.direct.keys()])) {
    const direct = was.direct.get(id)?.join('\n');
    if (direct !== now.direct.get(id)?.join('\n')) affected.add(id);
  }
  return [...affected].sort();
}

/** Entitlements of one side that may differ for an identity. */
function* openOf(side: Side, id: string, slot: number): Iterable<string> {
  yield* side.direct.get(id) ?? [];
  for (const role of side.changed[slot] ?? []) {
    yield* side.roles.get(role)?.entitlements ?? [];
  }
}

/** Roles added, removed, or changed in what they grant or to whom. */
function changedRoleIds(
  before: Map<string, Role>,
  after: Map<string, Role>,
): Set<string> {
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  return new Set(
    ids.filter((id) => !sameAccess(before.get(id), after.get(id))),
  );
}

/**
 * Order-sensitive on purpose: a reordered list only costs a diff that
 * finds nothing, and the check stays cheap.
 */
function sameAccess(a: Role | undefined, b: Role | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((value, i) => value === y[i]);
  return (
    same(a.entitlements, b.entitlements) &&
    same(a.membership.identities, b.membership.identities) &&
    JSON.stringify(a.membership.criteria) ===
      JSON.stringify(b.membership.criteria)
  );
}

/**
 * Each entitlement of `open` with what grants it on one side: sorted
 * roles, then exceptions.
 */
function grantedVia(
  open: ReadonlySet<string>,
  roleIds: readonly string[],
  side: Side,
  id: string,
): Map<string, string[]> {
  const via = new Map<string, string[]>();
  const add = (source: string, entitlements: readonly string[] = []) => {
    for (const entitlement of entitlements) {
      if (!open.has(entitlement)) continue;
      const list = via.get(entitlement);
      if (list === undefined) via.set(entitlement, [source]);
      else if (list.at(-1) !== source) list.push(source);
    }
  };
  for (const role of [...roleIds].sort()) {
    add(role, side.roles.get(role)?.entitlements);
  }
  add(VIA_EXCEPTION, side.direct.get(id));
  return via;
}

function missingFrom(
  identity: string,
  held: Map<string, string[]>,
  other: Map<string, string[]>,
): AccessChange[] {
  const missing = [...held].filter(([entitlement]) => !other.has(entitlement));
  return missing
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([entitlement, via]) => ({ identity, entitlement, via }));
}

function classify(
  gains: readonly AccessChange[],
  policies: PolicySet,
  inventory: Inventory | undefined,
  index: MemberIndex,
): Pick<AccessImpact, 'newCritical' | 'newSodRelevant'> {
  const critical = compilePatterns(policies.leastPrivilege.critical);
  const rated = new Set(
    inventory?.entitlements
      .filter((e) => e.risk === 'critical')
      .map((e) => e.id),
  );
  const risksOf = sodRisksOf(policies);

  return {
    newCritical: gains
      .filter((g) => critical(g.entitlement) || rated.has(g.entitlement))
      .map(({ identity, entitlement }) => ({ identity, entitlement })),
    newSodRelevant: gains.flatMap(({ identity, entitlement }) => {
      const kind = index.kindOf(index.slotOf(identity));
      const risks = risksOf(entitlement, kind);
      return risks.length === 0 ? [] : [{ identity, entitlement, risks }];
    }),
  };
}

/**
 * Ids of the risks an entitlement counts towards for an identity of a
 * kind, within each risk's scope. An unknown kind matches every risk, so
 * missing inventory data never hides one.
 */
function sodRisksOf(
  policies: PolicySet,
): (entitlement: string, kind: IdentityKind | undefined) => string[] {
  const functions = new Map(
    policies.functions.map((fn) => [fn.id, compilePatterns(fn.entitlements)]),
  );
  // Matching patterns is the costly part and does not depend on the kind.
  const cache = new Map<string, SodRisk[]>();
  const matching = (entitlement: string) =>
    policies.risks.filter(
      ({ scope: { systems }, functions: ids }) =>
        (systems.length === 0 || systems.includes(systemOf(entitlement))) &&
        ids.some((id) => functions.get(id)?.(entitlement) === true),
    );

  return (entitlement, kind) => {
    const risks = cache.get(entitlement) ?? matching(entitlement);
    cache.set(entitlement, risks);
    const applies = ({ scope: { kinds } }: SodRisk) =>
      kind === undefined || kinds.length === 0 || kinds.includes(kind);
    return unique(risks.filter(applies).map((risk) => risk.id));
  };
}

/** Findings a reviewer should see about an access impact. */
export function impactFindings(impact: AccessImpact): Finding[] {
  const findings: Finding[] = [
    ...impact.newCritical.map(({ identity, entitlement }): Finding => ({
      code: 'impact.new-critical-access',
      severity: 'warning',
      message: `${identity} gains critical entitlement ${entitlement}`,
      hint: 'Confirm that the identity needs this access before approving.',
      subject: { identity, entitlements: [entitlement] },
    })),
    ...impact.newSodRelevant.flatMap(({ identity, entitlement, risks }) =>
      risks.map((risk): Finding => ({
        code: 'impact.new-sod-access',
        severity: 'note',
        message: `${identity} gains ${entitlement}, which counts towards SoD risk ${risk}`,
        subject: { identity, risk, entitlements: [entitlement] },
      })),
    ),
    ...impact.policyChanges.map(({ file, status, owners }): Finding => ({
      code: 'policy.changed',
      severity: 'warning',
      file,
      message:
        `Policy file ${status}; it needs approval by ` +
        (owners.length > 0 ? owners.join(', ') : 'a policy owner'),
      hint: 'Policies are judged from the base branch until this change merges.',
    })),
  ];
  return findings.sort(compareFindings);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
