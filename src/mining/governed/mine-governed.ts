import type { Inventory } from '../../model/index.ts';
import { computeRoleSetMetrics } from '../metrics.ts';
import type { MiningResult } from '../types.ts';
import {
  HUMAN,
  MACHINE,
  buildAccessIndex,
  findPair,
  pairCount,
} from './access-index.ts';
import { assembleRoles, justInTimeCandidates } from './assemble.ts';
import { collectExceptions } from './exceptions.ts';
import { checkGovernedInvariants } from './invariants.ts';
import type { AudienceOutcome } from './mine-audience.ts';
import { mineAudience } from './mine-audience.ts';
import type { GovernedOptions } from './options.ts';
import { resolveGovernedOptions } from './options.ts';
import { findOutliers } from './outliers.ts';
import {
  ELIGIBLE,
  SOD_CRITICAL,
  isoDay,
  screenAssignments,
} from './screening.ts';
import { compileSod, criticalEntitlements, findSodViolations } from './sod.ts';
import type { MiningState } from './state.ts';

/**
 * Governed role mining, the default mode: candidate roles people can
 * review, not an exact decomposition. People and machines are mined
 * apart; volatile, unused and critical-SoD access stays out of roles;
 * roles follow business attributes first, then k-means peer groups, then
 * cross-group concepts; whatever no role explains is an exception with
 * its reason. Same input, same output.
 */
export function mineGoverned(
  inventory: Inventory,
  options: GovernedOptions = {},
): MiningResult {
  const config = resolveGovernedOptions(options);
  const log = config.logger;
  const steps = 5;
  log.progress('index access', 0, steps);
  const index = buildAccessIndex(inventory);
  const screening = screenAssignments(inventory.assignments, index, config);
  const sod = compileSod(config.risks, index.entitlements);
  const { status } = screening;
  for (const [e, audiences] of criticalEntitlements(sod)) {
    const end = index.colStart[e + 1] ?? 0;
    for (let q = index.colStart[e] ?? 0; q < end; q++) {
      const p = index.colPairs[q] ?? 0;
      const audience = index.audience[index.pairIdentity[p] ?? 0] ?? HUMAN;
      if (status[p] === ELIGIBLE && (audiences & (1 << audience)) !== 0) {
        status[p] = SOD_CRITICAL;
      }
    }
  }
  const pairs = pairCount(index);
  const state: MiningState = {
    index,
    config,
    status,
    covered: new Uint8Array(pairs),
    sodDropped: new Int32Array(pairs),
    sod,
    roles: [],
    counts: new Int32Array(index.entitlements.length),
  };

  const outcomes: AudienceOutcome[] = [];
  for (const audience of [HUMAN, MACHINE]) {
    log.progress(
      `mine ${audience === HUMAN ? 'human' : 'machine'} roles`,
      1 + audience,
      steps,
    );
    const members: number[] = [];
    index.audience.forEach((a, i) => {
      if (a === audience) members.push(i);
    });
    outcomes.push(mineAudience(state, members, audience));
  }

  log.progress('find outliers and exceptions', 3, steps);
  const peerGroups = outcomes.flatMap((o) => o.peerGroups);
  const outliers = findOutliers(state, peerGroups);
  const outlierPairs = new Set<number>();
  const identityIndex = new Map(index.identities.map((id, i) => [id, i]));
  const entitlementIndex = new Map(index.entitlements.map((id, e) => [id, e]));
  for (const outlier of outliers) {
    const i = identityIndex.get(outlier.identity) ?? -1;
    for (const id of outlier.unusual) {
      outlierPairs.add(findPair(index, i, entitlementIndex.get(id) ?? -1));
    }
  }
  const exceptions = collectExceptions(state, screening, outlierPairs);

  log.progress('assemble candidates', 4, steps);
  const roles = assembleRoles(state);
  const metrics = computeRoleSetMetrics(
    roles,
    exceptions,
    pairs,
    config.weights,
  );
  const assumed = index.assumed.reduce((n, v) => n + v, 0);
  const result: MiningResult = {
    roles,
    exceptions,
    metrics,
    optimal: null,
    lowerBound: null,
    outliers,
    algorithm: {
      name: 'governed',
      parameters: {
        minMembers: config.minMembers,
        minSupport: config.minSupport,
        unusedDays: config.unusedDays,
        volatile: {
          recentDays: config.volatile.recentDays,
          identityPattern: config.volatile.identityPattern.source,
          jitPattern: config.volatile.jitPattern.source,
        },
        attributes: config.attributes,
        levels: config.levels,
        peers: config.peers,
        outliers: config.outliers,
        kindAssumed: { identities: assumed, treatedAs: 'human' },
      },
    },
    dataDate: isoDay(screening.dataDate),
    sodViolations: findSodViolations(sod, index, {
      mitigations: config.mitigations,
      dataDate: isoDay(screening.dataDate),
    }),
    justInTime: justInTimeCandidates(state),
    peerGroups: outcomes.flatMap((o) => o.peerEvidence),
  };
  if (config.verify) {
    const problems = checkGovernedInvariants(inventory, result, {
      minMembers: config.minMembers,
      risks: config.risks,
    });
    if (problems.length > 0) {
      throw new Error(
        `internal: governed mining broke its invariants: ${problems.slice(0, 5).join('; ')}`,
      );
    }
  }
  log.progress('done', steps, steps);
  return result;
}
