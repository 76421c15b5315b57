import type { Identity } from '../model/index.ts';
import { audienceOf } from '../model/index.ts';
import type {
  Correlation,
  IdentityMapping,
  LabelledInventory,
  MergeConflict,
} from './merge.ts';

/** The canonical id of each `(source label, id)`, and the rule that gave it. */
export interface CanonicalIds {
  canonicalOf(source: string, id: string): string;
  ruleOf(source: string, id: string): Correlation['by'];
}

interface Holder {
  canonical: string;
  id: string;
  source: string;
  human: boolean;
  /** Labels that already joined this address: one identity each. */
  sources: Set<string>;
}

/**
 * Decides which identities are the same: an explicit mapping wins, then an
 * e-mail address shared with an identity of an earlier source. Addresses
 * only join across sources: two accounts of one source with the same
 * address are two accounts (`alice`, `alice-admin`), left for the quality
 * report's duplicate check rather than silently folded together.
 */
export function correlateIdentities(
  parts: LabelledInventory[],
  mappings: IdentityMapping[],
  conflicts: MergeConflict[],
): CanonicalIds {
  const mapped = new Map<string, string>();
  for (const mapping of mappings) {
    mapped.set(`${mapping.source ?? ''}\u0000${mapping.id}`, mapping.canonical);
  }
  const mappedOf = (source: string, id: string) =>
    mapped.get(`${source}\u0000${id}`) ?? mapped.get(`\u0000${id}`);

  // Keyed by audience and address, so people and machines never join.
  const holders = new Map<string, Holder>();
  const emailed = new Map<string, string>();
  for (const { label, inventory } of parts) {
    for (const identity of inventory.identities) {
      const email = identity.email?.trim().toLowerCase() ?? '';
      if (email === '') continue;
      const human = audienceOf(identity.kind) === 'human';
      const other = holders.get(`${!human}\u0000${email}`);
      if (other !== undefined && other.source !== label) {
        conflicts.push(kindClash(other, identity, label, human));
      }
      const explicit = mappedOf(label, identity.id);
      const key = `${human}\u0000${email}`;
      const first = holders.get(key);
      if (first === undefined) {
        holders.set(key, {
          canonical: explicit ?? identity.id,
          id: identity.id,
          source: label,
          human,
          sources: new Set([label]),
        });
      } else if (!first.sources.has(label)) {
        first.sources.add(label);
        if (explicit === undefined && first.canonical !== identity.id) {
          emailed.set(`${label}\u0000${identity.id}`, first.canonical);
        }
      }
    }
  }

  return {
    canonicalOf: (source, id) =>
      mappedOf(source, id) ?? emailed.get(`${source}\u0000${id}`) ?? id,
    ruleOf: (source, id) =>
      mappedOf(source, id) !== undefined
        ? 'mapping'
        : emailed.has(`${source}\u0000${id}`)
          ? 'email'
          : 'id',
  };
}

function kindClash(
  other: Holder,
  identity: Identity,
  label: string,
  human: boolean,
): MergeConflict {
  const side = (isHuman: boolean) => (isHuman ? 'human' : 'machine');
  return {
    kind: 'identity-kind',
    id: identity.id,
    field: 'email',
    values: [
      { source: other.source, value: `${other.id} (${side(other.human)})` },
      { source: label, value: `${identity.id} (${side(human)})` },
    ],
    resolution: 'kept apart: a person and a machine share this e-mail address',
  };
}
