import { compilePatterns, isGlob } from '../../checks/patterns.ts';
import type { AccessIndex } from './access-index.ts';
import type { GovernedRisk } from './options.ts';

/** An identity whose current access holds every function of a risk. */
export interface SodViolation {
  identity: string;
  risk: string;
  /** The held entitlements that match the risk's functions, sorted. */
  entitlements: string[];
}

/**
 * Risks compiled against the assigned entitlements: for each entitlement,
 * the (risk, function) slots it fills, packed as risk * 32 + function.
 */
export interface SodModel {
  risks: GovernedRisk[];
  slots: (number[] | undefined)[];
  /** Bit mask with one bit per function of each risk. */
  full: number[];
}

const MAX_FUNCTIONS = 31;

export function compileSod(
  risks: readonly GovernedRisk[],
  entitlements: readonly string[],
): SodModel {
  const slots: (number[] | undefined)[] = entitlements.map(() => undefined);
  const kept = risks.filter((risk) => risk.functions.length > 0);
  const byId = new Map(entitlements.map((id, e) => [id, e]));
  const full = kept.map((risk, r) => {
    if (risk.functions.length > MAX_FUNCTIONS) {
      throw new RangeError(
        `risk ${risk.id} has ${risk.functions.length} functions; at most ${MAX_FUNCTIONS} are supported`,
      );
    }
    risk.functions.forEach((patterns, f) => {
      for (const e of matching(patterns, entitlements, byId)) {
        const list = slots[e] ?? [];
        if (!list.includes(r * 32 + f)) list.push(r * 32 + f);
        slots[e] = list;
      }
    });
    return 2 ** risk.functions.length - 1;
  });
  return { risks: kept, slots, full };
}

/** Exact ids go through the id map; only globs scan every entitlement. */
function matching(
  patterns: readonly string[],
  entitlements: readonly string[],
  byId: ReadonlyMap<string, number>,
): number[] {
  const found: number[] = [];
  const globs = patterns.filter(isGlob);
  for (const pattern of patterns) {
    const e = isGlob(pattern) ? undefined : byId.get(pattern);
    if (e !== undefined) found.push(e);
  }
  if (globs.length > 0) {
    const matches = compilePatterns(globs);
    entitlements.forEach((id, e) => {
      if (matches(id)) found.push(e);
    });
  }
  return found;
}

/** Entitlements that fill a single-function (critical) risk on their own. */
export function criticalEntitlements(model: SodModel): Set<number> {
  const critical = new Set<number>();
  model.slots.forEach((list, e) => {
    if (list?.some((slot) => model.full[slot >>> 5] === 1) === true) {
      critical.add(e);
    }
  });
  return critical;
}

/**
 * Tracks the functions one candidate role covers, so the entitlement that
 * would complete a toxic combination can be refused as it is offered.
 */
export class SodTracker {
  private readonly masks = new Map<number, number>();

  constructor(private readonly model: SodModel) {}

  /** The risk `e` would complete if added, or -1. */
  completes(e: number): number {
    for (const slot of this.model.slots[e] ?? []) {
      const r = slot >>> 5;
      const mask = (this.masks.get(r) ?? 0) | (1 << (slot & 31));
      if (mask === this.model.full[r]) return r;
    }
    return -1;
  }

  add(e: number): void {
    for (const slot of this.model.slots[e] ?? []) {
      const r = slot >>> 5;
      this.masks.set(r, (this.masks.get(r) ?? 0) | (1 << (slot & 31)));
    }
  }
}

/** The risk a whole entitlement set completes, or -1: for checks and tests. */
export function findToxicRisk(
  model: SodModel,
  entitlements: Iterable<number>,
): number {
  const masks = new Map<number, number>();
  for (const e of entitlements) {
    for (const slot of model.slots[e] ?? []) {
      const r = slot >>> 5;
      const mask = (masks.get(r) ?? 0) | (1 << (slot & 31));
      if (mask === model.full[r]) return r;
      masks.set(r, mask);
    }
  }
  return -1;
}

/** Identities whose input access, whatever its state, violates a risk. */
export function findSodViolations(
  model: SodModel,
  index: AccessIndex,
): SodViolation[] {
  const violations: SodViolation[] = [];
  if (model.risks.length === 0) return violations;
  const n = index.identities.length;
  for (let i = 0; i < n; i++) {
    const masks = new Map<number, number>();
    const matched = new Map<number, number[]>();
    const end = index.rowStart[i + 1] ?? 0;
    for (let p = index.rowStart[i] ?? 0; p < end; p++) {
      const e = index.pairEntitlement[p] ?? 0;
      for (const slot of model.slots[e] ?? []) {
        const r = slot >>> 5;
        masks.set(r, (masks.get(r) ?? 0) | (1 << (slot & 31)));
        const list = matched.get(r) ?? [];
        if (list[list.length - 1] !== e) list.push(e);
        matched.set(r, list);
      }
    }
    const hit = [...masks].filter(([r, mask]) => mask === model.full[r]);
    for (const [r] of hit) {
      violations.push({
        identity: index.identities[i] ?? '',
        risk: model.risks[r]?.id ?? '',
        entitlements: (matched.get(r) ?? []).map(
          (e) => index.entitlements[e] ?? '',
        ),
      });
    }
  }
  return violations.sort(
    (a, b) => compare(a.identity, b.identity) || compare(a.risk, b.risk),
  );
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
