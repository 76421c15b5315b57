import type { AccessOutlier } from '../types.ts';
import { findPair } from './access-index.ts';
import { VOLATILE } from './screening.ts';
import { compare } from './sod.ts';
import type { MiningState } from './state.ts';
import { round3 } from './stats.ts';

export interface PeerGroup {
  label: string;
  /** Sorted identity indices. */
  members: number[];
}

/**
 * Identities whose access departs from their peer group. The group's
 * profile is what at least half of it holds; the score is the Jaccard
 * distance between that profile and the identity's access, counting of
 * its access beyond the profile only what is unusual: rare among its
 * peers and explained by no role. Access a role explains (a project
 * role, say) is not a departure, and volatile access is a just-in-time
 * candidate instead; stale leftovers from a job move do count, as they
 * are exactly what a reviewer wants to see here.
 */
export function findOutliers(
  state: MiningState,
  groups: readonly PeerGroup[],
): AccessOutlier[] {
  const { index, counts, config } = state;
  const { rareShare, commonShare, minScore } = config.outliers;
  const outliers: AccessOutlier[] = [];
  for (const group of groups) {
    const peers = group.members.length - 1;
    if (peers < config.minMembers) continue;
    const touched: number[] = [];
    for (const i of group.members) {
      const end = index.rowStart[i + 1] ?? 0;
      for (let p = index.rowStart[i] ?? 0; p < end; p++) {
        const e = index.pairEntitlement[p] ?? 0;
        if (counts[e] === 0) touched.push(e);
        counts[e] = (counts[e] ?? 0) + 1;
      }
    }
    const typical = new Set(
      touched.filter((e) => (counts[e] ?? 0) * 2 >= group.members.length),
    );
    const common = touched
      .filter((e) => (counts[e] ?? 0) >= commonShare * peers)
      .sort((a, b) => a - b);

    for (const i of group.members) {
      const unusual: number[] = [];
      let shared = 0;
      const start = index.rowStart[i] ?? 0;
      const end = index.rowStart[i + 1] ?? 0;
      for (let p = start; p < end; p++) {
        const e = index.pairEntitlement[p] ?? 0;
        if (typical.has(e)) shared++;
        else if (
          state.status[p] !== VOLATILE &&
          state.covered[p] === 0 &&
          (counts[e] ?? 0) - 1 < rareShare * peers
        ) {
          unusual.push(e);
        }
      }
      const missing = common.filter((e) => findPair(index, i, e) < 0);
      const union = typical.size + unusual.length;
      const score = union === 0 ? 0 : 1 - shared / union;
      if (score < minScore || unusual.length + missing.length === 0) continue;
      outliers.push({
        identity: index.identities[i] ?? '',
        peerGroup: group.label,
        unusual: unusual.map((e) => index.entitlements[e] ?? ''),
        missing: missing.map((e) => index.entitlements[e] ?? ''),
        score: round3(score),
      });
    }
    for (const e of touched) counts[e] = 0;
  }
  return outliers.sort(
    (a, b) => b.score - a.score || compare(a.identity, b.identity),
  );
}
