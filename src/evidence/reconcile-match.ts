// One-to-one matching of candidates to existing roles: by id first, then
// greedily by entitlement Jaccard, found through a prefix index so that
// only pairs sharing an entitlement are ever compared.
import type { Item } from './reconcile-sets.ts';
import { intersectionSize, jaccard, prefixIndex } from './reconcile-sets.ts';

/** A pair that cleared the threshold but whose other side went elsewhere. */
export interface LostPair {
  /** The item on the other side (a role for a candidate, and back). */
  other: number;
  similarity: number;
}

/** A role holding at least the suggestion share of a candidate's tokens. */
export interface Inside {
  role: number;
  shared: number;
}

export interface Matching {
  /** Matched candidate per role, -1 when none. */
  candidateOf: Int32Array;
  /** Matched role per candidate, -1 when none. */
  roleOf: Int32Array;
  /** Entitlement Jaccard of each role's match (by role index). */
  similarity: Float64Array;
  /** Whether each role was matched by id (by role index). */
  byId: Uint8Array;
  /** The best pair each candidate lost to a closer match. */
  candidateLost: (LostPair | undefined)[];
  /** The best pair each role lost to a closer match. */
  roleLost: (LostPair | undefined)[];
  /** Per candidate: roles mostly inside it, for merge suggestions. */
  inside: Inside[][];
}

interface Pair {
  role: number;
  candidate: number;
  similarity: number;
  overlap: number;
}

/**
 * Matches candidates to roles of the same audience. Both lists are sorted
 * by id, so comparing indices breaks ties by id.
 */
export function matchItems(
  roles: readonly Item[],
  candidates: readonly Item[],
  tokenCount: number,
  thresholds: { match: number; suggest: number },
): Matching {
  const candidateOf = new Int32Array(roles.length).fill(-1);
  const roleOf = new Int32Array(candidates.length).fill(-1);
  const similarity = new Float64Array(roles.length);
  const byId = new Uint8Array(roles.length);
  const link = (role: number, candidate: number, value: number) => {
    candidateOf[role] = candidate;
    roleOf[candidate] = role;
    similarity[role] = value;
  };

  const roleAt = new Map(roles.map((role, at) => [role.id, at]));
  candidates.forEach((candidate, at) => {
    const r = roleAt.get(candidate.id);
    const role = r === undefined ? undefined : roles[r];
    if (r === undefined || role?.audience !== candidate.audience) return;
    const shared = intersectionSize(role.tokens, candidate.tokens);
    link(r, at, jaccard(shared, role.tokens.length, candidate.tokens.length));
    byId[r] = 1;
  });

  // Jaccard ≥ t implies containment ≥ t, so one index serves both needs.
  const index = prefixIndex(
    roles,
    Math.min(thresholds.match, thresholds.suggest),
    tokenCount,
  );
  const pairs: Pair[] = [];
  const inside: Inside[][] = candidates.map(() => []);
  candidates.forEach((candidate, c) => {
    index.probe(candidate.tokens, (r) => {
      const role = roles[r];
      if (role?.audience !== candidate.audience) return;
      const shared = intersectionSize(role.tokens, candidate.tokens);
      if (shared / role.tokens.length >= thresholds.suggest) {
        inside[c]?.push({ role: r, shared });
      }
      // Pairs already taken by id stay in, so that the other side of
      // such a pair can say which match it lost to.
      const value = jaccard(
        shared,
        role.tokens.length,
        candidate.tokens.length,
      );
      if (value < thresholds.match) return;
      const overlap = intersectionSize(role.members, candidate.members);
      pairs.push({ role: r, candidate: c, similarity: value, overlap });
    });
  });

  pairs.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      b.overlap - a.overlap ||
      a.role - b.role ||
      a.candidate - b.candidate,
  );
  const candidateLost: (LostPair | undefined)[] = candidates.map(
    () => undefined,
  );
  const roleLost: (LostPair | undefined)[] = roles.map(() => undefined);
  for (const pair of pairs) {
    const roleFree = candidateOf[pair.role] === -1;
    const candidateFree = roleOf[pair.candidate] === -1;
    if (roleFree && candidateFree) {
      link(pair.role, pair.candidate, pair.similarity);
      continue;
    }
    // Pairs come best first, so the first loss recorded is the best one.
    const { role, candidate, similarity: value } = pair;
    if (candidateFree)
      candidateLost[candidate] ??= { other: role, similarity: value };
    if (roleFree) roleLost[role] ??= { other: candidate, similarity: value };
  }
  return {
    candidateOf,
    roleOf,
    similarity,
    byId,
    candidateLost,
    roleLost,
    inside,
  };
}
