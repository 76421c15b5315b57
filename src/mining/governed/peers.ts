import { kmeans } from 'ml-kmeans';
import { quorum } from './core-role.ts';
import type { MiningState } from './state.ts';
import { countResidual, isHeld } from './state.ts';

export interface PeerSplit {
  k: number;
  /** Mean simplified silhouette of the chosen k. */
  silhouette: number;
  /** Every k tried with its silhouette, for evidence. */
  tried: { k: number; silhouette: number }[];
  /** Sorted identity indices per cluster, clusters ordered by first member. */
  clusters: number[][];
}

/**
 * Splits a group into peer groups with k-means on the entitlements its
 * roles leave unexplained. k runs from 2 to maxK and the one with the
 * highest mean simplified silhouette wins (distance to the own centroid
 * against the nearest other one: O(n·k), unlike the full silhouette); a
 * split is kept only when that silhouette reaches minSilhouette, so a
 * group without structure stays whole. Returns the tried ks even when no
 * split is kept.
 */
export function splitPeerGroup(
  state: MiningState,
  group: readonly number[],
): PeerSplit | { tried: PeerSplit['tried'] } | undefined {
  const { maxK, maxSample, maxDimensions, minSilhouette, seed } =
    state.config.peers;
  const { minMembers } = state.config;
  if (group.length < 2 * minMembers) return undefined;

  // Dimensions: unexplained access that enough of the group shares to
  // form a peer group of its own.
  const need = quorum(state, group.length, 0.1);
  const dims = countResidual(state, group)
    .filter((c) => c.count >= need)
    .sort((a, b) => b.count - a.count || a.entitlement - b.entitlement)
    .slice(0, maxDimensions)
    .map((c) => c.entitlement);
  if (dims.length === 0) return undefined;

  const sample = evenSample(group, maxSample);
  const data = sample.map((i) =>
    dims.map((e) => (isHeld(state, i, e) ? 1 : 0)),
  );
  const distinct = new Set(data.map((row) => row.join(''))).size;
  const top = Math.min(maxK, distinct, Math.floor(group.length / minMembers));
  const tried: PeerSplit['tried'] = [];
  let best:
    { k: number; silhouette: number; centroids: number[][] } | undefined;
  for (let k = 2; k <= top; k++) {
    const result = kmeans(data, k, { seed, initialization: 'kmeans++' });
    const silhouette = simplifiedSilhouette(
      data,
      result.clusters,
      result.centroids,
    );
    tried.push({ k, silhouette: round3(silhouette) });
    if (best === undefined || silhouette > best.silhouette + 1e-12) {
      best = { k, silhouette, centroids: result.centroids };
    }
  }
  if (best === undefined || best.silhouette < minSilhouette) return { tried };

  const clusters: number[][] = best.centroids.map(() => []);
  for (const i of group) {
    const vector = dims.map((e) => (isHeld(state, i, e) ? 1 : 0));
    clusters[nearest(vector, best.centroids)]?.push(i);
  }
  const kept = clusters
    .filter((c) => c.length > 0)
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  return {
    k: best.k,
    silhouette: round3(best.silhouette),
    tried,
    clusters: kept,
  };
}

export function simplifiedSilhouette(
  data: readonly number[][],
  clusters: readonly number[],
  centroids: readonly number[][],
): number {
  if (data.length === 0) return 0;
  let total = 0;
  data.forEach((point, n) => {
    const own = clusters[n] ?? 0;
    let a = 0;
    let b = Infinity;
    centroids.forEach((centroid, c) => {
      const d = Math.sqrt(squaredDistance(point, centroid));
      if (c === own) a = d;
      else b = Math.min(b, d);
    });
    const scale = Math.max(a, b);
    total += scale === 0 || !Number.isFinite(b) ? 0 : (b - a) / scale;
  });
  return total / data.length;
}

function nearest(
  vector: readonly number[],
  centroids: readonly number[][],
): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((centroid, c) => {
    const d = squaredDistance(vector, centroid);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  });
  return best;
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) {
    const diff = (a[d] ?? 0) - (b[d] ?? 0);
    sum += diff * diff;
  }
  return sum;
}

/** Up to `size` members spread evenly over the sorted group: seeded by position. */
function evenSample(group: readonly number[], size: number): number[] {
  if (group.length <= size) return [...group];
  const out: number[] = [];
  for (let j = 0; j < size; j++) {
    out.push(group[Math.floor((j * group.length) / size)] ?? 0);
  }
  return out;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
