import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What the generator planted, as examples/acme/truth.json records it. */
export interface Truth {
  roles: { id: string; audience: string; entitlements: string[] }[];
  sodViolations: { identity: string; risk: string; mitigation?: string }[];
}

export async function readTruth(sample: string): Promise<Truth | undefined> {
  const text = await readFile(join(sample, 'truth.json'), 'utf8').catch(
    () => undefined,
  );
  return text === undefined ? undefined : (JSON.parse(text) as Truth);
}

export interface Recovery {
  planted: number;
  /** Planted roles whose best match has an entitlement Jaccard ≥ 0.8. */
  found: number;
  meanJaccard: number;
}

/**
 * How well the role files `files` recover the planted roles: for
 * each planted role, the best entitlement Jaccard over roles of the same
 * audience. This is the standard way to score role mining against a
 * planted ground truth, and it is what a sceptical newcomer asks first.
 */
export async function recovery(
  truth: Truth,
  files: readonly string[],
): Promise<Recovery> {
  const mined = await readRoles(files);
  let found = 0;
  let total = 0;
  for (const planted of truth.roles) {
    const want = new Set(planted.entitlements);
    let best = 0;
    for (const role of mined) {
      if (role.audience !== planted.audience) continue;
      const shared = role.entitlements.filter((e) => want.has(e)).length;
      const union = want.size + role.entitlements.length - shared;
      best = Math.max(best, union === 0 ? 0 : shared / union);
    }
    if (best >= 0.8) found += 1;
    total += best;
  }
  const planted = truth.roles.length;
  return {
    planted,
    found,
    meanJaccard: planted === 0 ? 0 : total / planted,
  };
}

async function readRoles(
  files: readonly string[],
): Promise<{ audience: string; entitlements: string[] }[]> {
  const roles = [];
  for (const file of files) {
    const data = parse(await readFile(file, 'utf8')) as {
      audience?: unknown;
      entitlements?: unknown;
    };
    roles.push({
      audience: typeof data.audience === 'string' ? data.audience : 'human',
      entitlements: Array.isArray(data.entitlements)
        ? data.entitlements.map(String)
        : [],
    });
  }
  return roles;
}
