import type {
  Catalogue,
  Identity,
  Inventory,
  Role,
  RoleEntry,
} from '../model/index.ts';
import { parseTimestamp, systemOf } from '../model/index.ts';
import type { MemberIndex } from './effective-access.ts';
import {
  byId,
  indexMembers,
  isExceptionActive,
  rolesById,
} from './effective-access.ts';

export interface DriftOptions {
  /** Access unused this many days before the data date is `drift.unused`. */
  unusedDays: number;
  /**
   * The day of the newest record (`dataDateOf`), or `unknown`. Usage is
   * judged from here, never from the clock.
   */
  dataDate: string;
  /** The day exceptions are judged on (YYYY-MM-DD). */
  today: string;
}

/** What the inventory shows for one identity holding one entitlement. */
export interface HeldPair {
  /** Newest last use in ms; NaN when no record says. */
  lastUsed: number;
  /** Newest grant in ms; NaN when no record says. */
  granted: number;
}

/** Where the catalogue grants an entitlement: a role or an exception. */
export interface GrantSite {
  kind: 'role' | 'exception';
  entitlement: string;
  file: string;
  path: string;
  /** The role id, for role grants. */
  role?: string;
}

/** A role entry that wins its id, with its members and how each got in. */
export interface RoleMembers {
  entry: RoleEntry;
  /** Member id to the JSON path that makes it a member. */
  via: Map<string, string>;
}

/** Everything the drift rules share, built once per run. */
export interface DriftContext {
  options: DriftOptions;
  identities: Map<string, Identity>;
  /** Identity to entitlement to what the inventory shows. */
  held: Map<string, Map<string, HeldPair>>;
  /** Systems the inventory speaks for. */
  inventorySystems: Set<string>;
  /** Systems the catalogue grants anything in. */
  catalogueSystems: Set<string>;
  /** Systems where some record carries a last use. */
  usageSystems: Set<string>;
  members: MemberIndex;
  roles: RoleMembers[];
  /** Identity to entitlement to its first grant site (roles by id first). */
  grants: Map<string, Map<string, GrantSite>>;
  /** Exceptions no longer in force, by `identity entitlement`. */
  expired: Map<string, { site: GrantSite; expires: string }>;
}

export function buildDriftContext(
  catalogue: Catalogue,
  inventory: Inventory,
  options: DriftOptions,
): DriftContext {
  const identities = new Map<string, Identity>();
  for (const identity of inventory.identities) {
    if (!identities.has(identity.id)) identities.set(identity.id, identity);
  }
  const inventorySystems = new Set(
    inventory.entitlements.map((entitlement) => systemOf(entitlement.id)),
  );
  const usageSystems = new Set<string>();
  const held = new Map<string, Map<string, HeldPair>>();
  for (const a of inventory.assignments) {
    inventorySystems.add(systemOf(a.entitlement));
    if (a.lastUsedAt !== undefined) usageSystems.add(systemOf(a.entitlement));
    const pairs = held.get(a.identity) ?? new Map<string, HeldPair>();
    held.set(a.identity, pairs);
    const pair = pairs.get(a.entitlement) ?? { lastUsed: NaN, granted: NaN };
    pairs.set(a.entitlement, pair);
    // Duplicate rows and merged sources: the newest evidence wins, so a
    // pair is never called unused while any source saw it used.
    pair.lastUsed = newest(pair.lastUsed, utcTime(a.lastUsedAt));
    pair.granted = newest(pair.granted, utcTime(a.grantedAt));
  }

  const members = indexMembers(inventory);
  const winners = rolesById(catalogue.roles);
  const roles = catalogue.roles
    .filter((entry) => winners.get(entry.role.id) === entry.role)
    .sort((a, b) => byId(a.role, b.role))
    .map((entry) => ({ entry, via: membersVia(entry.role, members) }));

  const catalogueSystems = new Set<string>();
  const grants = new Map<string, Map<string, GrantSite>>();
  const grant = (identity: string, entitlement: string, site: GrantSite) => {
    catalogueSystems.add(systemOf(entitlement));
    const sites = grants.get(identity) ?? new Map<string, GrantSite>();
    grants.set(identity, sites);
    if (!sites.has(entitlement)) sites.set(entitlement, site);
  };
  for (const { entry, via } of roles) {
    const { role, file } = entry;
    role.entitlements.forEach((entitlement, index) => {
      catalogueSystems.add(systemOf(entitlement));
      const site: GrantSite = {
        kind: 'role',
        entitlement,
        file,
        path: `/entitlements/${index}`,
        role: role.id,
      };
      for (const id of via.keys()) grant(id, entitlement, site);
    });
  }
  const expired = new Map<string, { site: GrantSite; expires: string }>();
  const positions = new Map<string, number>();
  for (const { exception, file } of catalogue.exceptions) {
    // Entries of one file arrive in file order, so counting gives the
    // index that the JSON path needs.
    const index = positions.get(file) ?? 0;
    positions.set(file, index + 1);
    const site: GrantSite = {
      kind: 'exception',
      entitlement: exception.entitlement,
      file,
      path: `/exceptions/${index}`,
    };
    if (isExceptionActive(exception.expires, options.today)) {
      grant(exception.identity, exception.entitlement, site);
      continue;
    }
    catalogueSystems.add(systemOf(exception.entitlement));
    const key = `${exception.identity} ${exception.entitlement}`;
    if (!expired.has(key) && exception.expires !== undefined) {
      expired.set(key, { site, expires: exception.expires });
    }
  }
  return {
    options,
    identities,
    held,
    inventorySystems,
    catalogueSystems,
    usageSystems,
    members,
    roles,
    grants,
    expired,
  };
}

/** Members of a role, each with the first entry that lets it in. */
function membersVia(role: Role, index: MemberIndex): Map<string, string> {
  const via = new Map<string, string>();
  role.membership.identities.forEach((id, i) => {
    if (!via.has(id)) via.set(id, `/membership/identities/${i}`);
  });
  role.membership.criteria.forEach((entry, i) => {
    for (const id of index.matchEntry(entry)) {
      if (!via.has(id)) via.set(id, `/membership/criteria/${i}`);
    }
  });
  return via;
}

function newest(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return b > a ? b : a;
}

/**
 * A record's timestamp in ms. A date-time without a zone is read as UTC,
 * so that the verdict does not depend on the machine's time zone.
 */
export function utcTime(text: string | undefined): number {
  if (text === undefined) return NaN;
  const zoneless = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text);
  return parseTimestamp(zoneless ? `${text}Z` : text);
}

/** Ids for a message: a few, then how many more, so messages stay short. */
export function listIds(ids: readonly string[], max = 10): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
