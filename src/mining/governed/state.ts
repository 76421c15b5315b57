import type { AccessIndex } from './access-index.ts';
import { findPair } from './access-index.ts';
import type { GovernedConfig } from './options.ts';
import { ELIGIBLE } from './screening.ts';
import type { SodModel } from './sod.ts';

export type RoleOrigin = 'baseline' | 'attribute' | 'peers' | 'concept';

/** What a role was mined from, for its id and its evidence. */
export interface RoleGroup {
  /** Human-readable, e.g. `Finance / Accounts Payable Clerk`. */
  label: string;
  attributes: string[];
  values: string[];
  /** Identities in the group the role was built for. */
  size: number;
}

/** A role in index space, before ids and stats are attached. */
export interface MinedRole {
  audience: number;
  origin: RoleOrigin;
  /** Sorted identity indices. */
  members: number[];
  /** Sorted entitlement indices. */
  entitlements: number[];
  /** Proposed id before uniqueness, '' to name it by content. */
  name: string;
  group?: RoleGroup;
}

/** Everything the mining steps share and update. */
export interface MiningState {
  index: AccessIndex;
  config: GovernedConfig;
  /** Screening state per pair; only ELIGIBLE pairs may join roles. */
  status: Uint8Array;
  /** 1 when some role explains the pair. */
  covered: Uint8Array;
  /** Risk index + 1 when the pair was refused from a role for SoD. */
  sodDropped: Int32Array;
  sod: SodModel;
  roles: MinedRole[];
  /** Scratch counters over entitlements; always left zeroed. */
  counts: Int32Array;
}

export function isHeld(state: MiningState, i: number, e: number): boolean {
  const p = findPair(state.index, i, e);
  return p >= 0 && state.status[p] === ELIGIBLE;
}

/**
 * Counts, per entitlement, the group members whose pair is eligible and
 * not yet explained by a role. Returns the entitlements seen with their
 * counts; the scratch array is reset before returning.
 */
export function countResidual(
  state: MiningState,
  group: readonly number[],
): { entitlement: number; count: number }[] {
  const { index, status, covered, counts } = state;
  const touched: number[] = [];
  for (const i of group) {
    const end = index.rowStart[i + 1] ?? 0;
    for (let p = index.rowStart[i] ?? 0; p < end; p++) {
      if (status[p] !== ELIGIBLE || covered[p] === 1) continue;
      const e = index.pairEntitlement[p] ?? 0;
      if (counts[e] === 0) touched.push(e);
      counts[e] = (counts[e] ?? 0) + 1;
    }
  }
  const out = touched.map((e) => ({ entitlement: e, count: counts[e] ?? 0 }));
  for (const e of touched) counts[e] = 0;
  return out;
}

/** Records a role and marks the pairs it explains. */
export function addRole(state: MiningState, role: MinedRole): void {
  for (const i of role.members) {
    for (const e of role.entitlements) {
      const p = findPair(state.index, i, e);
      if (p < 0 || state.status[p] !== ELIGIBLE) {
        throw new Error(
          `internal: role ${role.name} would grant ` +
            `${state.index.entitlements[e]} to ${state.index.identities[i]}`,
        );
      }
      state.covered[p] = 1;
    }
  }
  state.roles.push(role);
}
