import type { Entitlement, Identity, Inventory } from '../model/index.ts';
import { riskRank } from '../model/index.ts';
import type { CanonicalIds } from './correlate.ts';
import { correlateIdentities } from './correlate.ts';
import { mergeAssignments } from './merge-assignments.ts';

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
  /**
   * The strongest rule that joined them: a mapping, a shared e-mail, or
   * only the same id in several sources.
   */
  by: 'mapping' | 'email' | 'id';
}

export interface MergeConflict {
  kind: 'identity-kind' | 'identity-attribute' | 'entitlement-risk';
  id: string;
  field: string;
  /** The value held so far, then the other; each names its source label. */
  values: { source: string; value: string }[];
  resolution: string;
}

export interface MergeResult {
  inventory: Inventory;
  correlations: Correlation[];
  conflicts: MergeConflict[];
}

const RULES: Correlation['by'][] = ['mapping', 'email', 'id'];

/**
 * Merges inventories from several sources into one. Identities are
 * correlated by the explicit mapping first, then by e-mail address
 * (case-insensitive, across sources); a person and a machine are never
 * merged, even when they share an address, because that is exactly the
 * confusion rolesmith exists to remove: the clash is reported instead.
 */
export function mergeInventories(
  parts: LabelledInventory[],
  mappings: IdentityMapping[] = [],
): MergeResult {
  const conflicts: MergeConflict[] = [];
  const ids = correlateIdentities(parts, mappings, conflicts);
  // Which source label gave each kept value, so conflicts name it.
  const origin = new Map<string, string>();

  // Identities: first source wins per field; disagreements are reported.
  const identities = new Map<string, Identity>();
  const groups = new Map<string, Correlation>();
  for (const { label, inventory } of parts) {
    for (const identity of inventory.identities) {
      const id = ids.canonicalOf(label, identity.id);
      join(groups, id, label, identity.id, ids);
      const existing = identities.get(id);
      if (existing === undefined) {
        identities.set(id, {
          ...identity,
          id,
          attributes: { ...identity.attributes },
        });
        origin.set(id, label);
      } else {
        mergeIdentity(existing, identity, label, origin, conflicts);
      }
    }
  }

  const entitlements = new Map<string, Entitlement>();
  const entitlementOrigin = new Map<string, string>();
  for (const { label, inventory } of parts) {
    for (const entitlement of inventory.entitlements) {
      const existing = entitlements.get(entitlement.id);
      if (existing === undefined) {
        entitlements.set(entitlement.id, { ...entitlement });
        entitlementOrigin.set(entitlement.id, label);
      } else {
        mergeEntitlement(
          existing,
          entitlement,
          label,
          entitlementOrigin,
          conflicts,
        );
      }
    }
  }

  return {
    inventory: {
      identities: [...identities.values()],
      entitlements: [...entitlements.values()],
      assignments: mergeAssignments(parts, ids),
      sources: parts.flatMap((part) => part.inventory.sources),
    },
    correlations: [...groups.values()]
      .filter((group) => group.merged.length > 1)
      .sort((a, b) => a.canonical.localeCompare(b.canonical)),
    conflicts,
  };
}

function join(
  groups: Map<string, Correlation>,
  canonical: string,
  source: string,
  id: string,
  ids: CanonicalIds,
): void {
  const by = ids.ruleOf(source, id);
  const group = groups.get(canonical);
  if (group === undefined) {
    groups.set(canonical, { canonical, merged: [{ source, id }], by });
    return;
  }
  group.merged.push({ source, id });
  if (RULES.indexOf(by) < RULES.indexOf(group.by)) group.by = by;
}

function mergeIdentity(
  into: Identity,
  from: Identity,
  source: string,
  origin: Map<string, string>,
  conflicts: MergeConflict[],
): void {
  const keptFrom = (key: string) =>
    origin.get(`${into.id}\u0000${key}`) ?? origin.get(into.id) ?? source;
  // A kind a source only assumed (pair files) yields to one it states.
  if (into.kindAssumed === true && from.kindAssumed !== true) {
    into.kind = from.kind;
    delete into.kindAssumed;
  } else if (from.kindAssumed === true) {
    // Nothing to learn from an assumption.
  } else if (into.kind !== from.kind) {
    conflicts.push({
      kind: 'identity-kind',
      id: into.id,
      field: 'kind',
      values: [
        { source: keptFrom('kind'), value: into.kind },
        { source, value: from.kind },
      ],
      resolution: `kept ${into.kind}`,
    });
  }
  const disagree = (key: string, field: string, kept: string, v: string) => {
    conflicts.push({
      kind: 'identity-attribute',
      id: into.id,
      field,
      values: [
        { source: keptFrom(key), value: kept },
        { source, value: v },
      ],
      resolution: `kept "${kept}"`,
    });
  };
  for (const field of ['name', 'email', 'status', 'owner'] as const) {
    const value = from[field];
    const current = into[field];
    if (value === undefined) continue;
    if (current === undefined) {
      into[field] = value;
      origin.set(`${into.id}\u0000${field}`, source);
    } else if (disagrees(field, current, value)) {
      disagree(field, field, current, value);
    }
  }
  for (const [key, value] of Object.entries(from.attributes)) {
    const current = into.attributes[key];
    if (current === undefined) {
      into.attributes[key] = value;
      origin.set(`${into.id}\u0000attributes.${key}`, source);
    } else if (current !== value) {
      disagree(`attributes.${key}`, key, current, value);
    }
  }
  if (from.provenance !== undefined) {
    into.provenance = [...(into.provenance ?? []), ...from.provenance];
  }
}

// Status and owner decide whether access is revoked and who answers for a
// machine, so a disagreement on them matters; names and addresses vary in
// harmless ways (`Alice Smith`, `Smith, Alice`) and are not reported.
function disagrees(field: string, current: string, value: string): boolean {
  if (field === 'owner') return current !== value;
  if (field === 'status') {
    return current.trim().toLowerCase() !== value.trim().toLowerCase();
  }
  return false;
}

function mergeEntitlement(
  into: Entitlement,
  from: Entitlement,
  source: string,
  origin: Map<string, string>,
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
          source:
            origin.get(`${into.id}\u0000risk`) ?? origin.get(into.id) ?? '',
          value: into.risk,
        },
        { source, value: from.risk },
      ],
      resolution: `kept the higher risk, ${higher}`,
    });
    if (higher !== into.risk) origin.set(`${into.id}\u0000risk`, source);
    into.risk = higher;
  }
  if (into.risk === undefined && from.risk !== undefined) {
    into.risk = from.risk;
    origin.set(`${into.id}\u0000risk`, source);
  }
  into.name ??= from.name;
  into.description ??= from.description;
  into.owner ??= from.owner;
  if (from.provenance !== undefined) {
    into.provenance = [...(into.provenance ?? []), ...from.provenance];
  }
}
