import { compilePatterns, isGlob } from '../../checks/patterns.ts';
import { isMachineKind, systemOf } from '../../model/index.ts';
import type { SodViolation } from '../types.ts';
import type { AccessIndex } from './access-index.ts';
import { HUMAN, MACHINE } from './access-index.ts';
import type { GovernedMitigation, GovernedRisk } from './options.ts';

/**
 * Risks compiled against the assigned entitlements: for each entitlement,
 * the (risk, function) slots it fills, packed as risk * 32 + function.
 */
export interface SodModel {
  risks: GovernedRisk[];
  slots: (number[] | undefined)[];
  /** Bit mask with one bit per function of each risk. */
  full: number[];
  /** Per risk, the audiences it applies to: bit 1 << HUMAN, 1 << MACHINE. */
  audiences: number[];
}

const BOTH = (1 << HUMAN) | (1 << MACHINE);

/** The audiences a risk's kind scope reaches; all when it has none. */
function audiencesOf(risk: GovernedRisk): number {
  const kinds = risk.kinds ?? [];
  if (kinds.length === 0) return BOTH;
  let mask = 0;
  for (const kind of kinds) {
    mask |= 1 << (isMachineKind(kind) ? MACHINE : HUMAN);
  }
  return mask;
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
        `risk ${risk.id} has ${risk.functions.length} functions; at most ` +
          `${MAX_FUNCTIONS} are supported`,
      );
    }
    const systems = new Set(risk.systems ?? []);
    risk.functions.forEach((patterns, f) => {
      for (const e of matching(patterns, entitlements, byId)) {
        // A system-scoped risk ignores entitlements of other systems.
        if (systems.size > 0 && !systems.has(systemOf(entitlements[e] ?? ''))) {
          continue;
        }
        const list = slots[e] ?? [];
        if (!list.includes(r * 32 + f)) list.push(r * 32 + f);
        slots[e] = list;
      }
    });
    return 2 ** risk.functions.length - 1;
  });
  return { risks: kept, slots, full, audiences: kept.map(audiencesOf) };
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

/**
 * Entitlements that fill a single-function (critical) risk on their own,
 * each with the audiences (bit mask) for which it is critical.
 */
export function criticalEntitlements(model: SodModel): Map<number, number> {
  const critical = new Map<number, number>();
  model.slots.forEach((list, e) => {
    for (const slot of list ?? []) {
      const r = slot >>> 5;
      if (model.full[r] !== 1) continue;
      critical.set(e, (critical.get(e) ?? 0) | (model.audiences[r] ?? 0));
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
  private readonly audience: number;

  /** `audience` is HUMAN or MACHINE: the role's; other risks are ignored. */
  constructor(
    private readonly model: SodModel,
    audience: number,
  ) {
    this.audience = 1 << audience;
  }

  /** The risk `e` would complete if added, or -1. */
  completes(e: number): number {
    for (const slot of this.model.slots[e] ?? []) {
      const r = slot >>> 5;
      if (((this.model.audiences[r] ?? 0) & this.audience) === 0) continue;
      const mask = (this.masks.get(r) ?? 0) | (1 << (slot & 31));
      if (mask === this.model.full[r]) return r;
    }
    return -1;
  }

  add(e: number): void {
    for (const slot of this.model.slots[e] ?? []) {
      const r = slot >>> 5;
      if (((this.model.audiences[r] ?? 0) & this.audience) === 0) continue;
      this.masks.set(r, (this.masks.get(r) ?? 0) | (1 << (slot & 31)));
    }
  }
}

/**
 * The risk a whole entitlement set completes for a role of `audience`
 * (HUMAN or MACHINE), or -1: for checks and tests.
 */
export function findToxicRisk(
  model: SodModel,
  entitlements: Iterable<number>,
  audience: number,
): number {
  const masks = new Map<number, number>();
  for (const e of entitlements) {
    for (const slot of model.slots[e] ?? []) {
      const r = slot >>> 5;
      if (((model.audiences[r] ?? 0) & (1 << audience)) === 0) continue;
      const mask = (masks.get(r) ?? 0) | (1 << (slot & 31));
      if (mask === model.full[r]) return r;
      masks.set(r, mask);
    }
  }
  return -1;
}

export interface ViolationContext {
  mitigations: readonly GovernedMitigation[];
  /**
   * YYYY-MM-DD, or `unknown` when the data has no timestamps: mitigations
   * expiring on or before it no longer count.
   */
  dataDate: string;
}

/**
 * Identities whose input access, whatever its state, violates a risk in
 * scope for their kind. An identity whose kind was assumed is in scope of
 * every risk, as in `rolesmith check`: a default must not hide a conflict.
 */
export function findSodViolations(
  model: SodModel,
  index: AccessIndex,
  context: ViolationContext,
): SodViolation[] {
  const violations: SodViolation[] = [];
  if (model.risks.length === 0) return violations;
  const mitigation = new Map<string, string>();
  for (const m of context.mitigations) {
    // Without a data date (no timestamps) expiry cannot be judged against
    // the data; the mitigation is reported, and `check` judges its date.
    const dated = /^\d{4}-\d{2}-\d{2}$/.test(context.dataDate);
    if (dated && m.expires !== undefined && m.expires <= context.dataDate) {
      continue;
    }
    mitigation.set(`${m.identity}\u0000${m.risk}`, m.id);
  }
  const n = index.identities.length;
  for (let i = 0; i < n; i++) {
    const inScope = scopeOf(index, i, model);
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
    const hit = [...masks].filter(
      ([r, mask]) => mask === model.full[r] && inScope(r),
    );
    for (const [r] of hit) {
      const identity = index.identities[i] ?? '';
      const risk = model.risks[r]?.id ?? '';
      const mitigatedBy = mitigation.get(`${identity}\u0000${risk}`);
      violations.push({
        identity,
        risk,
        entitlements: (matched.get(r) ?? [])
          .map((e) => index.entitlements[e] ?? '')
          .sort(compare),
        ...(mitigatedBy !== undefined && { mitigation: mitigatedBy }),
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

/** Whether risk r applies to identity i, by the kind scope of the risk. */
function scopeOf(
  index: AccessIndex,
  i: number,
  model: SodModel,
): (r: number) => boolean {
  const record = index.records[i];
  if (record === undefined || record.kindAssumed === true) return () => true;
  return (r) => {
    const kinds = model.risks[r]?.kinds ?? [];
    return kinds.length === 0 || kinds.includes(record.kind);
  };
}
