import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { GovernedRisk } from '../src/mining/governed/index.ts';
import {
  checkGovernedInvariants,
  mineGoverned,
} from '../src/mining/governed/index.ts';
import type { CandidateRole, MiningResult } from '../src/mining/types.ts';
import type {
  GeneratedOrg,
  OrgSpec,
  Pair,
  PlantedRole,
} from './generate-org.ts';
import { RECOVERY_ORG, generateOrg } from './generate-org.ts';

/**
 * How well governed mining recovers the roles planted in a synthetic
 * organisation: mean best-match Jaccard (entitlement sets, and
 * assignment sets), where each kind of noise ended up, and the share of
 * planted access that roles explain.
 */
export async function benchMiningRecovery(): Promise<string[]> {
  await Promise.resolve();
  const org = generateOrg(RECOVERY_ORG);
  const risks = plantedRisks(org);
  const start = performance.now();
  const result = mineGoverned(org.inventory, { sod: { risks } });
  const seconds = (performance.now() - start) / 1000;
  const problems = checkGovernedInvariants(org.inventory, result, {
    minMembers: 3,
    risks,
  });
  const violations = result.algorithm.parameters['sodViolations'];
  const sod = result.exceptions.filter((e) => e.reason === 'sod').length;
  return [
    ...describeRecovery(RECOVERY_ORG, org, result, seconds, problems),
    `  SoD: ${risks.length} risks inside planted roles; ${sod} assignments kept out as sod, ${Array.isArray(violations) ? violations.length : 0} identities reported as violating`,
  ];
}

export function describeRecovery(
  spec: OrgSpec,
  org: GeneratedOrg,
  result: MiningResult,
  seconds: number,
  problems: string[],
): string[] {
  const inRole = coveredPairs(result.roles);
  const humanRoles = coveredPairs(
    result.roles.filter((r) => r.audience === 'human'),
  );
  const share = (pairs: Pair[], set: Set<string> = inRole) =>
    pairs.length === 0
      ? 0
      : pairs.filter((p) => set.has(key(p))).length / pairs.length;
  const excluded = new Set(
    [...org.noise.stale, ...org.noise.volatile].map(key),
  );
  const plantedPairs = org.planted
    .flatMap((role) =>
      role.identities.flatMap((identity) =>
        role.entitlements.map((entitlement) => ({ identity, entitlement })),
      ),
    )
    .filter((p) => !excluded.has(key(p)));
  const governable = org.planted.filter((role) => role.identities.length >= 3);
  const best = governable.map((role) => bestMatch(role, result.roles));
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const reasons = new Map<string, number>();
  for (const e of result.exceptions)
    reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  const { metrics } = result;
  const movers = [...new Set(org.noise.leftover.map((p) => p.identity))].map(
    (identity) => ({ identity, entitlement: '' }),
  );
  const listed = new Set(
    (result.outliers ?? []).map((o) =>
      key({ identity: o.identity, entitlement: '' }),
    ),
  );
  const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
  return [
    `mining recovery: ${spec.humans} people, ${spec.machines} machines, ${org.inventory.assignments.length} assignments, ${governable.length} planted roles (seed ${spec.seed})`,
    `  mined roles ${metrics.roles} vs planted ${governable.length}; WSC ${metrics.wsc}; coverage ${pct(metrics.coverage)}; ${seconds.toFixed(2)} s in-process`,
    `  mean best-match Jaccard: entitlements ${mean(best.map((b) => b.entitlements)).toFixed(3)}, assignments ${mean(best.map((b) => b.pairs)).toFixed(3)}`,
    `  planted access inside roles ${pct(share(plantedPairs))} (stale and volatile excluded)`,
    `  inside roles (target 0): one-off ${pct(share(org.noise.oneOff))}, stale ${pct(share(org.noise.stale))}, volatile ${pct(share(org.noise.volatile))}, service accounts in human roles ${pct(share(org.noise.serviceInHuman, humanRoles))}`,
    `  job-move leftovers inside roles ${pct(share(org.noise.leftover))}; movers listed as outliers ${pct(share(movers, listed))} of ${movers.length}; ${listed.size} outliers listed`,
    `  exceptions: ${[...reasons]
      .sort()
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}`,
    `  invariants: ${problems.length === 0 ? 'all hold' : `${problems.length} broken: ${problems.slice(0, 3).join('; ')}`}`,
  ];
}

/** Risks that planted title roles hold by themselves: the miner must split them. */
function plantedRisks(org: GeneratedOrg): GovernedRisk[] {
  return org.planted
    .filter(
      (role) => role.id.startsWith('title:') && role.entitlements.length >= 3,
    )
    .slice(0, 3)
    .map((role, n) => ({
      id: `R${n + 1}`,
      functions: role.entitlements.slice(0, 2).map((e) => [e]),
    }));
}

function bestMatch(
  planted: PlantedRole,
  roles: readonly CandidateRole[],
): { entitlements: number; pairs: number } {
  const want = new Set(planted.entitlements);
  const members = new Set(planted.identities);
  let best = { entitlements: 0, pairs: 0 };
  for (const role of roles) {
    if (role.audience !== planted.audience) continue;
    const sharedE = role.entitlements.filter((e) => want.has(e)).length;
    if (sharedE === 0) continue;
    const sharedI = role.identities.filter((i) => members.has(i)).length;
    const jE = sharedE / (want.size + role.entitlements.length - sharedE);
    const overlap = sharedE * sharedI;
    const jP =
      overlap /
      (want.size * members.size +
        role.entitlements.length * role.identities.length -
        overlap);
    if (jE > best.entitlements || (jE === best.entitlements && jP > best.pairs))
      best = { entitlements: jE, pairs: Math.max(jP, best.pairs) };
    else if (jP > best.pairs) best = { ...best, pairs: jP };
  }
  return best;
}

function coveredPairs(roles: readonly CandidateRole[]): Set<string> {
  const set = new Set<string>();
  for (const role of roles) {
    for (const identity of role.identities) {
      for (const entitlement of role.entitlements)
        set.add(key({ identity, entitlement }));
    }
  }
  return set;
}

function key(pair: Pair): string {
  return `${pair.identity}\u0000${pair.entitlement}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchMiningRecovery()) console.log(line);
}
