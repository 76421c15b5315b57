import type {
  Catalogue,
  ExceptionEntry,
  Identity,
  IdentityKind,
  Inventory,
  MembershipCriterion,
  Role,
  RoleEntry,
} from '../model/index.ts';
import type { EffectiveAccess, IdentityGrants } from './access-types.ts';

export interface ResolveAccessOptions {
  /**
   * The day access is judged on (YYYY-MM-DD). When omitted every exception
   * counts, so a missing date can only show more access, never hide it.
   */
  today?: string;
}

/**
 * Resolves role members against an inventory. Identities are numbered
 * with dense slots so that hot loops index arrays instead of hashing ids.
 */
export interface MemberIndex {
  /** Inventory identities matching every criterion of one entry. */
  matchEntry(entry: readonly MembershipCriterion[]): string[];
  /** Explicit members and criteria matches of a role, each once. */
  membersOf(role: Role): string[];
  /** The same members as slots; ids unknown to the inventory get new ones. */
  slotsOf(role: Role): number[];
  /** The slot of an id, giving an id the inventory lacks a new one. */
  slotOf(id: string): number;
  idOf(slot: number): string;
  /** The inventory's kind for a slot; undefined for ids it lacks. */
  kindOf(slot: number): IdentityKind | undefined;
  /** Slots handed out so far. */
  size(): number;
}

/** One attribute's values by slot, and the slots holding each value. */
interface Column {
  codes: Int32Array;
  byValue: Map<string, number>;
  slots: number[][];
}

/**
 * Builds a member index over an inventory (the first record of an id
 * wins). Each attribute is indexed on first use, so an entry costs the
 * size of its smallest criterion, never a scan of every identity.
 */
export function indexMembers(inventory?: Inventory): MemberIndex {
  const slots = new Map<string, number>();
  const identities: Identity[] = [];
  for (const identity of inventory?.identities ?? []) {
    if (slots.has(identity.id)) continue;
    slots.set(identity.id, identities.length);
    identities.push(identity);
  }
  const ids = identities.map((identity) => identity.id);
  const columns = new Map<string, Column>();
  const marks: number[] = ids.map(() => 0);
  let stamp = 0;

  const column = (attribute: string): Column => {
    const built = columns.get(attribute);
    if (built !== undefined) return built;
    const col: Column = {
      codes: new Int32Array(identities.length).fill(-1),
      byValue: new Map(),
      slots: [],
    };
    identities.forEach((identity, slot) => {
      const value = attributeOf(identity, attribute);
      if (value === undefined) return;
      const code = col.byValue.get(value) ?? col.slots.length;
      if (code === col.slots.length) col.byValue.set(value, code);
      col.codes[slot] = code;
      (col.slots[code] ??= []).push(slot);
    });
    columns.set(attribute, col);
    return col;
  };

  const visitEntry = (
    entry: readonly MembershipCriterion[],
    visit: (slot: number) => void,
  ) => {
    const wanted = entry.map(({ attribute, values }) => {
      const col = column(attribute);
      const codes = [...new Set(values)].flatMap(
        (v) => col.byValue.get(v) ?? [],
      );
      const size = codes.reduce((n, c) => n + (col.slots[c]?.length ?? 0), 0);
      return { col, codes, size };
    });
    wanted.sort((a, b) => a.size - b.size);
    const [first, ...rest] = wanted;
    // An empty entry would match everyone; granting a role to the whole
    // inventory by omission is never what an author meant.
    if (first === undefined) return;
    for (const code of first.codes) {
      for (const slot of first.col.slots[code] ?? []) {
        const fits = rest.every(({ col, codes }) =>
          codes.includes(col.codes[slot] ?? -1),
        );
        if (fits) visit(slot);
      }
    }
  };

  const slotOf = (id: string): number => {
    const known = slots.get(id);
    if (known !== undefined) return known;
    slots.set(id, ids.length);
    marks.push(0);
    return ids.push(id) - 1;
  };

  const slotsOf = (role: Role): number[] => {
    stamp += 1;
    const members: number[] = [];
    const add = (slot: number) => {
      if (marks[slot] === stamp) return;
      marks[slot] = stamp;
      members.push(slot);
    };
    for (const id of role.membership.identities) add(slotOf(id));
    for (const entry of role.membership.criteria) visitEntry(entry, add);
    return members;
  };

  const idOf = (slot: number): string => ids[slot] ?? '';
  const matchEntry = (entry: readonly MembershipCriterion[]) => {
    const matches: string[] = [];
    visitEntry(entry, (slot) => matches.push(idOf(slot)));
    return matches;
  };
  const membersOf = (role: Role) => slotsOf(role).map(idOf);
  const kindOf = (slot: number) => {
    const identity = identities[slot];
    return identity?.kindAssumed === true ? undefined : identity?.kind;
  };
  const size = () => ids.length;
  return { matchEntry, membersOf, slotsOf, slotOf, idOf, kindOf, size };
}

const FIELDS = new Map<string, (identity: Identity) => string | undefined>([
  ['kind', (identity) => identity.kind],
  ['status', (identity) => identity.status],
  ['email', (identity) => identity.email],
  ['name', (identity) => identity.name],
  ['owner', (identity) => identity.owner],
]);

/**
 * An identity's value for a criterion attribute. The identity's own fields
 * win over a same-named entry in `attributes`, so a source cannot relabel
 * a service account as `kind: human`.
 */
export function attributeOf(
  identity: Identity,
  attribute: string,
): string | undefined {
  const field = FIELDS.get(attribute)?.(identity);
  if (field !== undefined) return field;
  // `attributes` is a plain object; hasOwn keeps `constructor` and
  // friends from matching.
  return Object.hasOwn(identity.attributes, attribute)
    ? identity.attributes[attribute]
    : undefined;
}

/**
 * Roles by id. When an id is declared twice the first entry wins here and
 * everywhere access is resolved; integrity reports the second as an error.
 */
export function rolesById(entries: readonly RoleEntry[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const { role } of entries) {
    if (!roles.has(role.id)) roles.set(role.id, role);
  }
  return roles;
}

/**
 * Role ids each slot holds, in the order the roles are given (pass them
 * sorted by id for sorted lists); undefined where a slot holds nothing.
 */
export function rolesBySlot(
  roles: Iterable<Role>,
  index: MemberIndex,
): (string[] | undefined)[] {
  // Sized up front: writing far past the end would turn the array into a
  // slow dictionary.
  const held = new Array<string[] | undefined>(index.size()).fill(undefined);
  for (const role of roles) {
    for (const slot of index.slotsOf(role)) {
      const list = held[slot];
      if (list === undefined) held[slot] = [role.id];
      else list.push(role.id);
    }
  }
  return held;
}

/** Sorted member ids of each role (first declaration of an id wins). */
export function membersByRole(
  roles: readonly RoleEntry[],
  inventory?: Inventory,
): Map<string, string[]> {
  const index = indexMembers(inventory);
  const members = new Map<string, string[]>();
  for (const role of rolesById(roles).values()) {
    members.set(role.id, index.membersOf(role).sort());
  }
  return members;
}

/**
 * Whether an approved exception still grants access on `today`. Like a
 * mitigation, an exception no longer applies on and after its expiry day.
 */
export function isExceptionActive(
  expires: string | undefined,
  today: string | undefined,
): boolean {
  return expires === undefined || today === undefined || today < expires;
}

/** Sorted, distinct entitlements each identity holds by active exception. */
export function directByIdentity(
  exceptions: readonly ExceptionEntry[],
  today?: string,
): Map<string, string[]> {
  const direct = new Map<string, Set<string>>();
  for (const { exception } of exceptions) {
    if (!isExceptionActive(exception.expires, today)) continue;
    const held = direct.get(exception.identity) ?? new Set<string>();
    held.add(exception.entitlement);
    direct.set(exception.identity, held);
  }
  return new Map([...direct].map(([id, held]) => [id, [...held].sort()]));
}

/** Everyone the catalogue grants something to, with roles and exceptions. */
export function resolveAccess(
  catalogue: Catalogue,
  inventory?: Inventory,
  options: ResolveAccessOptions = {},
): EffectiveAccess {
  const index = indexMembers(inventory);
  const roles = [...rolesById(catalogue.roles).values()].sort(byId);
  const held = rolesBySlot(roles, index);
  const direct = directByIdentity(catalogue.exceptions, options.today);

  const slots = held.flatMap((list, slot) => (list ? [slot] : []));
  for (const id of direct.keys()) {
    const slot = index.slotOf(id);
    if (held[slot] === undefined) slots.push(slot);
  }
  const identities = slots
    .map((slot): IdentityGrants => {
      const id = index.idOf(slot);
      const kind = index.kindOf(slot);
      return {
        id,
        ...(kind !== undefined && { kind }),
        roles: held[slot] ?? [],
        direct: direct.get(id) ?? [],
      };
    })
    .sort(byId);
  return { identities };
}

/** Every entitlement a grant gives: its roles' entitlements and direct. */
export function entitlementsOf(
  grants: IdentityGrants,
  roles: ReadonlyMap<string, Role>,
): Set<string> {
  const held = new Set(grants.direct);
  for (const id of grants.roles) {
    for (const entitlement of roles.get(id)?.entitlements ?? []) {
      held.add(entitlement);
    }
  }
  return held;
}

/** Code-unit order by id, the order every sorted list here uses. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
