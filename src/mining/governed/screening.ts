import type { Assignment, Identity } from '../../model/index.ts';
import { newestTimestamp, parseTimestamp } from '../../model/index.ts';
import type { AccessIndex } from './access-index.ts';
import { pairCount } from './access-index.ts';
import type { GovernedConfig } from './options.ts';

/** Pair states: only ELIGIBLE pairs may sit inside a role. */
export const ELIGIBLE = 0;
export const VOLATILE = 1;
export const UNUSED = 2;
export const SOD_CRITICAL = 3;
/** Refused from a role whose members hold the rest of a risk. */
export const SOD_REFUSED = 4;

export const VOLATILE_RECENT = 1;
export const VOLATILE_JIT = 2;

const DAY_MS = 86_400_000;

export interface Screening {
  status: Uint8Array;
  /** Why a VOLATILE pair is volatile (VOLATILE_RECENT, …). */
  volatileWhy: Uint8Array;
  /** Newest last use per pair in ms, NaN when unknown. */
  lastUsed: Float64Array;
  /** Newest grant per pair in ms, NaN when unknown. */
  granted: Float64Array;
  /** Newest timestamp anywhere in the data, NaN when there is none. */
  dataDate: number;
}

/**
 * Marks volatile and unused pairs before any role is built. Time is
 * measured from the newest timestamp in the data, not the clock, so the
 * same file gives the same answer on any day. A pair without a last use
 * is not called unused: no evidence is not evidence of disuse.
 */
export function screenAssignments(
  assignments: readonly Assignment[],
  index: AccessIndex,
  config: GovernedConfig,
): Screening {
  const pairs = pairCount(index);
  const lastUsed = new Float64Array(pairs).fill(NaN);
  const granted = new Float64Array(pairs).fill(NaN);
  const jit = new Uint8Array(pairs);
  // The one definition of the data date, shared with `explain`.
  const dataDate = newestTimestamp(assignments);
  const { jitPattern } = config.volatile;
  assignments.forEach((a, k) => {
    const p = index.assignmentPair[k] ?? 0;
    const used = parseTimestamp(a.lastUsedAt);
    const grant = parseTimestamp(a.grantedAt);
    if (!Number.isNaN(used)) {
      if (!((lastUsed[p] ?? NaN) >= used)) lastUsed[p] = used;
    }
    if (!Number.isNaN(grant)) {
      if (!((granted[p] ?? NaN) >= grant)) granted[p] = grant;
    }
    const source = a.provenance?.source;
    if (source !== undefined && jitPattern.test(source)) jit[p] = 1;
  });

  const prone = volatileIdentities(index.records, config);
  const status = new Uint8Array(pairs);
  const volatileWhy = new Uint8Array(pairs);
  const recentFrom = dataDate - config.volatile.recentDays * DAY_MS;
  const unusedBefore = dataDate - config.unusedDays * DAY_MS;
  for (let p = 0; p < pairs; p++) {
    const grant = granted[p] ?? NaN;
    const why =
      jit[p] === 1
        ? VOLATILE_JIT
        : grant >= recentFrom && prone[index.pairIdentity[p] ?? 0] === 1
          ? VOLATILE_RECENT
          : 0;
    if (why !== 0) {
      status[p] = VOLATILE;
      volatileWhy[p] = why;
    } else if ((lastUsed[p] ?? NaN) < unusedBefore) {
      status[p] = UNUSED;
    }
  }
  return { status, volatileWhy, lastUsed, granted, dataDate };
}

/** Identities whose id, name or an attribute value looks like a pipeline or responder. */
function volatileIdentities(
  records: readonly (Identity | undefined)[],
  config: GovernedConfig,
): Uint8Array {
  const pattern = config.volatile.identityPattern;
  const prone = new Uint8Array(records.length);
  records.forEach((record, i) => {
    if (record === undefined) return;
    const texts = [
      record.id,
      record.name ?? '',
      ...Object.values(record.attributes),
    ];
    if (texts.some((text) => pattern.test(text))) prone[i] = 1;
  });
  return prone;
}

/** Re-exported so that the miner reports days the way `explain` does. */
export { isoDay } from '../../model/index.ts';

export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}
