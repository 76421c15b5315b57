import type {
  IdentityKind,
  PolicyOrigin,
  PolicySet,
  Severity,
  SodFunction,
  SodRisk,
} from '../model/index.ts';
import { isMachineKind, outcomeSeverity, systemOf } from '../model/index.ts';
import type { Bitset } from './bitset.ts';
import { createBitset } from './bitset.ts';
import type { EntitlementMatcher } from './patterns.ts';
import { compilePatterns, isGlob } from './patterns.ts';

/** What every SoD evaluation needs to know about the run. */
export interface SodOptions {
  /** The day the check runs, `YYYY-MM-DD`; mitigations expire against it. */
  today: string;
}

/** Audience bits, used to scope roles and identities of unknown kind. */
export const HUMAN_AUDIENCE = 1;
export const MACHINE_AUDIENCE = 2;
export const ANY_AUDIENCE = HUMAN_AUDIENCE | MACHINE_AUDIENCE;

/** A risk compiled against the slot numbering of one index. */
export interface IndexedRisk {
  risk: SodRisk;
  /** One slot per function, in the order of `risk.functions`. */
  slots: readonly number[];
  /** Identity kinds in scope; undefined when the risk applies to all. */
  kinds: ReadonlySet<IdentityKind> | undefined;
  /** Audience bits in scope, for holders whose kind is unknown. */
  audiences: number;
  severity: Severity;
  origin: PolicyOrigin | undefined;
  /** `P2P-001 "Create a vendor and pay it"`, shared by every message. */
  label: string;
}

/**
 * Compiled SoD policy. A slot is a function as seen by risks with the same
 * `scope.systems`: risks without a system scope share one slot per
 * function, and a system-scoped risk gets slots that only entitlements of
 * its systems fill. Holding a risk is then "all of its slot bits are set".
 */
export interface SodIndex {
  risks: readonly IndexedRisk[];
  slotCount: number;
  /** Slot number to the positions in `risks` that use it. */
  slotRisks: readonly (readonly number[])[];
  /** Slots an entitlement fills; cached, so globs run once per id. */
  lookup(entitlement: string): readonly number[];
  /**
   * Working memory of `findSatisfiedRisks` (sod-roles.ts), reused across
   * calls; safe because evaluation is synchronous.
   */
  scratch: { bits: Bitset; seen: Uint32Array; epoch: number };
}

interface SlotRef {
  slot: number;
  systems: ReadonlySet<string> | undefined;
}

const NO_SLOTS: readonly number[] = [];

/**
 * Builds the index and resolves every entitlement of `universe` up front.
 * Ids outside the universe are resolved (and cached) on first lookup.
 */
export function buildSodIndex(
  policies: PolicySet,
  universe: Iterable<string>,
): SodIndex {
  const functionsById = new Map<string, SodFunction>();
  for (const fn of policies.functions) {
    if (!functionsById.has(fn.id)) functionsById.set(fn.id, fn);
  }

  // Number the slots risk by risk.
  const slotsByKey = new Map<string, number>();
  const slotsByFunction = new Map<string, SlotRef[]>();
  const slotRisks: number[][] = [];
  const risks: IndexedRisk[] = [];
  for (const risk of policies.risks) {
    if (risk.functions.length === 0) continue;
    const position = risks.length;
    const systems = [...new Set(risk.scope.systems)].sort();
    const systemSet = systems.length > 0 ? new Set(systems) : undefined;
    const slots = risk.functions.map((functionId) => {
      const key = `${functionId}\u0000${systems.join('\u0000')}`;
      let slot = slotsByKey.get(key);
      if (slot === undefined) {
        slot = slotRisks.length;
        slotsByKey.set(key, slot);
        slotRisks.push([]);
        const refs = slotsByFunction.get(functionId) ?? [];
        refs.push({ slot, systems: systemSet });
        slotsByFunction.set(functionId, refs);
      }
      const users = slotRisks[slot];
      if (users !== undefined && users.at(-1) !== position) {
        users.push(position);
      }
      return slot;
    });
    risks.push(indexRisk(risk, slots, policies));
  }

  // Only functions some risk uses are compiled; unknown ids match nothing.
  const used = [...slotsByFunction.keys()].flatMap((id) => {
    const fn = functionsById.get(id);
    return fn === undefined ? [] : [fn];
  });
  const matchFunctions = compileFunctions(used);
  const refsOf = used.map((fn) => slotsByFunction.get(fn.id) ?? []);

  const cache = new Map<string, readonly number[]>();
  const lookup = (entitlement: string): readonly number[] => {
    const cached = cache.get(entitlement);
    if (cached !== undefined) return cached;
    const system = systemOf(entitlement);
    const slots: number[] = [];
    for (const fn of matchFunctions(entitlement)) {
      for (const ref of refsOf[fn] ?? []) {
        if (ref.systems === undefined || ref.systems.has(system)) {
          slots.push(ref.slot);
        }
      }
    }
    const result = slots.length === 0 ? NO_SLOTS : slots;
    cache.set(entitlement, result);
    return result;
  };
  for (const entitlement of universe) lookup(entitlement);

  const scratch = {
    bits: createBitset(slotRisks.length),
    seen: new Uint32Array(risks.length),
    epoch: 0,
  };
  return { risks, slotCount: slotRisks.length, slotRisks, lookup, scratch };
}

function indexRisk(
  risk: SodRisk,
  slots: number[],
  policies: PolicySet,
): IndexedRisk {
  const kinds = risk.scope.kinds.length > 0 ? new Set(risk.scope.kinds) : null;
  let audiences = kinds === null ? ANY_AUDIENCE : 0;
  for (const kind of kinds ?? []) {
    audiences |= isMachineKind(kind) ? MACHINE_AUDIENCE : HUMAN_AUDIENCE;
  }
  return {
    risk,
    slots,
    kinds: kinds ?? undefined,
    audiences,
    severity: outcomeSeverity(risk.outcome),
    origin: policies.origins[`risk:${risk.id}`],
    label: `${risk.id} "${risk.title}"`,
  };
}

interface GlobMatcher {
  fn: number;
  /** The literal head of the glob; an id without it cannot match. */
  prefix: string;
  match: EntitlementMatcher;
}

// Characters that end the literal head of a glob (see patterns.ts).
const GLOB_SYNTAX = /[*?]/;

/**
 * Returns a matcher from an entitlement id to the positions of the
 * functions it belongs to. Exact ids go through one shared map. Globs are
 * bucketed by the system in their literal head and tried only on ids that
 * start with that head, which skips nearly every regex test.
 */
function compileFunctions(
  functions: readonly SodFunction[],
): (entitlement: string) => number[] {
  const exact = new Map<string, number[]>();
  const bySystem = new Map<string, GlobMatcher[]>();
  const anySystem: GlobMatcher[] = [];
  functions.forEach((fn, position) => {
    for (const pattern of new Set(fn.entitlements)) {
      if (!isGlob(pattern)) {
        const owners = exact.get(pattern) ?? [];
        if (owners.at(-1) !== position) owners.push(position);
        exact.set(pattern, owners);
        continue;
      }
      const head = pattern.search(GLOB_SYNTAX);
      const prefix = head === -1 ? pattern : pattern.slice(0, head);
      const matcher = {
        fn: position,
        prefix,
        match: compilePatterns([pattern]),
      };
      const colon = prefix.indexOf(':');
      if (colon <= 0) {
        anySystem.push(matcher);
        continue;
      }
      const system = prefix.slice(0, colon);
      const bucket = bySystem.get(system) ?? [];
      bucket.push(matcher);
      bySystem.set(system, bucket);
    }
  });

  return (entitlement) => {
    const found = [...(exact.get(entitlement) ?? [])];
    const bucket = bySystem.get(systemOf(entitlement)) ?? [];
    for (const list of [bucket, anySystem]) {
      for (const { fn, prefix, match } of list) {
        if (!entitlement.startsWith(prefix) || found.includes(fn)) continue;
        if (match(entitlement)) found.push(fn);
      }
    }
    return found;
  };
}

/** `a, b, c and 4 more`: keeps messages short when lists are long. */
export function formatIds(ids: readonly string[], max = 5): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
