import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createRandom } from './random.ts';

export interface CatalogueScale {
  roles: number;
  risks: number;
  identities: number;
  entitlements: number;
  seed: number;
}

const SYSTEMS = ['sap', 'workday', 'aws', 'github', 'k8s', 'okta', 'crm'];

/**
 * Writes a synthetic catalogue (roles/, policies/) of the given scale.
 * Identities hold 1 to 5 roles through explicit membership.
 */
export async function generateCatalogue(
  dir: string,
  scale: CatalogueScale,
): Promise<void> {
  const random = createRandom(scale.seed);
  const entitlements = Array.from(
    { length: scale.entitlements },
    (_, i) => `${SYSTEMS[i % SYSTEMS.length] ?? 'sap'}:E${i}`,
  );

  // Roles and their members.
  const members: string[][] = Array.from({ length: scale.roles }, () => []);
  for (let i = 0; i < scale.identities; i++) {
    const count = random.int(1, 5);
    for (let j = 0; j < count; j++) {
      members[random.int(0, scale.roles - 1)]?.push(`u${i}`);
    }
  }
  await mkdir(join(dir, 'roles'), { recursive: true });
  for (let r = 0; r < scale.roles; r++) {
    const grants = new Set<string>();
    const size = random.int(3, 15);
    while (grants.size < size) grants.add(random.pick(entitlements));
    const id = `role-${r}`;
    const role = {
      id,
      title: `Generated role ${r}`,
      audience: 'human',
      owners: ['@acme/owners', '@acme/second-owners'],
      entitlements: [...grants].sort(),
      membership: { identities: [...new Set(members[r])].sort() },
      review: { last_reviewed: '2026-06-01', next_review: '2027-06-01' },
      labels: ['generated'],
    };
    await writeFile(join(dir, 'roles', `${id}.yaml`), stringify(role));
  }

  // SoD: about 2.5 functions per risk, a few exact ids and a glob each.
  const functions: object[] = [];
  const risks: object[] = [];
  for (let k = 0; k < scale.risks; k++) {
    const ids: string[] = [];
    const width = random.next() < 0.1 ? 1 : random.next() < 0.6 ? 2 : 3;
    for (let f = 0; f < width; f++) {
      const id = `F${k}-${f}`;
      const picked = new Set<string>();
      while (picked.size < 4) picked.add(random.pick(entitlements));
      functions.push({
        id,
        title: `Function ${id}`,
        entitlements: [...picked],
      });
      ids.push(id);
    }
    risks.push({
      id: `R${k}`,
      title: `Risk ${k}`,
      severity: random.pick(['low', 'medium', 'high', 'critical']),
      owner: '@acme/grc',
      rationale: 'Generated for the benchmark.',
      functions: ids,
      outcome: random.next() < 0.5 ? 'block' : 'warn',
    });
  }
  await mkdir(join(dir, 'policies'), { recursive: true });
  await writeFile(
    join(dir, 'policies', 'sod.yaml'),
    stringify({ owners: ['@acme/grc'], functions, risks }),
  );
}
