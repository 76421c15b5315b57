// In-memory builders for check tests: each takes only what a test is
// about and fills the rest with valid defaults.
import { emptyPolicySet } from '../model/index.ts';
import type {
  Catalogue,
  DirectException,
  Entitlement,
  ExceptionEntry,
  Identity,
  IdentityKind,
  Inventory,
  LeastPrivilegeRules,
  MembershipCriterion,
  PolicySet,
  Role,
  RoleEntry,
  SodFunction,
  SodRisk,
} from '../model/index.ts';

export interface RoleSpec extends Partial<Omit<Role, 'membership'>> {
  id: string;
  members?: string[];
  /** Criteria entries as plain maps: `{ department: 'Finance' }`. */
  criteria?: Record<string, string | string[]>[];
  file?: string;
}

export function buildRole(spec: RoleSpec): RoleEntry {
  const { members = [], criteria = [], file, ...fields } = spec;
  const role: Role = {
    title: spec.id,
    description: '',
    owners: ['@acme/owners'],
    audience: 'human',
    entitlements: [],
    review: {},
    labels: [],
    ...fields,
    membership: { identities: members, criteria: criteria.map(toCriteria) },
  };
  return { role, file: file ?? `roles/${spec.id}.yaml` };
}

function toCriteria(
  entry: Record<string, string | string[]>,
): MembershipCriterion[] {
  return Object.entries(entry).map(([attribute, values]) => ({
    attribute,
    values: typeof values === 'string' ? [values] : values,
  }));
}

export function buildException(
  spec: Partial<DirectException> & { identity: string; entitlement: string },
  file = 'exceptions/main.yaml',
): ExceptionEntry {
  const exception: DirectException = {
    reason: 'Cover for a colleague on leave.',
    owner: '@acme/owners',
    ...spec,
  };
  return { exception, file };
}

export interface CatalogueSpec {
  roles?: RoleEntry[];
  exceptions?: ExceptionEntry[];
  policies?: Partial<PolicySet>;
  leastPrivilege?: Partial<LeastPrivilegeRules>;
}

export function buildCatalogue(spec: CatalogueSpec = {}): Catalogue {
  const base = emptyPolicySet();
  return {
    roles: spec.roles ?? [],
    exceptions: spec.exceptions ?? [],
    policies: {
      ...base,
      ...spec.policies,
      leastPrivilege: { ...base.leastPrivilege, ...spec.leastPrivilege },
    },
    policyTests: [],
  };
}

export function buildIdentity(
  id: string,
  kind: IdentityKind = 'human',
  attributes: Record<string, string> = {},
  fields: Partial<Identity> = {},
): Identity {
  return { id, kind, attributes, ...fields };
}

export interface InventorySpec {
  identities?: Identity[];
  entitlements?: (string | Entitlement)[];
  /** `[identity, entitlement]` pairs. */
  assignments?: [string, string][];
}

export function buildInventory(spec: InventorySpec = {}): Inventory {
  return {
    identities: spec.identities ?? [],
    entitlements: (spec.entitlements ?? []).map((entitlement) =>
      typeof entitlement === 'string'
        ? { id: entitlement, system: entitlement.split(':')[0] ?? '' }
        : entitlement,
    ),
    assignments: (spec.assignments ?? []).map(([identity, entitlement]) => ({
      identity,
      entitlement,
    })),
    sources: [],
  };
}

export function buildFunction(id: string, entitlements: string[]): SodFunction {
  return { id, title: id, entitlements };
}

export function buildRisk(
  spec: Partial<SodRisk> & { id: string; functions: string[] },
): SodRisk {
  return {
    title: spec.id,
    severity: 'high',
    owner: '@acme/grc',
    rationale: 'Two duties one person must not hold.',
    scope: { kinds: [], systems: [] },
    outcome: 'block',
    ...spec,
  };
}
