import type { PeerGroupEvidence } from '../types.ts';
import { MACHINE } from './access-index.ts';
import { mineConcepts } from './concepts.ts';
import { buildGroupRole } from './core-role.ts';
import {
  attributeOf,
  groupByAttributes,
  groupLabel,
  peerBaseGroups,
} from './groups.ts';
import { contentHash, groupRoleName } from './naming.ts';
import type { PeerGroup } from './outliers.ts';
import { splitPeerGroup } from './peers.ts';
import type { MiningState, RoleGroup, RoleOrigin } from './state.ts';
import { addRole, countResidual, isHeld } from './state.ts';

/** How one peer group was (or was not) split, for the evidence. */
export type PeerEvidence = PeerGroupEvidence;

export interface AudienceOutcome {
  peerGroups: PeerGroup[];
  peerEvidence: PeerEvidence[];
}

/**
 * Mines one audience, coarse to fine, each step on what the previous
 * ones left unexplained: the audience baseline, each attribute level,
 * k-means peer groups inside the finest attribute groups, and finally
 * cross-group concepts.
 */
export function mineAudience(
  state: MiningState,
  members: readonly number[],
  audience: number,
): AudienceOutcome {
  const { index, config } = state;
  const side = audience === MACHINE ? 'machine' : 'human';
  const prefix = audience === MACHINE ? 'machine-' : '';
  const primary = config.attributes[0];
  // Identities without any attribute cannot be placed by attribute, but
  // they join an attribute role whose every entitlement they hold.
  const unattributed = members.filter((i) =>
    config.attributes.every((a) => attributeOf(index, i, a) === undefined),
  );
  const propose = (
    group: number[],
    origin: RoleOrigin,
    name: (entitlements: number[]) => string,
    info: RoleGroup,
    specific?: Int32Array,
    allowed?: ReadonlySet<number>,
  ): void => {
    const core = buildGroupRole(state, group, specific, allowed);
    if (core === undefined) return;
    if (origin === 'attribute') {
      const extra = unattributed.filter((i) =>
        core.entitlements.every((e) => isHeld(state, i, e)),
      );
      core.members = [...core.members, ...extra].sort((a, b) => a - b);
    }
    addRole(state, {
      audience,
      origin,
      ...core,
      name: name(core.entitlements),
      group: info,
    });
  };

  const everyone = [...members];
  propose(
    everyone,
    'baseline',
    () => `${side}-baseline`,
    {
      label: `every ${side} identity`,
      attributes: [],
      values: [],
      size: everyone.length,
    },
    undefined,
    primary === undefined
      ? undefined
      : sharedAcrossGroups(state, everyone, primary),
  );
  for (const level of config.levels) {
    for (const group of groupByAttributes(index, members, level)) {
      // Values that slug to nothing (non-Latin scripts) fall back to a hash.
      const slug = groupRoleName(level, group.values, primary);
      const name = slug === '' ? '' : prefix + slug;
      propose(group.members, 'attribute', () => name, {
        label: groupLabel(group),
        attributes: group.attributes,
        values: group.values,
        size: group.members.length,
      });
    }
  }

  // Unexplained holders across the audience, so peer roles keep to
  // access that is their group's own.
  const specific = new Int32Array(index.entitlements.length);
  for (const c of countResidual(state, members)) {
    specific[c.entitlement] = c.count;
  }
  const peerGroups: PeerGroup[] = [];
  const peerEvidence: PeerEvidence[] = [];
  const peerAttributes = config.attributes.slice(0, 2);
  for (const base of peerBaseGroups(index, members, peerAttributes)) {
    const label = `${side}: ${groupLabel(base)}`;
    const split = splitPeerGroup(state, base.members);
    if (split === undefined || !('clusters' in split)) {
      peerGroups.push({ label, members: base.members });
      if (split !== undefined) {
        const top = split.tried.reduce((m, t) => Math.max(m, t.silhouette), -1);
        peerEvidence.push(
          evidence(
            label,
            base.members.length,
            1,
            split.tried.length > 0 ? top : null,
            split.tried,
          ),
        );
      }
      continue;
    }
    peerEvidence.push(
      evidence(
        label,
        base.members.length,
        split.k,
        split.silhouette,
        split.tried,
      ),
    );
    const baseSlug = groupRoleName(base.attributes, base.values, primary);
    const stem = `${prefix}${baseSlug === '' ? '' : `${baseSlug}-`}peers`;
    split.clusters.forEach((cluster, n) => {
      const peerLabel = `${label} (peer group ${n + 1} of ${split.clusters.length})`;
      peerGroups.push({ label: peerLabel, members: cluster });
      propose(
        cluster,
        'peers',
        (entitlements) => {
          const names = entitlements.map((e) => index.entitlements[e] ?? '');
          return `${stem}-${contentHash(names.join('\n')).slice(0, 4)}`;
        },
        {
          label: peerLabel,
          attributes: base.attributes,
          values: base.values,
          size: cluster.length,
        },
        specific,
      );
    });
  }

  mineConcepts(state, members, audience);
  return { peerGroups, peerEvidence };
}

function evidence(
  group: string,
  members: number,
  k: number,
  silhouette: number | null,
  tried: PeerEvidence['tried'],
): PeerEvidence {
  return { group, members, k, silhouette, tried };
}

/**
 * Entitlements a baseline may hold: those held by at least `minSupport` of
 * the audience outside the primary-attribute group that holds them most.
 * Access that one large department holds is that department's role, not
 * everyone's, even when the department is most of the audience. Without
 * any primary attribute in the data there is nothing to tell them apart.
 */
function sharedAcrossGroups(
  state: MiningState,
  everyone: readonly number[],
  primary: string,
): ReadonlySet<number> | undefined {
  const groups = groupByAttributes(state.index, everyone, [primary]);
  if (groups.length === 0) return undefined;
  const total = new Map<number, number>();
  const top = new Map<number, { count: number; size: number }>();
  for (const group of groups) {
    for (const { entitlement, count } of countResidual(state, group.members)) {
      total.set(entitlement, (total.get(entitlement) ?? 0) + count);
      const best = top.get(entitlement);
      if (best === undefined || count > best.count) {
        top.set(entitlement, { count, size: group.members.length });
      }
    }
  }
  // Holders without the attribute count as outside every group.
  for (const { entitlement, count } of countResidual(
    state,
    everyone.filter((i) => attributeOf(state.index, i, primary) === undefined),
  )) {
    total.set(entitlement, (total.get(entitlement) ?? 0) + count);
  }
  const allowed = new Set<number>();
  for (const [e, count] of total) {
    const best = top.get(e) ?? { count: 0, size: 0 };
    const outside = everyone.length - best.size;
    if (
      outside > 0 &&
      count - best.count >= state.config.minSupport * outside
    ) {
      allowed.add(e);
    }
  }
  return allowed;
}
