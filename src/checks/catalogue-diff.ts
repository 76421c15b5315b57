import type { Catalogue, Inventory, Role } from '../model/index.ts';
import { computeAccessImpact } from './access-impact.ts';
import type { AccessChange, AccessImpact } from './access-impact.ts';
import {
  computeCatalogueMetrics,
  diffMetrics,
} from './catalogue-diff-metrics.ts';
import type { CatalogueMetrics } from './catalogue-diff-metrics.ts';
import { rolesById } from './effective-access.ts';

/** One identity gaining or losing an entitlement, and what grants it. */
export interface IdentityChange {
  identity: string;
  /** Roles (then `exception`) granting it after a gain, before a loss. */
  via: string[];
}

/** Everyone gaining or losing one entitlement. */
export interface EntitlementChange {
  entitlement: string;
  gained: IdentityChange[];
  lost: IdentityChange[];
}

/** Roles whose grants or membership differ between the two sides. */
export interface RoleChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface DiffSummary {
  /** Entitlements someone gains or loses. */
  entitlements: number;
  /** Identity/entitlement pairs gained and lost. */
  gains: number;
  losses: number;
  identitiesGaining: number;
  identitiesLosing: number;
  newCritical: number;
  newSodRelevant: number;
}

/** What a set of role changes means for access, ready to render. */
export interface CatalogueDiff {
  /** The git ref or folder the change is compared against. */
  before: string;
  /** Where the changed catalogue was read: the working tree or a folder. */
  after: string;
  /**
   * `inventory` when attribute criteria were resolved against one;
   * `explicit` when only explicitly named members count.
   */
  membership: 'inventory' | 'explicit';
  /**
   * Without an inventory, attribute criteria match nobody: the roles (on
   * either side) that have criteria, and those whose criteria changed,
   * whose access changes this diff therefore cannot show. Empty with an
   * inventory.
   */
  unresolvedCriteria: { roles: string[]; changed: string[] };
  summary: DiffSummary;
  roles: RoleChanges;
  /** Sorted by entitlement; identities sorted within each. */
  entitlements: EntitlementChange[];
  newCritical: AccessImpact['newCritical'];
  newSodRelevant: AccessImpact['newSodRelevant'];
  metrics: {
    before: CatalogueMetrics;
    after: CatalogueMetrics;
    delta: CatalogueMetrics;
  };
}

export interface CatalogueDiffOptions {
  beforeLabel: string;
  afterLabel: string;
  /** Exceptions expiring by this day (YYYY-MM-DD) grant nothing. */
  today: string;
  inventory?: Inventory;
}

/**
 * Compares two catalogues for a reviewer. New critical and SoD-relevant
 * access is classified with the policies of `before` only, so a change
 * cannot relax the rules that classify it; `after.policies` is ignored.
 */
export function computeCatalogueDiff(
  before: Catalogue,
  after: Catalogue,
  options: CatalogueDiffOptions,
): CatalogueDiff {
  const { inventory, today } = options;
  const impact = computeAccessImpact(
    before,
    { ...after, policies: before.policies },
    {
      today,
      baseRef: options.beforeLabel,
      policyChanges: [],
      ...(inventory !== undefined && { inventory }),
    },
  );
  const measure = (catalogue: Catalogue) =>
    computeCatalogueMetrics(catalogue, {
      today,
      ...(inventory !== undefined && { inventory }),
    });
  const was = measure(before);
  const now = measure(after);

  return {
    before: options.beforeLabel,
    after: options.afterLabel,
    membership: inventory === undefined ? 'explicit' : 'inventory',
    unresolvedCriteria:
      inventory === undefined
        ? unresolvedCriteria(before, after)
        : { roles: [], changed: [] },
    summary: {
      entitlements: new Set(
        [...impact.gains, ...impact.losses].map((c) => c.entitlement),
      ).size,
      gains: impact.gains.length,
      losses: impact.losses.length,
      identitiesGaining: new Set(impact.gains.map((g) => g.identity)).size,
      identitiesLosing: new Set(impact.losses.map((l) => l.identity)).size,
      newCritical: impact.newCritical.length,
      newSodRelevant: impact.newSodRelevant.length,
    },
    roles: compareRoles(before, after),
    entitlements: groupByEntitlement(impact.gains, impact.losses),
    newCritical: impact.newCritical,
    newSodRelevant: impact.newSodRelevant,
    metrics: { before: was, after: now, delta: diffMetrics(was, now) },
  };
}

function groupByEntitlement(
  gains: readonly AccessChange[],
  losses: readonly AccessChange[],
): EntitlementChange[] {
  const groups = new Map<string, EntitlementChange>();
  const groupOf = (entitlement: string) => {
    const known = groups.get(entitlement);
    if (known !== undefined) return known;
    const group: EntitlementChange = { entitlement, gained: [], lost: [] };
    groups.set(entitlement, group);
    return group;
  };
  // Changes arrive sorted by identity, so each list stays sorted.
  for (const { identity, entitlement, via } of gains) {
    groupOf(entitlement).gained.push({ identity, via });
  }
  for (const { identity, entitlement, via } of losses) {
    groupOf(entitlement).lost.push({ identity, via });
  }
  return [...groups.values()].sort((a, b) =>
    a.entitlement < b.entitlement ? -1 : a.entitlement > b.entitlement ? 1 : 0,
  );
}

/**
 * Roles added, removed, or changed in what they grant or to whom. Lists
 * are compared as sets: reordering a role file changes nobody's access.
 */
function compareRoles(before: Catalogue, after: Catalogue): RoleChanges {
  const was = rolesById(before.roles);
  const now = rolesById(after.roles);
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  return {
    added: sorted([...now.keys()].filter((id) => !was.has(id))),
    removed: sorted([...was.keys()].filter((id) => !now.has(id))),
    changed: sorted(
      [...now].flatMap(([id, role]) => {
        const old = was.get(id);
        return old === undefined || sameAccess(old, role) ? [] : [id];
      }),
    ),
  };
}

function sameAccess(a: Role, b: Role): boolean {
  return (
    sameSet(a.entitlements, b.entitlements) &&
    sameSet(a.membership.identities, b.membership.identities) &&
    sameCriteria(a, b)
  );
}

function sameCriteria(a: Role | undefined, b: Role | undefined): boolean {
  const keys = (role: Role | undefined) =>
    (role?.membership.criteria ?? []).map(criteriaKey);
  return sameSet(keys(a), keys(b));
}

function unresolvedCriteria(
  before: Catalogue,
  after: Catalogue,
): CatalogueDiff['unresolvedCriteria'] {
  const was = rolesById(before.roles);
  const now = rolesById(after.roles);
  const roles = [...new Set([...was.keys(), ...now.keys()])].sort();
  const hasCriteria = (id: string) =>
    [was.get(id), now.get(id)].some(
      (role) => (role?.membership.criteria.length ?? 0) > 0,
    );
  const withCriteria = roles.filter(hasCriteria);
  return {
    roles: withCriteria,
    changed: withCriteria.filter(
      (id) => !sameCriteria(was.get(id), now.get(id)),
    ),
  };
}

/** One criteria entry in a form independent of attribute and value order. */
function criteriaKey(entry: Role['membership']['criteria'][number]): string {
  const parts = entry
    .map(({ attribute, values }): [string, string[]] => [
      attribute,
      [...new Set(values)].sort(),
    ])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(parts);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}
