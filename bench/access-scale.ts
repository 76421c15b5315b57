// Scale check for access resolution and impact: 10,000 roles over 100,000
// identities, then an impact after changing 50 roles.
// Run with `npx tsx bench/access-scale.ts`.
import { performance } from 'node:perf_hooks';
import { createRandom } from './random.ts';
import { computeAccessImpact } from '../src/checks/access-impact.ts';
import { resolveAccess } from '../src/checks/effective-access.ts';
import {
  buildCatalogue,
  buildException,
  buildFunction,
  buildIdentity,
  buildRisk,
  buildRole,
} from '../src/checks/fixtures.ts';
import type {
  Catalogue,
  Entitlement,
  Identity,
  Inventory,
  RoleEntry,
} from '../src/model/index.ts';

const ROLES = 10_000;
const IDENTITIES = 100_000;
const ENTITLEMENTS = 50_000;
const DEPARTMENTS = 100;
const TITLES_PER_DEPARTMENT = 5;
const CHANGED_ROLES = 50;
const today = '2026-10-01';

// A fixed-seed generator keeps runs comparable.
const rng = createRandom(42);
const pick = (n: number) => rng.int(0, n - 1);
const entitlementId = (n: number) => `sys${n % 20}:ent-${n}`;
const identityId = (n: number) => `u${String(n).padStart(6, '0')}`;

function generateInventory(): Inventory {
  const identities: Identity[] = [];
  for (let i = 0; i < IDENTITIES; i++) {
    const department = pick(DEPARTMENTS);
    identities.push(
      buildIdentity(identityId(i), i % 20 === 0 ? 'service-account' : 'human', {
        department: `dept-${department}`,
        title: `title-${department}-${pick(TITLES_PER_DEPARTMENT)}`,
        location: `loc-${pick(30)}`,
      }),
    );
  }
  const entitlements: Entitlement[] = [];
  for (let i = 0; i < ENTITLEMENTS; i++) {
    const id = entitlementId(i);
    const risk = i % 500 === 0 ? 'critical' : 'low';
    entitlements.push({ id, system: id.split(':')[0] ?? '', risk });
  }
  return { identities, entitlements, assignments: [], sources: [] };
}

function generateRole(i: number, variant = 0): RoleEntry {
  const entitlements = Array.from({ length: 10 + pick(20) }, () =>
    entitlementId(pick(ENTITLEMENTS)),
  );
  const department = pick(DEPARTMENTS);
  const shape = i % 100;
  if (shape === 0) {
    // About 1,000 members each.
    const criteria = [{ department: `dept-${department}` }];
    return buildRole({ id: `role-${i}-${variant}`, entitlements, criteria });
  }
  if (shape < 20) {
    // About 200 members each.
    const title = `title-${department}-${pick(TITLES_PER_DEPARTMENT)}`;
    const criteria = [{ department: `dept-${department}`, title }];
    return buildRole({ id: `role-${i}-${variant}`, entitlements, criteria });
  }
  const members = Array.from({ length: 20 }, () =>
    identityId(pick(IDENTITIES)),
  );
  return buildRole({ id: `role-${i}-${variant}`, entitlements, members });
}

function generateCatalogue(): Catalogue {
  const roles = Array.from({ length: ROLES }, (_, i) => generateRole(i));
  const exceptions = Array.from({ length: 1_000 }, () =>
    buildException({
      identity: identityId(pick(IDENTITIES)),
      entitlement: entitlementId(pick(ENTITLEMENTS)),
    }),
  );
  const functions = Array.from({ length: 100 }, (_, i) =>
    buildFunction(`fn-${i}`, [
      `sys${i % 20}:ent-${i}*`,
      entitlementId(pick(ENTITLEMENTS)),
    ]),
  );
  const risks = Array.from({ length: 50 }, (_, i) =>
    buildRisk({ id: `R-${i}`, functions: [`fn-${2 * i}`, `fn-${2 * i + 1}`] }),
  );
  return buildCatalogue({
    roles,
    exceptions,
    policies: { functions, risks },
    leastPrivilege: { critical: ['sys0:ent-1*'] },
  });
}

/** Changes 50 roles: grow, re-member, replace criteria, remove, add. */
function changeRoles(before: Catalogue): Catalogue {
  const roles = [...before.roles];
  for (let k = 0; k < CHANGED_ROLES; k++) {
    const at = k * 97;
    const entry = roles[at]!;
    const role = entry.role;
    if (k % 5 === 0) {
      roles[at] = generateRole(at, 1);
    } else if (k % 5 === 1) {
      roles[at] = { ...entry, role: { ...role, entitlements: [] } };
    } else {
      const entitlements = [...role.entitlements, entitlementId(k)];
      roles[at] = { ...entry, role: { ...role, entitlements } };
    }
  }
  return { ...before, roles };
}

function seconds(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(3);
}

const generated = performance.now();
const inventory = generateInventory();
const before = generateCatalogue();
const after = changeRoles(before);
console.log(`generate: ${seconds(generated)} s`);

const resolving = performance.now();
const access = resolveAccess(after, inventory, { today });
console.log(
  `resolveAccess: ${seconds(resolving)} s (${access.identities.length} identities with access)`,
);

const diffing = performance.now();
const impact = computeAccessImpact(before, after, {
  inventory,
  today,
  baseRef: 'origin/main',
  policyChanges: [],
});
console.log(
  `computeAccessImpact: ${seconds(diffing)} s (${impact.gains.length} gains, ${impact.losses.length} losses, ${impact.newCritical.length} critical, ${impact.newSodRelevant.length} SoD-relevant)`,
);
console.log(`resolve + impact: ${seconds(resolving)} s`);
console.log(`peak RSS: ${process.resourceUsage().maxRSS} KB`);
