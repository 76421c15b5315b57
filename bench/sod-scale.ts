// Micro benchmark of the SoD engine alone, at the issue #2 scale:
// `npx tsx bench/sod-scale.ts`. Prints seconds per phase and peak RSS.
import type { IdentityGrants } from '../src/checks/access-types.ts';
import { evaluateMitigationExpiry } from '../src/checks/mitigations.ts';
import { evaluateRoleSets } from '../src/checks/role-sets.ts';
import { buildSodIndex } from '../src/checks/sod-index.ts';
import { evaluateIdentitySod } from '../src/checks/sod-identities.ts';
import { evaluateRoleSod } from '../src/checks/sod-roles.ts';
import type {
  Finding,
  IdentityKind,
  Mitigation,
  PolicySet,
  RoleEntry,
  RoleSetConstraint,
  SodFunction,
  SodRisk,
} from '../src/model/index.ts';
import { emptyPolicySet } from '../src/model/index.ts';
import { createRandom } from './random.ts';

const SCALE = {
  systems: 12,
  entitlementsPerSystem: 2_000,
  roles: 10_000,
  risks: 1_000,
  identities: 100_000,
  mitigations: 1_000,
  roleSets: 300,
};
const TODAY = '2026-11-01';
const random = createRandom(42);

// Entitlements are `s3:T0421`; a glob such as `s3:T042*` matches ten.
const systems = Array.from({ length: SCALE.systems }, (_, i) => `s${i}`);
const entitlementIn = (system: string): string =>
  `${system}:T${String(random.int(0, SCALE.entitlementsPerSystem - 1)).padStart(4, '0')}`;
const anyEntitlement = (): string => entitlementIn(random.pick(systems));

function generatePolicies(): PolicySet {
  const policies = emptyPolicySet();
  for (let k = 0; k < SCALE.risks; k++) {
    const width = random.next() < 0.1 ? 1 : random.next() < 0.35 ? 2 : 3;
    const home = random.pick(systems);
    const functions: SodFunction[] = [];
    for (let f = 0; f < width; f++) {
      const system = random.next() < 0.7 ? home : random.pick(systems);
      const entitlements = new Set<string>();
      while (entitlements.size < 4) entitlements.add(entitlementIn(system));
      if (random.next() < 0.25) {
        entitlements.add(
          `${system}:T${String(random.int(0, 199)).padStart(3, '0')}*`,
        );
      }
      functions.push({
        id: `F${k}-${f}`,
        title: `Function ${k}-${f}`,
        entitlements: [...entitlements],
      });
    }
    policies.functions.push(...functions);
    const kinds: IdentityKind[] =
      random.next() < 0.2
        ? ['human']
        : random.next() < 0.05
          ? ['service-account']
          : [];
    const risk: SodRisk = {
      id: `R${k}`,
      title: `Risk ${k}`,
      severity: 'high',
      owner: '@acme/grc',
      rationale: 'Generated for the benchmark.',
      functions: functions.map((f) => f.id),
      scope: { kinds, systems: random.next() < 0.3 ? [home] : [] },
      outcome: random.next() < 0.5 ? 'block' : 'warn',
    };
    policies.risks.push(risk);
    policies.origins[`risk:${risk.id}`] = {
      file: 'policies/sod.yaml',
      path: `/risks/${k}`,
    };
  }
  for (let m = 0; m < SCALE.mitigations; m++) {
    const mitigation: Mitigation = {
      id: `MIT-${m}`,
      risk: `R${random.int(0, SCALE.risks - 1)}`,
      ...(m % 5 === 0
        ? { role: `role-${random.int(0, SCALE.roles - 1)}` }
        : { identity: `u${random.int(0, SCALE.identities - 1)}` }),
      control: 'CTRL-1',
      owner: '@acme/audit',
      reason: 'Generated.',
      expires: random.next() < 0.3 ? '2026-01-31' : '2027-12-31',
    };
    policies.mitigations.push(mitigation);
  }
  for (let s = 0; s < SCALE.roleSets; s++) {
    const roles = new Set<string>();
    const size = random.int(3, 5);
    while (roles.size < size)
      roles.add(`role-${random.int(0, SCALE.roles - 1)}`);
    const roleSet: RoleSetConstraint = {
      id: `RS${s}`,
      title: `Role set ${s}`,
      roles: [...roles],
      cardinality: 2,
      owner: '@acme/grc',
      outcome: 'block',
    };
    policies.roleSets.push(roleSet);
  }
  return policies;
}

function generateRoles(): RoleEntry[] {
  return Array.from({ length: SCALE.roles }, (_, r) => {
    const entitlements = new Set<string>();
    const size = random.int(3, 15);
    while (entitlements.size < size) entitlements.add(anyEntitlement());
    const id = `role-${r}`;
    return {
      file: `roles/${id}.yaml`,
      role: {
        id,
        title: `Role ${r}`,
        description: '',
        owners: ['@acme/owners'],
        audience: random.next() < 0.9 ? 'human' : 'machine',
        entitlements: [...entitlements].sort(),
        membership: { identities: [], criteria: [] },
        review: {},
        labels: [],
      },
    };
  });
}

function generateIdentities(): IdentityGrants[] {
  return Array.from({ length: SCALE.identities }, (_, i) => {
    const roles = new Set<string>();
    const count = random.int(1, 5);
    while (roles.size < count)
      roles.add(`role-${random.int(0, SCALE.roles - 1)}`);
    const direct = random.next() < 0.1 ? [anyEntitlement()] : [];
    const kind: IdentityKind | undefined =
      random.next() < 0.05 ? 'service-account' : undefined;
    return {
      id: `u${i}`,
      ...(kind !== undefined && { kind }),
      roles: [...roles].sort(),
      direct,
    };
  });
}

function timed<T>(label: string, run: () => T, lines: string[]): T {
  const start = performance.now();
  const result = run();
  lines.push(
    `  ${label.padEnd(26)} ${((performance.now() - start) / 1000).toFixed(3)} s`,
  );
  return result;
}

const policies = generatePolicies();
const roles = generateRoles();
const identities = generateIdentities();
const universe = new Set(roles.flatMap((r) => r.role.entitlements));
for (const identity of identities)
  for (const id of identity.direct) universe.add(id);

const lines: string[] = [];
const options = { today: TODAY };
const start = performance.now();
const index = timed(
  'buildSodIndex',
  () => buildSodIndex(policies, universe),
  lines,
);
const findings: Finding[] = [
  ...timed(
    'evaluateRoleSod',
    () => evaluateRoleSod(roles, policies, index, options),
    lines,
  ),
  ...timed(
    'evaluateIdentitySod',
    () => evaluateIdentitySod({ identities }, roles, policies, index, options),
    lines,
  ),
  ...timed(
    'evaluateRoleSets',
    () => evaluateRoleSets({ identities }, policies, options),
    lines,
  ),
  ...timed(
    'evaluateMitigationExpiry',
    () => evaluateMitigationExpiry(policies, options),
    lines,
  ),
];
const seconds = (performance.now() - start) / 1000;

const byCode = new Map<string, number>();
for (const finding of findings)
  byCode.set(finding.code, (byCode.get(finding.code) ?? 0) + 1);
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  `sod-scale: ${SCALE.roles} roles, ${SCALE.risks} risks (${policies.functions.length} functions), ${SCALE.identities} identities, ${universe.size} entitlements`,
);
console.log(lines.join('\n'));
console.log(
  `  total ${seconds.toFixed(3)} s (target ≤ 5), peak RSS ${peakMiB.toFixed(0)} MiB (target ≤ 1024)`,
);
console.log(
  `  findings ${findings.length}: ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ')}`,
);
