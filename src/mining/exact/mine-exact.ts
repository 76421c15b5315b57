import { RolesmithError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

import { DEFAULT_WSC_WEIGHTS, computeRoleSetMetrics } from '../metrics.ts';
import type { MiningResult, WscWeights } from '../types.ts';
import { assignRows } from './assign.ts';
import { type AccessMatrix, buildAccessMatrix } from '../matrix.ts';
import { findMinimumCover } from './min-cover.ts';
import { createRandom } from './random.ts';
import { buildCandidateRoles } from './roles.ts';
import { verifyExactCover } from './verify.ts';
import { polishRoles } from './wsc-improve.ts';
import { membersOf } from './wsc-state.ts';
import { createWscInstance } from './wsc-instance.ts';
import { findLowWscCover } from './wsc.ts';

export interface ExactPair {
  identity: string;
  entitlement: string;
}

export interface ExactMiningOptions {
  /** `roles`: fewest roles (Basic RMP); `wsc`: lowest WSC. */
  objective: 'roles' | 'wsc';
  timeLimitSeconds: number;
  weights?: WscWeights;
  logger: Logger;
  /** Seed of the randomised bound searches; the default is 1. */
  seed?: number;
}

/**
 * `rolesmith mine --exact`: roles that reproduce the input exactly (every
 * pair granted by a role its identity holds, nothing more), with as few
 * roles as possible or the lowest WSC. The result is checked against the
 * input before it is returned.
 */
export async function mineExact(
  pairs: readonly ExactPair[],
  options: ExactMiningOptions,
): Promise<MiningResult> {
  const deadline = performance.now() + options.timeLimitSeconds * 1000;
  const seed = options.seed ?? 1;
  const weights = options.weights ?? DEFAULT_WSC_WEIGHTS;
  const random = createRandom(seed);
  const matrix = buildAccessMatrix(pairs);
  options.logger.debug('matrix built');
  const context = { deadline, random, logger: options.logger };

  const found =
    options.objective === 'roles'
      ? await findMinimumCover(matrix, context)
      : await findLowWscCover(matrix, weights, context);
  options.logger.debug('cover found', { roles: found.shapes.length });
  // Role count: keep the cover's roles but trim what members get twice.
  const polished =
    options.objective === 'roles' && found.members === undefined
      ? polishRoles(
          createWscInstance(matrix, weights),
          found.shapes.map((shape) => shape.cols),
        )
      : undefined;
  const grants = polished
    ? polished.roles
    : found.shapes.map((shape) => shape.cols);
  const members = polished
    ? membersOf(polished)
    : (found.members ?? assignRows(matrix, found.shapes));
  options.logger.debug('identities assigned');
  const roles = buildCandidateRoles(matrix, grants, members);
  options.logger.debug('roles built');
  verifyExactCover(pairs, roles);
  options.logger.debug('roles verified');

  const metrics = computeRoleSetMetrics(roles, [], countPairs(matrix), weights);
  const objectiveValue =
    options.objective === 'roles' ? metrics.roles : metrics.wsc;
  if (found.lowerBound !== null && found.lowerBound > objectiveValue + 1e-9) {
    throw new RolesmithError('exact mining proved a bound above its answer', {
      code: 'internal',
    });
  }
  return {
    roles,
    exceptions: [],
    metrics,
    optimal: found.optimal || found.lowerBound === objectiveValue,
    lowerBound: found.lowerBound,
    algorithm: {
      name: 'exact-biclique-cover',
      parameters: {
        objective: options.objective,
        timeLimitSeconds: options.timeLimitSeconds,
        seed,
        weights,
        ...found.stages,
      },
    },
  };
}

/** Distinct input pairs, from the deduplicated matrix. */
function countPairs(matrix: AccessMatrix): number {
  let total = 0;
  matrix.rows.forEach((row, r) => {
    let held = 0;
    for (let c = 0; c < matrix.cols.length; c++) {
      if (((row[c >>> 5] as number) & (1 << (c & 31))) !== 0) {
        held += matrix.colMembers[c]?.length ?? 0;
      }
    }
    total += held * (matrix.rowMembers[r]?.length ?? 0);
  });
  return total;
}
