// In-memory inputs for the SoD tests: every builder takes what a test is
// about and fills the rest with valid defaults.
import type { IdentityGrants } from './access-types.ts';
import type {
  IdentityKind,
  Mitigation,
  PolicySet,
  PolicyTest,
  PolicyTestFile,
  PolicyTestIdentity,
  Role,
  RoleEntry,
  RoleSetConstraint,
  SodFunction,
  SodRisk,
  SodScope,
} from '../model/index.ts';
import { emptyPolicySet } from '../model/index.ts';

/** The day every SoD test runs on. */
export const TODAY = '2026-11-01';

/** Where `buildPolicies` says risks, role sets and mitigations live. */
export const SOD_FILE = 'policies/sod.yaml';

export function buildRole(
  id: string,
  entitlements: string[],
  fields: Partial<Role> = {},
): RoleEntry {
  const role: Role = {
    id,
    title: `Role ${id}`,
    description: '',
    owners: ['@acme/owners'],
    audience: 'human',
    entitlements,
    membership: { identities: [], criteria: [] },
    review: {},
    labels: [],
    ...fields,
  };
  return { role, file: `roles/${id}.yaml` };
}

export function buildFunction(id: string, entitlements: string[]): SodFunction {
  return { id, title: `Function ${id}`, entitlements };
}

export interface RiskFields extends Partial<Omit<SodRisk, 'scope'>> {
  scope?: Partial<SodScope>;
}

export function buildRisk(
  id: string,
  functions: string[],
  fields: RiskFields = {},
): SodRisk {
  const { scope, ...rest } = fields;
  return {
    id,
    title: `Risk ${id}`,
    severity: 'high',
    owner: '@acme/grc',
    rationale: 'Generated for a test.',
    functions,
    outcome: 'block',
    ...rest,
    scope: { kinds: [], systems: [], ...scope },
  };
}

export function buildRoleSet(
  id: string,
  roles: string[],
  cardinality: number,
  fields: Partial<RoleSetConstraint> = {},
): RoleSetConstraint {
  return {
    id,
    title: `Role set ${id}`,
    roles,
    cardinality,
    owner: '@acme/grc',
    outcome: 'block',
    ...fields,
  };
}

export function buildMitigation(
  id: string,
  risk: string,
  holder: { identity: string } | { role: string },
  expires: string,
): Mitigation {
  return {
    id,
    risk,
    ...holder,
    control: `CTRL-${id}`,
    owner: '@acme/audit',
    reason: 'Reviewed weekly.',
    expires,
  };
}

export interface PolicyParts {
  functions?: SodFunction[];
  risks?: SodRisk[];
  roleSets?: RoleSetConstraint[];
  mitigations?: Mitigation[];
}

/** A policy set whose items all come from `SOD_FILE`, in list order. */
export function buildPolicies(parts: PolicyParts): PolicySet {
  const policies: PolicySet = { ...emptyPolicySet(), ...parts };
  const sections = [
    ['function', 'functions', policies.functions],
    ['risk', 'risks', policies.risks],
    ['role-set', 'role_sets', policies.roleSets],
    ['mitigation', 'mitigations', policies.mitigations],
  ] as const;
  for (const [kind, key, items] of sections) {
    items.forEach((item, i) => {
      policies.origins[`${kind}:${item.id}`] = {
        file: SOD_FILE,
        path: `/${key}/${i}`,
      };
    });
  }
  return policies;
}

export function buildGrants(
  id: string,
  roles: string[],
  direct: string[] = [],
  kind?: IdentityKind,
): IdentityGrants {
  return { id, ...(kind !== undefined && { kind }), roles, direct };
}

export function buildTestIdentity(
  id: string,
  roles: string[],
  fields: Partial<PolicyTestIdentity> = {},
): PolicyTestIdentity {
  return { id, kind: 'human', roles, entitlements: [], ...fields };
}

/** One policy test file, `policies/tests/main.yaml`, with tests in order. */
export function buildTestFile(
  tests: Omit<PolicyTest, 'path'>[],
): PolicyTestFile {
  return {
    file: 'policies/tests/main.yaml',
    name: 'Main',
    tests: tests.map((test, i) => ({ ...test, path: `/tests/${i}` })),
  };
}
