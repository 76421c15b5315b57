// Whether the candidates make an unmatched role unnecessary: every grant
// of the role (one member holding one entitlement) must also be given by
// a candidate of the same audience that the member belongs to.
import type { Item } from './reconcile-sets.ts';

export interface Coverage {
  /** Member × entitlement grants of the role. */
  grants: number;
  /** Grants no candidate gives. */
  uncovered: number;
  /** The first uncovered grant by member id, then entitlement id. */
  example?: { member: string; entitlement: string };
  /** Candidates giving at least one of the role's grants, ascending. */
  candidates: number[];
}

export type CoverageOf = (role: Item) => Coverage;

/**
 * Prepares coverage checks against one candidate set. Each member costs
 * the entitlements of its own candidates, never a scan of all of them.
 */
export function coverageChecker(
  candidates: readonly Item[],
  slotCount: number,
  names: readonly string[],
  idOf: (slot: number) => string,
): CoverageOf {
  const bySlot: (number[] | undefined)[] = new Array<number[] | undefined>(
    slotCount,
  ).fill(undefined);
  candidates.forEach((candidate, at) => {
    for (const slot of candidate.members) (bySlot[slot] ??= []).push(at);
  });
  const position = new Int32Array(names.length).fill(-1);
  const given = new Int32Array(names.length);
  // Per role, the role-token positions each candidate gives, worked out
  // once: a role's members mostly share the same few candidates.
  const hitsOf: number[][] = candidates.map(() => []);
  const hitsFor = new Int32Array(candidates.length);
  let roleStamp = 0;
  let memberStamp = 0;

  return (role) => {
    roleStamp += 1;
    role.tokens.forEach((token, k) => (position[token] = k));
    const covering: number[] = [];
    const hits = (at: number, candidate: Item): readonly number[] => {
      if (hitsFor[at] === roleStamp) return hitsOf[at] ?? [];
      const found: number[] = [];
      if (candidate.audience === role.audience) {
        for (const token of candidate.tokens) {
          const k = position[token] ?? -1;
          if (k !== -1 && role.tokens[k] === token) found.push(k);
        }
      }
      if (found.length > 0) covering.push(at);
      hitsFor[at] = roleStamp;
      hitsOf[at] = found;
      return found;
    };
    let uncovered = 0;
    let example: Coverage['example'];
    const size = role.tokens.length;
    for (const slot of role.members) {
      const mine = bySlot[slot] ?? [];
      // Every candidate is looked at (so that `covering` does not depend
      // on member order); one giving the whole role settles the member.
      let whole = false;
      for (const at of mine) {
        const candidate = candidates[at];
        if (candidate !== undefined && hits(at, candidate).length === size) {
          whole = true;
        }
      }
      if (whole) continue;
      memberStamp += 1;
      for (const at of mine) {
        for (const k of hitsOf[at] ?? []) given[k] = memberStamp;
      }
      let name: string | undefined;
      for (let k = 0; k < size; k++) {
        if (given[k] === memberStamp) continue;
        uncovered += 1;
        const missing = names[role.tokens[k] ?? 0] ?? '';
        if (name === undefined || missing < name) name = missing;
      }
      if (name === undefined) continue;
      const member = idOf(slot);
      if (
        example === undefined ||
        member < example.member ||
        (member === example.member && name < example.entitlement)
      ) {
        example = { member, entitlement: name };
      }
    }
    return {
      grants: role.members.length * role.tokens.length,
      uncovered,
      ...(example !== undefined && { example }),
      candidates: covering.sort((a, b) => a - b),
    };
  };
}
