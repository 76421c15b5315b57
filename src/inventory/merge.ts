import type {
  Assignment,
  Entitlement,
  Identity,
  Inventory,
} from '../model/index.ts';
import { audienceOf, riskRank } from '../model/index.ts';

/** An explicit `id → canonical id` rule, optionally for one source only. */
export interface IdentityMapping {
  id: string;
  canonical: string;
  source?: string;
}

export interface LabelledInventory {
  label: string;
  inventory: Inventory;
}

export interface Correlation {
  canonical: string;
  merged: { source: string; id: string }[];
  by: 'mapping' | 'email';
}

export interface MergeConflict {
  kind: 'identity-kind' | 'identity-attribute' | 'entitlement-risk';
  id: string;
  field: string;
  values: { source: string; value: string }[];
  resolution: string;
}

export interface MergeResult {
  inventory: Inventory;
  correlations: Correlation[];
  conflicts: MergeConflict[];
}

/**
 * Merges inventories from several sources into one. Identities are
 * correlated by the explicit mapping first, then by e-mail address
 * (case-insensitive); a person and a machine are never merged, even when
 * they share an address, because that is exactly the confusion rolesmith
 * exists to remove: the clash is reported instead.
 */
export function mergeInventories(
  parts: LabelledInventory[],
  mappings: IdentityMapping[] = [],
): MergeResult {
  const conflicts: MergeConflict[] = [];
  const canonicalOf = buildCanonicalIds(parts, mappings, conflicts);

  // Identities: first source wins per field; disagreements are reported.
  const identities = new Map<string, Identity>();
  const sourcesOf = new Map<string, { source: string; id: string }[]>();
  for (const { label, inventory } of parts) {
    for (const identity of inventory.identities) {
      const id = canonicalOf(label, identity.id);
      const seen = sourcesOf.get(id) ?? [];
      seen.push({ source: label, id: identity.id });
      sourcesOf.set(id, seen);
      const existing = identities.get(id);
      if (existing === undefined) {
        identities.set(id, {
          ...identity,
          id,
          attributes: { ...identity.attributes },
        });
        continue;
      }
      mergeIdentity(existing, identity, label, conflicts);
    }
  }

  const entitlements = new Map<string, Entitlement>();
  for (const { label, inventory } of parts) {
    for (const entitlement of inventory.entitlements) {
      const existing = entitlements.get(entitlement.id);
      if (existing === undefined) {
        entitlements.set(entitlement.id, { ...entitlement });
      } else {
        mergeEntitlement(existing, entitlement, label, conflicts);
      }
    }
  }

  const assignments: Assignment[] = [];
  const seen = new Set<string>();
  for (const { label, inventory } of parts) {
    for (const assignment of inventory.assignments) {
      const identity = canonicalOf(label, assignment.identity);
      const key = `${identity}\u0000${assignment.entitlement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      assignments.push(
        identity === assignment.identity
          ? assignment
          : { ...assignment, identity },
      );
    }
  }

  const correlations: Correlation[] = [];
  for (const [canonical, merged] of sourcesOf) {
    if (merged.length < 2) continue;
    const mapped = mappings.some((m) => m.canonical === canonical);
    correlations.push({ canonical, merged, by: mapped ? 'mapping' : 'email' });
  }
  return {
    inventory: {
      identities: [...identities.values()],
      entitlements: [...entitlements.values()],
      assignments,
      sources: parts.flatMap((part) => part.inventory.sources),
    },
    correlations: correlations.sort((a, b) =>
      a.canonical.localeCompare(b.canonical),
    ),
    conflicts,
  };
}

function buildCanonicalIds(
  parts: LabelledInventory[],
  mappings: IdentityMapping[],
  conflicts: MergeConflict[],
): (source: string, id: string) => string {
  const mapped = new Map<string, string>();
  for (const mapping of mappings) {
    mapped.set(`${mapping.source ?? ''}\u0000${mapping.id}`, mapping.canonical);
  }
  const byEmail = new Map<
    string,
    { id: string; human: boolean; source: string }
  >();
  const emailed = new Map<string, string>();
  for (const { label, inventory } of parts) {
    for (const identity of inventory.identities) {
      const explicit =
        mapped.get(`${label}\u0000${identity.id}`) ??
        mapped.get(`\u0000${identity.id}`);
      if (explicit !== undefined || identity.email === undefined) continue;
      const email = identity.email.trim().toLowerCase();
      if (email === '') continue;
      const human = audienceOf(identity.kind) === 'human';
      const first = byEmail.get(email);
      if (first === undefined) {
        byEmail.set(email, { id: identity.id, human, source: label });
      } else if (first.human !== human) {
        conflicts.push({
          kind: 'identity-kind',
          id: identity.id,
          field: 'email',
          values: [
            {
              source: first.source,
              value: `${first.id} (${first.human ? 'human' : 'machine'})`,
            },
            {
              source: label,
              value: `${identity.id} (${human ? 'human' : 'machine'})`,
            },
          ],
          resolution:
            'kept apart: a person and a machine share this e-mail address',
        });
      } else if (first.id !== identity.id) {
        emailed.set(`${label}\u0000${identity.id}`, first.id);
      }
    }
  }
  return (source, id) =>
    mapped.get(`${source}\u0000${id}`) ??
    mapped.get(`\u0000${id}`) ??
    emailed.get(`${source}\u0000${id}`) ??
    id;
}

function mergeIdentity(
  into: Identity,
  from: Identity,
  source: string,
  conflicts: MergeConflict[],
): void {
  if (into.kind !== from.kind) {
    conflicts.push({
      kind: 'identity-kind',
      id: into.id,
      field: 'kind',
      values: [
        { source: firstSource(into), value: into.kind },
        { source, value: from.kind },
      ],
      resolution: `kept ${into.kind}`,
    });
  }
  for (const field of ['name', 'email', 'status', 'owner'] as const) {
    const value = from[field];
    if (value === undefined) continue;
    if (into[field] === undefined) into[field] = value;
  }
  for (const [key, value] of Object.entries(from.attributes)) {
    const current = into.attributes[key];
    if (current === undefined) {
      into.attributes[key] = value;
    } else if (current !== value) {
      conflicts.push({
        kind: 'identity-attribute',
        id: into.id,
        field: key,
        values: [
          { source: firstSource(into), value: current },
          { source, value },
        ],
        resolution: `kept "${current}"`,
      });
    }
  }
  into.provenance = [...(into.provenance ?? []), ...(from.provenance ?? [])];
}

function mergeEntitlement(
  into: Entitlement,
  from: Entitlement,
  source: string,
  conflicts: MergeConflict[],
): void {
  if (
    from.risk !== undefined &&
    into.risk !== undefined &&
    from.risk !== into.risk
  ) {
    const higher =
      riskRank(from.risk) > riskRank(into.risk) ? from.risk : into.risk;
    conflicts.push({
      kind: 'entitlement-risk',
      id: into.id,
      field: 'risk',
      values: [
        {
          source: into.provenance?.[0]?.source ?? 'first source',
          value: into.risk,
        },
        { source, value: from.risk },
      ],
      resolution: `kept the higher risk, ${higher}`,
    });
    into.risk = higher;
  }
  into.risk ??= from.risk;
  into.name ??= from.name;
  into.description ??= from.description;
  into.owner ??= from.owner;
  into.provenance = [...(into.provenance ?? []), ...(from.provenance ?? [])];
}

function firstSource(identity: Identity): string {
  return identity.provenance?.[0]?.source ?? 'first source';
}
