import type { createRandom } from '../../bench/random.ts';

export type Random = ReturnType<typeof createRandom>;

/** The day every timestamp counts back from, so output never depends on the clock. */
export const DATA_DATE = Date.UTC(2026, 10, 30);
const DAY_MS = 86_400_000;

export interface Person {
  id: string;
  kind: string;
  name: string;
  email: string;
  department: string;
  title: string;
  location: string;
  manager: string;
  costCenter: string;
  status: string;
  owner: string;
  employeeType: string;
  rotation: string;
}

export interface Grant {
  identity: string;
  entitlement: string;
  grantedAt: string;
  lastUsedAt: string;
  source: 'direct' | 'group';
}

export interface PlantedRole {
  id: string;
  audience: 'human' | 'machine';
  kind: string;
  entitlements: string[];
  members: string[];
}

export interface Pair {
  identity: string;
  entitlement: string;
}

/** How a grant's dates are drawn, in days before the data date. */
export interface When {
  granted: [number, number];
  /** Days since last use; null for access never used. */
  used: [number, number] | null;
}

export const USED: When = { granted: [60, 1500], used: [0, 45] };
export const STALE: When = { granted: [400, 1400], used: [200, 700] };
export const RECENT: When = { granted: [0, 10], used: [0, 3] };
export const NEVER: When = { granted: [120, 700], used: null };

export function day(daysAgo: number): string {
  return new Date(DATA_DATE - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Who holds what, and the truth about why: grants are keyed by identity
 * and entitlement (one row each), planted roles keep their members.
 */
export class AcmeBuilder {
  readonly identities: Person[] = [];
  readonly roles: PlantedRole[] = [];
  private readonly grants = new Map<string, Map<string, Grant>>();

  constructor(readonly random: Random) {}

  person(fields: Partial<Person> & Pick<Person, 'id' | 'kind'>): Person {
    const person: Person = {
      name: '',
      email: '',
      department: '',
      title: '',
      location: '',
      manager: '',
      costCenter: '',
      status: 'active',
      owner: '',
      employeeType: '',
      rotation: '',
      ...fields,
    };
    this.identities.push(person);
    return person;
  }

  plant(
    id: string,
    audience: PlantedRole['audience'],
    kind: string,
    entitlements: string[],
  ): PlantedRole {
    const role = {
      id,
      audience,
      kind,
      entitlements: [...entitlements],
      members: [],
    };
    this.roles.push(role);
    return role;
  }

  member(role: PlantedRole, identity: string): void {
    if (role.members.includes(identity)) return;
    role.members.push(identity);
    for (const e of role.entitlements) this.grant(identity, e, USED, 'group');
  }

  holds(identity: string, entitlement: string): boolean {
    return this.grants.get(identity)?.has(entitlement) === true;
  }

  /** Entitlements the identity holds, optionally only those granted one way. */
  held(identity: string, source?: Grant['source']): string[] {
    return [...(this.grants.get(identity)?.values() ?? [])]
      .filter((g) => source === undefined || g.source === source)
      .map((g) => g.entitlement);
  }

  /** Adds a grant unless the identity already holds it; says whether it did. */
  grant(
    identity: string,
    entitlement: string,
    when: When,
    source: Grant['source'] = 'direct',
  ): boolean {
    const rows = this.grants.get(identity) ?? new Map<string, Grant>();
    this.grants.set(identity, rows);
    if (rows.has(entitlement)) return false;
    rows.set(entitlement, {
      identity,
      entitlement,
      ...this.dates(when),
      source,
    });
    return true;
  }

  /** Moves an existing grant's last use back, as for access nobody uses any more. */
  age(identity: string, entitlement: string): void {
    const row = this.grants.get(identity)?.get(entitlement);
    if (row !== undefined) Object.assign(row, this.dates(STALE));
  }

  allGrants(): Grant[] {
    return this.identities.flatMap((i) =>
      [...(this.grants.get(i.id)?.values() ?? [])].sort((a, b) =>
        a.entitlement < b.entitlement ? -1 : 1,
      ),
    );
  }

  private dates(when: When): { grantedAt: string; lastUsedAt: string } {
    const granted = this.random.int(when.granted[0], when.granted[1]);
    if (when.used === null) return { grantedAt: day(granted), lastUsedAt: '' };
    const used = Math.min(granted, this.random.int(when.used[0], when.used[1]));
    return { grantedAt: day(granted), lastUsedAt: day(used) };
  }
}
