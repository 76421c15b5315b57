// Scale check for reconciliation: 10,000 existing roles (a fifth with
// attribute criteria over 100,000 identities) against 10,000 candidates
// that keep, change, split, merge and replace them.
// Run with `npx tsx bench/reconcile-scale.ts`.
import { performance } from 'node:perf_hooks';
import { createRandom } from './random.ts';
import { indexMembers } from '../src/checks/effective-access.ts';
import { buildIdentity, buildRole } from '../src/checks/fixtures.ts';
import { reconcile } from '../src/evidence/reconcile.ts';
import type { CandidateRole } from '../src/mining/types.ts';
import type {
  Assignment,
  Identity,
  Inventory,
  Role,
} from '../src/model/index.ts';

const ROLES = 10_000;
const CANDIDATES = 10_000;
const IDENTITIES = 100_000;
const ENTITLEMENTS = 50_000;
const DEPARTMENTS = 100;
const TITLES = 5;
/** Entitlements most roles hold, so that posting lists are not all short. */
const COMMON = ['mail:user', 'vpn:user', 'wiki:read'];

// A fixed-seed generator keeps runs comparable.
const rng = createRandom(7);
const random = (): number => rng.next();
const pick = (n: number) => rng.int(0, n - 1);
const entitlementId = (n: number) => `sys${n % 20}:ent-${n}`;
const identityId = (n: number) => `u${String(n).padStart(6, '0')}`;

function generateInventory(): Inventory {
  const identities: Identity[] = [];
  for (let i = 0; i < IDENTITIES; i++) {
    const department = i % DEPARTMENTS;
    identities.push(
      buildIdentity(identityId(i), 'human', {
        department: `dept-${department}`,
        title: `title-${department}-${pick(TITLES)}`,
      }),
    );
  }
  return { identities, entitlements: [], assignments: [], sources: [] };
}

function entitlements(): string[] {
  const count = 10 + pick(20);
  const own = Array.from({ length: count }, () =>
    entitlementId(pick(ENTITLEMENTS)),
  );
  return [...new Set([...COMMON.filter(() => random() < 0.6), ...own])];
}

/** Members of one department, so roles look like business roles. */
function members(): string[] {
  const department = pick(DEPARTMENTS);
  return Array.from({ length: 5 + pick(35) }, () =>
    identityId(department + DEPARTMENTS * pick(IDENTITIES / DEPARTMENTS)),
  );
}

function newRole(id: string): Role {
  if (random() < 0.2) {
    const department = pick(DEPARTMENTS);
    const criteria = [
      {
        department: `dept-${department}`,
        title: `title-${department}-${pick(TITLES)}`,
      },
    ];
    return buildRole({ id, entitlements: entitlements(), criteria }).role;
  }
  return buildRole({ id, entitlements: entitlements(), members: members() })
    .role;
}

const generating = performance.now();
const inventory = generateInventory();
const index = indexMembers(inventory);
const roles: Role[] = [];
const candidates: CandidateRole[] = [];
const assignments: Assignment[] = [];
const mine = (id: string, ents: string[], ids: string[]) =>
  candidates.push({
    id,
    audience: 'human',
    entitlements: ents,
    identities: ids,
  });

while (roles.length < ROLES) {
  const n = roles.length;
  const role = newRole(`role-${n}`);
  roles.push(role);
  const held = index.membersOf(role).sort();
  const scenario = random();
  if (scenario < 0.35) {
    mine(role.id, role.entitlements, held);
  } else if (scenario < 0.5) {
    mine(`mined-${n}`, role.entitlements, held);
  } else if (scenario < 0.65) {
    const ents = [...role.entitlements.slice(1), entitlementId(pick(50_000))];
    const ids = [...held.slice(1), identityId(pick(IDENTITIES))];
    mine(`mined-${n}`, ents, ids);
    for (const identity of ids.slice(0, 10)) {
      for (const entitlement of ents) {
        assignments.push({ identity, entitlement });
      }
    }
  } else if (scenario < 0.75) {
    // No candidate: kept, or redundant when others happen to cover it.
  } else if (scenario < 0.85) {
    const half = role.entitlements.length >> 1;
    mine(`mined-${n}-a`, role.entitlements.slice(0, half), held);
    mine(`mined-${n}-b`, role.entitlements.slice(half), held);
  } else {
    const other = newRole(`role-${n}-b`);
    roles.push(other);
    const ids = [...new Set([...held, ...index.membersOf(other)])].sort();
    mine(`mined-${n}`, [...role.entitlements, ...other.entitlements], ids);
  }
}
while (candidates.length < CANDIDATES) {
  const n = candidates.length;
  mine(`fresh-${n}`, entitlements(), members());
}
roles.length = ROLES;
candidates.length = CANDIDATES;
inventory.assignments = assignments;
console.log(
  `generate: ${seconds(generating)} s (${roles.length} roles, ` +
    `${candidates.length} candidates, ${assignments.length} assignments)`,
);

const reconciling = performance.now();
const result = reconcile(roles, candidates, { inventory });
console.log(`reconcile: ${seconds(reconciling)} s`);

const counts = new Map<string, number>();
for (const entry of result.entries) {
  counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
}
for (const suggestion of result.suggestions) {
  counts.set(suggestion.kind, (counts.get(suggestion.kind) ?? 0) + 1);
}
console.log([...counts].map(([what, n]) => `${what} ${n}`).join(', '));
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS: ${peakMiB.toFixed(0)} MiB`);

function seconds(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(3);
}
