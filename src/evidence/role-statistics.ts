import type { Audience, Inventory, RiskLevel } from '../model/index.ts';
import { audienceOf, systemOf } from '../model/index.ts';

/** One attribute's most common value among a role's members. */
export interface PurityFact {
  attribute: string;
  value: string;
  count: number;
  /** count / members, rounded to 3 decimals. */
  share: number;
}

/** How the members use one entitlement of the role. */
export interface EntitlementFact {
  id: string;
  system: string;
  risk?: RiskLevel;
  /** Members holding it today (a mined role: all of them). */
  holders: number;
  /** Members who used it within the usage window before the data date. */
  used_recently: number;
  /** Members whose last use is older than the window. */
  unused: number;
  /** Members with no recorded use (the source may not record use). */
  no_usage_data: number;
  /** The newest use by any member, YYYY-MM-DD. */
  last_used?: string;
}

export interface MemberFacts {
  count: number;
  audience: Audience;
  /** Identities of the same audience in the inventory. */
  audience_size: number;
  /** Per attribute, strongest first; attributes no member has are left out. */
  purity: PurityFact[];
  /** Share of the members' current access that the role grants. */
  coverage: number;
}

/** Statistics anyone can recompute from the role and the inventory. */
export interface RoleStatistics {
  members: MemberFacts;
  entitlements: EntitlementFact[];
  /** Entitlements per system, systems sorted. */
  by_system: Record<string, number>;
  /** Direct assignments (member × entitlement) the role stands for. */
  direct_assignments: number;
}

export interface StatisticsOptions {
  /** Business attributes to measure purity on, in order. */
  attributes: readonly string[];
  /** YYYY-MM-DD, or `unknown`; usage counts back from it. */
  dataDate: string;
  usageWindowDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Member and usage statistics of a role, from the inventory alone: the
 * same function runs when mining writes a role file and when `explain`
 * checks one, so an auditor gets the same figures from the same data.
 */
export function computeRoleStatistics(
  role: {
    audience: Audience;
    identities: readonly string[];
    entitlements: readonly string[];
  },
  inventory: Inventory,
  options: StatisticsOptions,
): RoleStatistics {
  const members = new Set(role.identities);
  const grants = new Set(role.entitlements);
  const held = new Map<string, Map<string, string | undefined>>();
  let memberAccess = 0;
  let granted = 0;
  for (const a of inventory.assignments) {
    if (!members.has(a.identity)) continue;
    memberAccess++;
    if (!grants.has(a.entitlement)) continue;
    granted++;
    let byMember = held.get(a.entitlement);
    if (byMember === undefined) {
      byMember = new Map();
      held.set(a.entitlement, byMember);
    }
    const before = byMember.get(a.identity);
    const used = a.lastUsedAt;
    if (before === undefined || (used !== undefined && used > before)) {
      byMember.set(a.identity, used);
    }
  }
  const identities = new Map(inventory.identities.map((i) => [i.id, i]));
  const audienceSize = inventory.identities.filter(
    (i) => audienceOf(i.kind) === role.audience,
  ).length;
  const risks = new Map(inventory.entitlements.map((e) => [e.id, e.risk]));
  const windowStart = windowStartOf(options);
  const bySystem = new Map<string, number>();
  for (const id of grants) {
    bySystem.set(systemOf(id), (bySystem.get(systemOf(id)) ?? 0) + 1);
  }

  return {
    members: {
      count: members.size,
      audience: role.audience,
      audience_size: audienceSize,
      purity: purityOf([...members], identities, options.attributes),
      coverage: round3(memberAccess === 0 ? 0 : granted / memberAccess),
    },
    entitlements: [...grants].sort(compare).map((id) => {
      const uses = [...(held.get(id)?.values() ?? [])];
      const dated = uses.filter((u): u is string => u !== undefined);
      const recent =
        windowStart === undefined
          ? 0
          : dated.filter((u) => Date.parse(u) >= windowStart).length;
      const newest = dated.sort(compare).at(-1);
      const risk = risks.get(id);
      return {
        id,
        system: systemOf(id),
        ...(risk !== undefined && { risk }),
        holders: uses.length,
        used_recently: recent,
        unused: windowStart === undefined ? 0 : dated.length - recent,
        no_usage_data: uses.length - dated.length,
        ...(newest !== undefined && { last_used: newest.slice(0, 10) }),
      };
    }),
    by_system: Object.fromEntries(
      [...bySystem].sort(([a], [b]) => compare(a, b)),
    ),
    direct_assignments: granted,
  };
}

function windowStartOf(options: StatisticsOptions): number | undefined {
  const end = Date.parse(`${options.dataDate}T23:59:59.999Z`);
  if (Number.isNaN(end)) return undefined;
  return end - options.usageWindowDays * DAY_MS;
}

function purityOf(
  members: readonly string[],
  identities: ReadonlyMap<string, { attributes: Record<string, string> }>,
  attributes: readonly string[],
): PurityFact[] {
  const facts: PurityFact[] = [];
  for (const attribute of attributes) {
    const counts = new Map<string, number>();
    for (const id of members) {
      const value = identities.get(id)?.attributes[attribute];
      if (value !== undefined && value !== '') {
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    const top = [...counts].sort(
      (a, b) => b[1] - a[1] || compare(a[0], b[0]),
    )[0];
    if (top === undefined) continue;
    facts.push({
      attribute,
      value: top[0],
      count: top[1],
      share: round3(top[1] / members.length),
    });
  }
  // Stable: equal shares keep the configured attribute order.
  return facts.sort((a, b) => b.share - a.share);
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
