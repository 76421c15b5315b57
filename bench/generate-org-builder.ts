import type { Assignment, Identity, Inventory } from '../src/model/index.ts';
import type { createRandom } from './random.ts';

export interface Pair {
  identity: string;
  entitlement: string;
}

export interface PlantedRole {
  id: string;
  audience: 'human' | 'machine';
  entitlements: string[];
  identities: string[];
}

export interface GeneratedOrg {
  inventory: Inventory;
  planted: PlantedRole[];
  /** Access that is no planted role, by the kind of noise it is. */
  noise: Record<
    'oneOff' | 'leftover' | 'stale' | 'volatile' | 'serviceInHuman',
    Pair[]
  >;
  dataDate: string;
}

type Random = ReturnType<typeof createRandom>;

/**
 * Collects a generated organisation: identities, planted roles with
 * their members, and noise grants recorded by kind, with timestamps drawn
 * relative to the data date.
 */
export class OrgBuilder {
  private readonly identities: Identity[] = [];
  private readonly attributes = new Map<string, Record<string, string>>();
  private readonly held = new Map<string, Map<string, Assignment>>();
  private readonly planted: PlantedRole[] = [];
  private readonly plantedIds: string[] = [];
  private readonly members = new Map<PlantedRole, Set<string>>();
  private readonly noisePairs: GeneratedOrg['noise'] = {
    oneOff: [],
    leftover: [],
    stale: [],
    volatile: [],
    serviceInHuman: [],
  };

  constructor(
    private readonly random: Random,
    private readonly days: string[],
  ) {}

  plant(
    id: string,
    audience: PlantedRole['audience'],
    entitlements: string[],
  ): PlantedRole {
    const role = {
      id,
      audience,
      entitlements: [...new Set(entitlements)].sort(),
      identities: [],
    };
    this.planted.push(role);
    this.plantedIds.push(...role.entitlements);
    return role;
  }

  allPlanted(): string[] {
    return this.plantedIds;
  }

  entitlementCount(): number {
    return new Set(this.plantedIds).size + 4;
  }

  identity(identity: Identity): void {
    this.identities.push(identity);
    this.attributes.set(identity.id, identity.attributes);
  }

  attributesOf(id: string): Record<string, string> {
    return { ...(this.attributes.get(id) ?? {}) };
  }

  member(role: PlantedRole | undefined, identity: string): void {
    if (role === undefined) return;
    const members = this.members.get(role) ?? new Set<string>();
    this.members.set(role, members);
    if (members.has(identity)) return;
    members.add(identity);
    role.identities.push(identity);
    for (const e of role.entitlements) this.grant(identity, e, {});
  }

  noise(
    kind: keyof GeneratedOrg['noise'],
    identity: string,
    entitlement: string,
    how: { stale?: boolean; recentGrant?: boolean } = {},
  ): void {
    if (this.held.get(identity)?.has(entitlement) === true) return;
    this.grant(identity, entitlement, how);
    this.noisePairs[kind].push({ identity, entitlement });
  }

  staleOne(identity: string): void {
    const rows = [...(this.held.get(identity)?.values() ?? [])];
    if (rows.length === 0) return;
    const row = this.random.pick(rows);
    const used = this.random.int(400, 1000);
    row.lastUsedAt = this.day(used);
    row.grantedAt = this.day(used + this.random.int(0, 100));
    this.noisePairs.stale.push({ identity, entitlement: row.entitlement });
  }

  finish(dataDate: string): GeneratedOrg {
    const assignments = [...this.held.values()].flatMap((rows) => [
      ...rows.values(),
    ]);
    const ids = new Set(assignments.map((a) => a.entitlement));
    const entitlements = [...ids]
      .sort()
      .map((id) => ({ id, system: id.slice(0, id.indexOf(':')) }));
    for (const role of this.planted) role.identities.sort();
    const planted = this.planted.filter((role) => role.identities.length > 0);
    return {
      inventory: {
        identities: this.identities,
        entitlements,
        assignments,
        sources: [],
      },
      planted,
      noise: this.noisePairs,
      dataDate,
    };
  }

  private grant(
    identity: string,
    entitlement: string,
    how: { stale?: boolean; recentGrant?: boolean },
  ): void {
    const rows = this.held.get(identity) ?? new Map<string, Assignment>();
    this.held.set(identity, rows);
    if (rows.has(entitlement)) return;
    const stale = how.stale === true;
    const granted =
      how.recentGrant === true
        ? this.random.int(0, 10)
        : this.random.int(stale ? 250 : 30, 1100);
    const used = stale
      ? this.random.int(200, granted)
      : this.random.int(0, Math.min(granted, 60));
    rows.set(entitlement, {
      identity,
      entitlement,
      grantedAt: this.day(granted),
      lastUsedAt: this.day(used),
      source: 'direct',
    });
  }

  private day(daysAgo: number): string {
    return this.days[Math.min(daysAgo, this.days.length - 1)] ?? '';
  }
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
