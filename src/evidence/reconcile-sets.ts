// Dense set arithmetic for reconciliation. Entitlements become ranks
// (rarest first) and members become member-index slots, so that every
// comparison is a merge of two sorted integer arrays.
import type { Audience } from '../model/index.ts';

/** An existing role or a candidate, reduced to numbers. */
export interface Item {
  id: string;
  audience: Audience;
  /** Entitlement ranks, ascending, each once. */
  tokens: Int32Array;
  /** Member slots, ascending, each once. */
  members: Int32Array;
}

/** Entitlements ordered rarest first; `names[rank]` is the id. */
export interface Vocabulary {
  names: readonly string[];
  /** Each input list as ascending ranks, each once, in input order. */
  tokens: Int32Array[];
}

/**
 * Ranks entitlements by how many lists hold them, rarest first (then by
 * id), and turns every list into ranks in the same pass. Prefix filtering
 * only indexes the first tokens of each set, so putting rare entitlements
 * first keeps posting lists short; the order never changes a result,
 * only how fast it is found.
 */
export function tokenize(lists: readonly (readonly string[])[]): Vocabulary {
  const seen = new Map<string, number>();
  const ids: string[] = [];
  const counts: number[] = [];
  const lastList: number[] = [];
  const interned = lists.map((names, list) => {
    const out = new Int32Array(names.length);
    names.forEach((name, k) => {
      let at = seen.get(name);
      if (at === undefined) {
        at = ids.push(name) - 1;
        seen.set(name, at);
        counts.push(0);
        lastList.push(-1);
      }
      out[k] = at;
      // Counted once per list, however often a list repeats it.
      if (lastList[at] === list) return;
      lastList[at] = list;
      counts[at] = (counts[at] ?? 0) + 1;
    });
    return out;
  });
  const order = ids.map((_, at) => at);
  order.sort((a, b) => {
    const byCount = (counts[a] ?? 0) - (counts[b] ?? 0);
    if (byCount !== 0) return byCount;
    const x = ids[a] ?? '';
    const y = ids[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(ids.length);
  order.forEach((at, r) => (rank[at] = r));
  return {
    names: order.map((at) => ids[at] ?? ''),
    tokens: interned.map((list) =>
      sortedUnique(list.map((at) => rank[at] ?? 0)),
    ),
  };
}

/** Distinct numbers, ascending. */
export function sortedUnique(values: ArrayLike<number>): Int32Array {
  // Typed arrays sort numerically, unlike plain arrays.
  const sorted = Int32Array.from(values).sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] ?? 0;
    if (kept === 0 || sorted[kept - 1] !== value) sorted[kept++] = value;
  }
  return sorted.subarray(0, kept);
}

/** |a ∩ b| of two ascending arrays. */
export function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared;
}

/** Values of ascending `a` that ascending `b` lacks. */
export function difference(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] ?? 0) < x) j += 1;
    if (b[j] !== x) out.push(x);
  }
  return out;
}

/** Jaccard from an intersection size; two empty sets are the same set. */
export function jaccard(shared: number, a: number, b: number): number {
  const union = a + b - shared;
  return union === 0 ? 1 : shared / union;
}

/** The smallest intersection that gives `share` of a set of `size`. */
export function neededShare(size: number, share: number): number {
  // The small slack keeps float error (0.7 * 10 = 7.000000000000001) from
  // demanding one token too many, which would lose exact-threshold pairs.
  return Math.max(0, Math.ceil(share * size - 1e-9));
}

/** Items found by a shared entitlement; each item visited once per probe. */
export interface PrefixIndex {
  probe(tokens: Int32Array, visit: (item: number) => void): void;
}

/**
 * Indexes each item by the prefix of its tokens that any set holding at
 * least `share` of the item must meet: if an item keeps at most k tokens
 * outside a set, one of its first k + 1 tokens is inside it. Probing with
 * all of a set's tokens then finds every item it contains to that share
 * (and every item with Jaccard ≥ share, which implies it), while a common
 * entitlement sits late in the order and is rarely indexed.
 */
export function prefixIndex(
  items: readonly Item[],
  share: number,
  tokenCount: number,
): PrefixIndex {
  const postings: (number[] | undefined)[] = new Array<number[] | undefined>(
    tokenCount,
  ).fill(undefined);
  items.forEach((item, at) => {
    const size = item.tokens.length;
    const prefix = Math.min(size, size - neededShare(size, share) + 1);
    for (let k = 0; k < prefix; k++) {
      const token = item.tokens[k] ?? 0;
      (postings[token] ??= []).push(at);
    }
  });
  const seen = new Int32Array(items.length);
  let stamp = 0;
  return {
    probe(tokens, visit) {
      stamp += 1;
      for (const token of tokens) {
        for (const at of postings[token] ?? []) {
          if (seen[at] === stamp) continue;
          seen[at] = stamp;
          visit(at);
        }
      }
    },
  };
}
