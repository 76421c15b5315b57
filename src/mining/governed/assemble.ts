import type {
  CandidateOrigin,
  CandidateRole,
  JustInTimeCandidate,
} from '../types.ts';
import { MACHINE } from './access-index.ts';
import { contentHash, uniqueIds } from './naming.ts';
import { ELIGIBLE, VOLATILE } from './screening.ts';
import { compare } from './sod.ts';
import type { MinedRole, MiningState } from './state.ts';
import { roleStats } from './stats.ts';

/**
 * Turns mined roles into the output contract: ids proposed from their
 * groups (or `role-<8 hex>` of the sorted entitlements), made unique in
 * a fixed order, stats attached, sorted by id.
 */
export function assembleRoles(state: MiningState): CandidateRole[] {
  const { index } = state;
  const eligible = new Int32Array(index.identities.length);
  const audienceSize = [0, 0];
  for (let i = 0; i < index.identities.length; i++) {
    const a = index.audience[i] ?? 0;
    audienceSize[a] = (audienceSize[a] ?? 0) + 1;
    const end = index.rowStart[i + 1] ?? 0;
    for (let p = index.rowStart[i] ?? 0; p < end; p++) {
      if (state.status[p] === ELIGIBLE) eligible[i] = (eligible[i] ?? 0) + 1;
    }
  }

  const drafts = state.roles.map((role) => {
    const entitlements = role.entitlements.map(
      (e) => index.entitlements[e] ?? '',
    );
    const key = entitlements.join('\n');
    const audience = role.audience === MACHINE ? 'machine' : 'human';
    const prefix = role.audience === MACHINE ? 'machine-' : '';
    const name =
      role.name !== ''
        ? role.name
        : `${prefix}role-${contentHash(`${audience}\n${key}`)}`;
    return { role, name, key, entitlements, audience } as const;
  });
  drafts.sort((a, b) => compare(a.name, b.name) || compare(a.key, b.key));
  const ids = uniqueIds(drafts.map((d) => d.name));
  const roles = drafts.map((draft, n): CandidateRole => ({
    id: ids[n] ?? draft.name,
    audience: draft.audience,
    identities: draft.role.members.map((i) => index.identities[i] ?? ''),
    entitlements: draft.entitlements,
    stats: roleStats(
      state,
      draft.role,
      audienceSize[draft.role.audience] ?? 0,
      eligible,
    ),
    origin: originOf(draft.role),
  }));
  return roles.sort((a, b) => compare(a.id, b.id));
}

function originOf(role: MinedRole): CandidateOrigin {
  const group = role.group;
  if (group === undefined) return { kind: role.origin };
  return {
    kind: role.origin,
    label: group.label,
    attributes: Object.fromEntries(
      group.attributes.map((a, k) => [a, group.values[k] ?? '']),
    ),
    groupSize: group.size,
  };
}

/** Volatile pairs grouped by entitlement, for just-in-time review. */
export function justInTimeCandidates(
  state: MiningState,
): JustInTimeCandidate[] {
  const { index } = state;
  const byEntitlement = new Map<number, string[]>();
  const pairs = index.pairEntitlement.length;
  for (let p = 0; p < pairs; p++) {
    if (state.status[p] !== VOLATILE) continue;
    const e = index.pairEntitlement[p] ?? 0;
    const list = byEntitlement.get(e) ?? [];
    list.push(index.identities[index.pairIdentity[p] ?? 0] ?? '');
    byEntitlement.set(e, list);
  }
  return [...byEntitlement]
    .sort(([a], [b]) => a - b)
    .map(([e, identities]) => ({
      entitlement: index.entitlements[e] ?? '',
      identities,
    }));
}
