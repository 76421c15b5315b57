// Merge and split suggestions: several existing roles that together are
// nearly one candidate, or one existing role that is nearly the union of
// several candidates. Both grow a union greedily from parts that lie
// mostly inside the target, keeping a part only when it raises Jaccard.
import type { Matching } from './reconcile-match.ts';
import type { Item } from './reconcile-sets.ts';
import { intersectionSize, prefixIndex } from './reconcile-sets.ts';
import { counted, decimal, listed } from './reconcile-text.ts';

export interface Suggestion {
  kind: 'merge' | 'split';
  roles: string[];
  candidates: string[];
  similarity: number;
  reason: string;
}

interface Part {
  at: number;
  /** Tokens the part shares with the target. */
  shared: number;
}

interface Union {
  parts: Part[];
  shared: number;
  extra: number;
  similarity: number;
}

export interface SuggestInput {
  roles: readonly Item[];
  candidates: readonly Item[];
  matching: Matching;
  /** Per role index: matched, with a difference. */
  changed: Uint8Array;
  tokenCount: number;
  slotCount: number;
  threshold: number;
}

export function suggest(input: SuggestInput): Suggestion[] {
  const { roles, candidates, matching, changed, threshold } = input;
  const unite = uniter(input.tokenCount);
  const memberMarks = new Int32Array(input.slotCount);
  let memberStamp = 0;
  // Members of the target that belong to at least one chosen part.
  const reached = (target: Item, parts: readonly Item[]) => {
    memberStamp += 1;
    for (const part of parts) {
      for (const slot of part.members) memberMarks[slot] = memberStamp;
    }
    return target.members.filter((s) => memberMarks[s] === memberStamp).length;
  };
  const out: Suggestion[] = [];

  candidates.forEach((candidate, c) => {
    const seed = matching.roleOf[c] ?? -1;
    if (seed !== -1 && changed[seed] !== 1) return;
    const pool = (matching.inside[c] ?? []).filter(
      ({ role: r }) =>
        (matching.candidateOf[r] === -1 || r === seed) &&
        sharesMember(roles[r], candidate),
    );
    const parts = pool.map(({ role, shared }) => ({ at: role, shared }));
    const union = unite(candidate, roles, parts, seed);
    if (union === undefined || union.similarity < threshold) return;
    const chosen = union.parts.map((p) => roles[p.at]).filter(isItem);
    out.push({
      kind: 'merge',
      roles: chosen.map((r) => r.id).sort(),
      candidates: [candidate.id],
      similarity: union.similarity,
      reason: describe(union, chosen, candidate, reached(candidate, chosen), {
        parts: 'roles',
        target: `candidate ${candidate.id}`,
      }),
    });
  });

  const index = prefixIndex(candidates, threshold, input.tokenCount);
  roles.forEach((role, r) => {
    const seed = matching.candidateOf[r] ?? -1;
    if (seed !== -1 && changed[r] !== 1) return;
    const parts: Part[] = [];
    index.probe(role.tokens, (c) => {
      const candidate = candidates[c];
      if (candidate?.audience !== role.audience) return;
      if (matching.roleOf[c] !== -1 && c !== seed) return;
      const shared = intersectionSize(candidate.tokens, role.tokens);
      if (shared / candidate.tokens.length < threshold) return;
      if (sharesMember(candidate, role)) parts.push({ at: c, shared });
    });
    const union = unite(role, candidates, parts, seed);
    if (union === undefined || union.similarity < threshold) return;
    const chosen = union.parts.map((p) => candidates[p.at]).filter(isItem);
    out.push({
      kind: 'split',
      roles: [role.id],
      candidates: chosen.map((c) => c.id).sort(),
      similarity: union.similarity,
      reason: describe(union, chosen, role, reached(role, chosen), {
        parts: 'candidates',
        target: role.id,
      }),
    });
  });
  return out;
}

function isItem(item: Item | undefined): item is Item {
  return item !== undefined;
}

function sharesMember(a: Item | undefined, b: Item): boolean {
  return a !== undefined && intersectionSize(a.members, b.members) > 0;
}

/**
 * Returns a function growing a union of parts toward a target: the seed
 * first (when given, it must be among the parts), then parts by shared
 * tokens, most first. Undefined unless two or more parts were kept.
 */
function uniter(tokenCount: number) {
  const inTarget = new Int32Array(tokenCount);
  const inUnion = new Int32Array(tokenCount);
  let stamp = 0;
  return (
    target: Item,
    items: readonly Item[],
    parts: Part[],
    seed: number,
  ): Union | undefined => {
    const first = parts.find((p) => p.at === seed);
    if (parts.length < 2 || (seed !== -1 && first === undefined)) return;
    stamp += 1;
    for (const token of target.tokens) inTarget[token] = stamp;
    let shared = 0;
    let extra = 0;
    const kept: Part[] = [];
    const gain = (item: Item, take: boolean) => {
      let s = 0;
      let e = 0;
      for (const token of item.tokens) {
        if (inUnion[token] === stamp) continue;
        if (inTarget[token] === stamp) s += 1;
        else e += 1;
        if (take) inUnion[token] = stamp;
      }
      return { s, e };
    };
    const size = target.tokens.length;
    const order = parts
      .filter((p) => p !== first)
      .sort((a, b) => b.shared - a.shared || a.at - b.at);
    for (const part of first === undefined ? order : [first, ...order]) {
      const item = items[part.at];
      if (item === undefined) continue;
      const { s, e } = gain(item, false);
      const before = unionJaccard(shared, size + extra);
      const after = unionJaccard(shared + s, size + extra + e);
      if (part !== first && after <= before) continue;
      gain(item, true);
      shared += s;
      extra += e;
      kept.push(part);
    }
    if (kept.length < 2) return;
    const similarity = unionJaccard(shared, size + extra);
    return { parts: kept, shared, extra, similarity };
  };
}

/** Rounded down, so that "at least" stays true. */
function percent(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)}%`;
}

/** |U ∩ T| / |U ∪ T| given both; |U ∪ T| is |T| plus U's extra tokens. */
function unionJaccard(shared: number, unionSize: number): number {
  return unionSize === 0 ? 0 : shared / unionSize;
}

function describe(
  union: Union,
  chosen: readonly Item[],
  target: Item,
  reachedMembers: number,
  words: { parts: string; target: string },
): string {
  const ids = chosen.map((item) => item.id).sort();
  const inside = Math.min(
    ...union.parts.map((p, k) => p.shared / (chosen[k]?.tokens.length ?? 1)),
  );
  const size = target.tokens.length;
  const extra =
    union.extra === 0
      ? 'nothing else'
      : counted(union.extra, 'other entitlement');
  return (
    `${words.parts} ${listed(ids, ids.length)} together grant ` +
    `${union.shared} of the ${counted(size, 'entitlement')} of ` +
    `${words.target} and ${extra} (Jaccard ${decimal(union.similarity)}); ` +
    `each has at least ${percent(inside)} of its entitlements in ` +
    `${words.target}; ${reachedMembers} of the ` +
    `${counted(target.members.length, 'member')} of ${words.target} ` +
    `belong to at least one of them`
  );
}
