import { attributeOf } from './groups.ts';
import { growCoreRole } from './core-role.ts';
import { ELIGIBLE } from './screening.ts';
import type { MiningState } from './state.ts';
import { addRole, countResidual } from './state.ts';

/**
 * Cross-group roles from what the attribute roles left unexplained: each
 * entitlement still held by enough identities seeds a concept, the
 * identities holding it unexplained form its extent, and the access most
 * of them share (and that is mostly theirs) forms its intent. Seeds go
 * least held first: specific access (a project's) forms its role before
 * popular access is offered, and popular access cannot join a specific
 * seed's intent because most of its holders lie outside the extent.
 */
export function mineConcepts(
  state: MiningState,
  audience: readonly number[],
  audienceCode: number,
): number {
  const { index, config } = state;
  const inAudience = new Uint8Array(index.identities.length);
  for (const i of audience) inAudience[i] = 1;

  // Unexplained holders per entitlement, kept current as roles are added.
  const residual = new Int32Array(index.entitlements.length);
  for (const c of countResidual(state, audience)) {
    residual[c.entitlement] = c.count;
  }
  const seeds = [...residual.keys()]
    .filter((e) => (residual[e] ?? 0) >= config.minMembers)
    .sort((a, b) => (residual[a] ?? 0) - (residual[b] ?? 0) || a - b);

  // Later passes pick up seeds whose extent an earlier concept split.
  let added = 0;
  for (let pass = 0; pass < 3; pass++) {
    const before = added;
    for (const seed of seeds) {
      if (mineSeed(state, seed, inAudience, residual, audienceCode)) added++;
    }
    if (added === before) break;
  }
  return added;
}

function mineSeed(
  state: MiningState,
  seed: number,
  inAudience: Uint8Array,
  residual: Int32Array,
  audience: number,
): boolean {
  const { index, status, covered, config } = state;
  if ((residual[seed] ?? 0) < config.minMembers) return false;
  const extent: number[] = [];
  const end = index.colStart[seed + 1] ?? 0;
  for (let q = index.colStart[seed] ?? 0; q < end; q++) {
    const p = index.colPairs[q] ?? 0;
    const i = index.pairIdentity[p] ?? 0;
    if (inAudience[i] === 1 && status[p] === ELIGIBLE && covered[p] === 0) {
      extent.push(i);
    }
  }
  if (extent.length < config.minMembers) return false;

  // Intent: access that enough of the extent shares and whose unexplained
  // holders mostly hold the seed too (so popular access does not tag along).
  const candidates = countResidual(state, extent)
    .filter(
      (c) =>
        c.entitlement !== seed &&
        c.count >= config.minMembers &&
        c.count >= config.minSupport * (residual[c.entitlement] ?? 0),
    )
    .sort((a, b) => b.count - a.count || a.entitlement - b.entitlement)
    .map((c) => c.entitlement);
  const offered = [seed, ...candidates];
  let core = growCoreRole(state, extent, offered, config.minMembers, true);
  if (core?.entitlements.length === 1 && !isUnattributed(state, core.members)) {
    core = growCoreRole(state, extent, offered, config.minMembers, true, 2);
  }
  if (core === undefined) return false;
  if (!core.entitlements.includes(seed)) return false;
  const weak =
    core.entitlements.length === 1
      ? !isUnattributed(state, core.members)
      : saving(core) < config.minMembers;
  if (weak) return false;

  const fresh = countFresh(state, core.members, core.entitlements);
  addRole(state, {
    audience,
    origin: 'concept',
    members: core.members,
    entitlements: core.entitlements,
    name: '',
  });
  for (const [e, count] of fresh) residual[e] = (residual[e] ?? 0) - count;
  return true;
}

/**
 * Direct assignments a role saves under WSC: its members × entitlements
 * minus what the role costs (itself, its members, its entitlements). A
 * cross-group role must save at least minMembers of them; smaller blocks
 * are a few identities sharing a little access, better reviewed as
 * exceptions than kept as a role.
 */
function saving(core: { members: number[]; entitlements: number[] }): number {
  const m = core.members.length;
  const e = core.entitlements.length;
  return m * e - (1 + m + e);
}

/**
 * A single entitlement that no attribute group explains is rare access,
 * not a role; only data without attributes (a pair file) has no better
 * way to group it.
 */
function isUnattributed(
  state: MiningState,
  members: readonly number[],
): boolean {
  return members.every((i) =>
    state.config.attributes.every(
      (attribute) => attributeOf(state.index, i, attribute) === undefined,
    ),
  );
}

/** Per entitlement, how many of the role's pairs are not yet explained. */
function countFresh(
  state: MiningState,
  members: readonly number[],
  entitlements: readonly number[],
): Map<number, number> {
  const fresh = new Map<number, number>();
  for (const c of countResidual(state, members)) {
    if (entitlements.includes(c.entitlement)) fresh.set(c.entitlement, c.count);
  }
  return fresh;
}
