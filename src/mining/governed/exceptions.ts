import type { ExceptionReason, MiningException } from '../types.ts';
import { pairCount } from './access-index.ts';
import type { Screening } from './screening.ts';
import {
  ELIGIBLE,
  SOD_CRITICAL,
  SOD_REFUSED,
  UNUSED,
  VOLATILE,
  VOLATILE_JIT,
  daysBetween,
  isoDay,
} from './screening.ts';
import type { MiningState } from './state.ts';

/**
 * Every pair no role explains, with the first reason that applies:
 * volatile, unused, sod, one-off (the only holder in its audience), rare
 * (fewer holders than minMembers), outlier (unusual for its peer group),
 * else uncovered. Pairs come out sorted by identity, then entitlement.
 */
export function collectExceptions(
  state: MiningState,
  screening: Screening,
  outlierPairs: ReadonlySet<number>,
): MiningException[] {
  const { index, status, covered, sodDropped, sod, config } = state;
  const holders = [
    new Int32Array(index.entitlements.length),
    new Int32Array(index.entitlements.length),
  ];
  const pairs = pairCount(index);
  for (let p = 0; p < pairs; p++) {
    if (status[p] !== ELIGIBLE) continue;
    const audience = index.audience[index.pairIdentity[p] ?? 0] ?? 0;
    const counts = holders[audience];
    const e = index.pairEntitlement[p] ?? 0;
    if (counts !== undefined) counts[e] = (counts[e] ?? 0) + 1;
  }

  const exceptions: MiningException[] = [];
  const add = (p: number, reason: ExceptionReason, detail: string): void => {
    exceptions.push({
      identity: index.identities[index.pairIdentity[p] ?? 0] ?? '',
      entitlement: index.entitlements[index.pairEntitlement[p] ?? 0] ?? '',
      reason,
      detail,
    });
  };
  const riskId = (r: number): string => sod.risks[r]?.id ?? '';
  for (let p = 0; p < pairs; p++) {
    if (covered[p] === 1) continue;
    const e = index.pairEntitlement[p] ?? 0;
    const state = status[p];
    if (state === VOLATILE) {
      add(p, 'volatile', volatileDetail(screening, p));
    } else if (state === UNUSED) {
      const used = screening.lastUsed[p] ?? NaN;
      const days = daysBetween(used, screening.dataDate);
      add(
        p,
        'unused',
        `last used ${isoDay(used)}, ${days} days before the data date (limit ${config.unusedDays})`,
      );
    } else if (state === SOD_CRITICAL) {
      const slot =
        (sod.slots[e] ?? []).find((s) => sod.full[s >>> 5] === 1) ?? 0;
      add(p, 'sod', `completes critical risk ${riskId(slot >>> 5)} by itself`);
    } else if (state === SOD_REFUSED) {
      add(
        p,
        'sod',
        `left out of a role it would make toxic (risk ${riskId((sodDropped[p] ?? 1) - 1)})`,
      );
    } else {
      const audience = index.audience[index.pairIdentity[p] ?? 0] ?? 0;
      const count = holders[audience]?.[e] ?? 0;
      if (count <= 1) add(p, 'one-off', 'the only holder in its audience');
      else if (count < config.minMembers) {
        add(
          p,
          'rare',
          `${count} holders, fewer than minMembers (${config.minMembers})`,
        );
      } else if (outlierPairs.has(p)) {
        add(p, 'outlier', 'unusual for its peer group');
      } else {
        add(
          p,
          'uncovered',
          `no role of at least ${config.minMembers} members explains it`,
        );
      }
    }
  }
  return exceptions;
}

function volatileDetail(screening: Screening, p: number): string {
  if (screening.volatileWhy[p] === VOLATILE_JIT) {
    return 'just-in-time candidate: granted through a just-in-time or PAM source';
  }
  const granted = screening.granted[p] ?? NaN;
  const days = daysBetween(granted, screening.dataDate);
  return (
    `just-in-time candidate: granted ${isoDay(granted)}, ${days} days before ` +
    'the data date, to a pipeline or incident-response identity'
  );
}
