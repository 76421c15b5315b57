import type { AccessIndex } from './access-index.ts';
import { compare } from './sod.ts';

export interface AttributeGroup {
  attributes: string[];
  values: string[];
  /** Sorted identity indices. */
  members: number[];
}

/** The attribute value of identity i, or undefined when absent or blank. */
export function attributeOf(
  index: AccessIndex,
  i: number,
  attribute: string,
): string | undefined {
  const value = index.records[i]?.attributes[attribute];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Partitions the given identities by their values of `attributes`;
 * identities lacking any of them belong to no group of this level.
 * Groups come out sorted by their values.
 */
export function groupByAttributes(
  index: AccessIndex,
  identities: readonly number[],
  attributes: readonly string[],
): AttributeGroup[] {
  const groups = new Map<string, AttributeGroup>();
  for (const i of identities) {
    const values: string[] = [];
    for (const attribute of attributes) {
      const value = attributeOf(index, i, attribute);
      if (value === undefined) break;
      values.push(value);
    }
    if (values.length < attributes.length) continue;
    const key = values.join('\u0000');
    let group = groups.get(key);
    if (group === undefined) {
      group = { attributes: [...attributes], values, members: [] };
      groups.set(key, group);
    }
    group.members.push(i);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, group]) => group);
}

/**
 * Peer groups before clustering: identities with the same values of the
 * leading attributes they have (department and title by default), and
 * one group for those with none of them.
 */
export function peerBaseGroups(
  index: AccessIndex,
  identities: readonly number[],
  attributes: readonly string[],
): AttributeGroup[] {
  const groups = new Map<string, AttributeGroup>();
  for (const i of identities) {
    const values: string[] = [];
    const used: string[] = [];
    for (const attribute of attributes) {
      const value = attributeOf(index, i, attribute);
      if (value === undefined) break;
      values.push(value);
      used.push(attribute);
    }
    const key = used.map((a, k) => `${a}=${values[k] ?? ''}`).join('\u0000');
    let group = groups.get(key);
    if (group === undefined) {
      group = { attributes: used, values, members: [] };
      groups.set(key, group);
    }
    group.members.push(i);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, group]) => group);
}

export function groupLabel(group: Pick<AttributeGroup, 'values'>): string {
  return group.values.length === 0
    ? '(no attributes)'
    : group.values.join(' / ');
}
