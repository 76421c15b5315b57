import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { compilePatterns } from '../src/checks/patterns.ts';

// The example catalogue as its files say, read without rolesmith's own
// loader so that a bug there cannot hide a broken example.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Review dates and expiries are judged as of this day, as in the CLI tests.
const AS_OF = '2026-12-03';

interface RoleFile {
  id: string;
  title: string;
  description?: string;
  audience: 'human' | 'machine';
  owners: string[];
  entitlements: string[];
  membership?: { identities?: string[] };
  review?: { last_reviewed?: string; next_review?: string };
  labels?: string[];
}

interface RiskEntry {
  id: string;
  functions: string[];
  scope?: { kinds?: string[]; systems?: string[] };
  outcome: 'block' | 'warn';
}

interface MitigationEntry {
  id: string;
  risk: string;
  identity?: string;
  role?: string;
  expires: string;
}

interface RoleSetEntry {
  id: string;
  roles: string[];
  cardinality: number;
}

interface LeastPrivilege {
  max_entitlements_per_role: number;
  forbidden_for_machine: string[];
  forbidden_for_human: string[];
  critical: string[];
  critical_min_owners?: number;
  max_review_days: number;
  role_schema?: string;
}

interface PolicyFile {
  owners?: string[];
  functions?: { id: string; entitlements: string[] }[];
  risks?: RiskEntry[];
  role_sets?: RoleSetEntry[];
  mitigations?: MitigationEntry[];
  least_privilege?: LeastPrivilege;
}

interface PolicyTestFile {
  name: string;
  tests: {
    name: string;
    identities: { id: string; kind?: string; roles?: string[] }[];
    expect: { code: string; risk?: string; role_set?: string }[];
  }[];
}

interface ExceptionsFile {
  exceptions: {
    identity: string;
    entitlement: string;
    owner: string;
    expires?: string;
  }[];
}

interface Loaded<T> {
  file: string;
  data: T;
  /** YAML errors and warnings, duplicate keys among them. */
  problems: string[];
}

function listYaml(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(folder, name))
    .sort();
}

function readYaml<T>(file: string): Loaded<T> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const document = parseDocument(text, { uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings].map(
    (problem) => `${file}: ${problem.message}`,
  );
  return { file, data: document.toJS() as T, problems };
}

function compileRoleSchema(): {
  schema: Record<string, unknown>;
  validate: ValidateFunction;
} {
  const file = join(ROOT, 'policies', rules.role_schema ?? 'role.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    unknown
  >;
  // strict, as rolesmith compiles organisation schemas.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return { schema, validate: ajv.compile(schema) };
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

const roleFiles = listYaml('roles').map((f) => readYaml<RoleFile>(f));
const policyFiles = listYaml('policies')
  .filter((file) => !file.startsWith(join('policies', 'tests')))
  .map((file) => readYaml<PolicyFile>(file));
const testFiles = listYaml(join('policies', 'tests')).map((file) =>
  readYaml<PolicyTestFile>(file),
);
const exceptionFiles = listYaml('exceptions').map((file) =>
  readYaml<ExceptionsFile>(file),
);

const roles = new Map(roleFiles.map(({ data }) => [data.id, data]));
const policies = policyFiles.map(({ data }) => data);
const functions = policies.flatMap((policy) => policy.functions ?? []);
const risks = policies.flatMap((policy) => policy.risks ?? []);
const roleSets = policies.flatMap((policy) => policy.role_sets ?? []);
const mitigations = policies.flatMap((policy) => policy.mitigations ?? []);
const exceptions = exceptionFiles.flatMap(({ data }) => data.exceptions);
const tests = testFiles.flatMap(({ data }) => data.tests);
const leastPrivilege = policies.flatMap((policy) =>
  policy.least_privilege === undefined ? [] : [policy.least_privilege],
);
const rules = leastPrivilege[0]!;

interface Holder {
  id: string;
  audience: 'human' | 'machine';
  roles: string[];
  entitlements: Set<string>;
}

/** Everyone the catalogue grants something to, with what they hold. */
function collectHolders(): Holder[] {
  const holders = new Map<string, Holder>();
  const holder = (id: string, audience: Holder['audience']): Holder => {
    const found = holders.get(id);
    if (found !== undefined) return found;
    const created = {
      id,
      audience,
      roles: [],
      entitlements: new Set<string>(),
    };
    holders.set(id, created);
    return created;
  };
  for (const role of roles.values()) {
    for (const id of role.membership?.identities ?? []) {
      const entry = holder(id, role.audience);
      entry.roles.push(role.id);
      for (const entitlement of role.entitlements) {
        entry.entitlements.add(entitlement);
      }
    }
  }
  for (const exception of exceptions) {
    const audience = exception.identity.startsWith('svc-')
      ? 'machine'
      : 'human';
    holder(exception.identity, audience).entitlements.add(
      exception.entitlement,
    );
  }
  return [...holders.values()];
}

function systemOf(entitlement: string): string {
  return entitlement.slice(0, entitlement.indexOf(':'));
}

/** Whether entitlements cover every function of a risk, within its scope. */
function triggers(risk: RiskEntry, entitlements: Iterable<string>): boolean {
  const systems = risk.scope?.systems ?? [];
  const inScope = [...entitlements].filter(
    (id) => systems.length === 0 || systems.includes(systemOf(id)),
  );
  return risk.functions.every((functionId) => {
    const fn = functions.find((candidate) => candidate.id === functionId);
    const matches = compilePatterns(fn?.entitlements ?? []);
    return inScope.some((id) => matches(id));
  });
}

function appliesTo(risk: RiskEntry, audience: Holder['audience']): boolean {
  const kinds = risk.scope?.kinds ?? [];
  if (kinds.length === 0) return true;
  return audience === 'human'
    ? kinds.includes('human')
    : kinds.some((kind) => kind !== 'human');
}

describe('example catalogue files', () => {
  it('parses every file without duplicate keys or YAML warnings', () => {
    const all = [...roleFiles, ...policyFiles, ...testFiles, ...exceptionFiles];

    expect(all.flatMap(({ problems }) => problems)).toEqual([]);
    expect(roleFiles.length).toBeGreaterThanOrEqual(10);
    expect(policyFiles.length).toBeGreaterThanOrEqual(5);
    expect(testFiles.length).toBeGreaterThanOrEqual(1);
    expect(exceptionFiles.length).toBeGreaterThanOrEqual(1);
  });

  it('names every role file after its role id', () => {
    const mismatched = roleFiles.filter(
      ({ file, data }) => basename(file, '.yaml') !== data.id,
    );

    expect(mismatched.map(({ file }) => file)).toEqual([]);
  });

  it('validates every role against the organisation schema', () => {
    const { schema, validate } = compileRoleSchema();

    const failures = roleFiles.flatMap(({ file, data }) =>
      validate(data)
        ? []
        : (validate.errors ?? []).map(
            (error) => `${file}${error.instancePath} ${error.message ?? ''}`,
          ),
    );
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(failures).toEqual([]);
  });

  it('rejects a role that breaks the organisation schema', () => {
    const { validate } = compileRoleSchema();

    const valid = validate({
      id: 'adhoc',
      title: 'Ad hoc',
      audience: 'machine',
      owners: ['acme/platform'],
      entitlements: ['SAP:SE16N'],
      membership: { criteria: [{ department: 'IT' }] },
    });

    expect(valid).toBe(false);
    expect(
      (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`),
    ).toEqual(
      expect.arrayContaining([
        ' required',
        '/owners/0 pattern',
        '/entitlements/0 pattern',
        '/membership/criteria maxItems',
      ]),
    );
  });

  it('gives every policy file the GRC team as owner', () => {
    const unowned = policyFiles.filter(
      ({ data }) => data.owners?.join() !== '@acme/grc',
    );

    expect(unowned.map(({ file }) => file)).toEqual([]);
  });

  it('declares least-privilege rules once', () => {
    expect(leastPrivilege).toHaveLength(1);
    expect(rules.max_entitlements_per_role).toBe(25);
    expect(rules.max_review_days).toBe(365);
  });
});

describe('example catalogue references', () => {
  it('keeps policy ids unique across files', () => {
    const ids = [
      ...functions.map((fn) => `function:${fn.id}`),
      ...risks.map((risk) => `risk:${risk.id}`),
      ...roleSets.map((set) => `role-set:${set.id}`),
      ...mitigations.map((mitigation) => `mitigation:${mitigation.id}`),
    ];

    expect(ids.length).toBe(new Set(ids).size);
  });

  it('refers only to functions that exist', () => {
    const known = new Set(functions.map((fn) => fn.id));

    const missing = risks.flatMap((risk) =>
      risk.functions
        .filter((id) => !known.has(id))
        .map((id) => `${risk.id}: ${id}`),
    );
    expect(missing).toEqual([]);
  });

  it('refers only to roles and risks that exist', () => {
    const riskIds = new Set(risks.map((risk) => risk.id));
    const setIds = new Set(roleSets.map((set) => set.id));

    const roleRefs = [
      ...roleSets.flatMap((set) => set.roles),
      ...mitigations.flatMap((m) => (m.role === undefined ? [] : [m.role])),
      ...tests.flatMap((test) =>
        test.identities.flatMap((identity) => identity.roles ?? []),
      ),
    ];
    const riskRefs = [
      ...mitigations.map((m) => m.risk),
      ...tests.flatMap((test) => test.expect.flatMap((e) => e.risk ?? [])),
    ];
    const setRefs = tests.flatMap((test) =>
      test.expect.flatMap((e) => e.role_set ?? []),
    );
    expect(roleRefs.filter((id) => !roles.has(id))).toEqual([]);
    expect(riskRefs.filter((id) => !riskIds.has(id))).toEqual([]);
    expect(setRefs.filter((id) => !setIds.has(id))).toEqual([]);
  });

  it('has policy tests for conflicts and for clean combinations', () => {
    const conflicts = tests.filter((test) => test.expect.length > 0);
    const clean = tests.filter((test) => test.expect.length === 0);

    expect(tests.length).toBeGreaterThanOrEqual(6);
    expect(conflicts.length).toBeGreaterThanOrEqual(3);
    expect(clean.length).toBeGreaterThanOrEqual(3);
  });
});

describe('example catalogue least privilege', () => {
  it('gives every role with a critical entitlement enough owners', () => {
    const critical = compilePatterns(rules.critical);
    const minOwners = rules.critical_min_owners ?? 2;

    const criticalRoles = [...roles.values()].filter((role) =>
      role.entitlements.some((id) => critical(id)),
    );
    expect(criticalRoles.map((role) => role.id).sort()).toEqual([
      'ci-deploy-bot',
      'identity-admin',
      'payment-approver',
      'payroll-approver',
    ]);
    expect(
      criticalRoles.filter((role) => new Set(role.owners).size < minOwners),
    ).toEqual([]);
  });

  it('keeps forbidden entitlements out of roles and under the size limit', () => {
    const forbidden = {
      machine: compilePatterns(rules.forbidden_for_machine),
      human: compilePatterns(rules.forbidden_for_human),
    };

    const violations = [...roles.values()].flatMap((role) =>
      role.entitlements
        .filter((id) => forbidden[role.audience](id))
        .map((id) => `${role.id}: ${id}`),
    );
    expect(violations).toEqual([]);
    expect(
      [...roles.values()].filter(
        (role) => role.entitlements.length > rules.max_entitlements_per_role,
      ),
    ).toEqual([]);
  });

  it('schedules every review within the allowed window', () => {
    const latest = addDays(AS_OF, rules.max_review_days);

    const outOfWindow = [...roles.values()].filter((role) => {
      const { last_reviewed: last = '', next_review: next = '' } =
        role.review ?? {};
      return !(last <= AS_OF && next > AS_OF && next <= latest);
    });
    expect(outOfWindow.map((role) => role.id)).toEqual([]);
  });

  it('lets no exception or mitigation expire before the review day', () => {
    const expiries = [
      ...exceptions.map((e) => e.expires ?? ''),
      ...mitigations.map((m) => m.expires),
    ];

    expect(expiries.filter((date) => !(date > AS_OF))).toEqual([]);
  });
});

describe('example catalogue separation of duties', () => {
  const holders = collectHolders();

  it('puts no conflict inside a single role', () => {
    const toxic = [...roles.values()].flatMap((role) =>
      risks
        .filter((risk) => risk.functions.length > 1)
        .filter((risk) => appliesTo(risk, role.audience))
        .filter((risk) => triggers(risk, role.entitlements))
        .map((risk) => `${role.id}: ${risk.id}`),
    );

    expect(toxic).toEqual([]);
  });

  it('finds only the mitigated conflict of the Lyon site controller', () => {
    const conflicts = holders.flatMap((holder) =>
      risks
        .filter((risk) => appliesTo(risk, holder.audience))
        .filter((risk) => triggers(risk, holder.entitlements))
        .map((risk) => ({ identity: holder.id, risk: risk.id })),
    );

    expect(conflicts).toEqual([{ identity: 'u1042', risk: 'P2P-002' }]);
    const mitigation = mitigations.find(
      (m) => m.identity === 'u1042' && m.risk === 'P2P-002',
    );
    expect(mitigation?.expires.startsWith('2027-')).toBe(true);
  });

  it('lets nobody hold too many roles of a role set', () => {
    const breaches = roleSets.flatMap((set) =>
      holders
        .filter(
          (holder) =>
            holder.roles.filter((id) => set.roles.includes(id)).length >=
            set.cardinality,
        )
        .map((holder) => `${set.id}: ${holder.id}`),
    );

    expect(breaches).toEqual([]);
  });

  it('keeps people and machines in roles of their own audience', () => {
    const mixed = holders.filter(
      (holder) =>
        holder.id.startsWith('svc-') !== (holder.audience === 'machine'),
    );

    expect(mixed.map((holder) => holder.id)).toEqual([]);
  });
});

describe('CODEOWNERS', () => {
  const lines = readFileSync(join(ROOT, '.github', 'CODEOWNERS'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));
  const owners = new Map(lines.map(([path = '', ...rest]) => [path, rest]));

  it('names the owners of each role file', () => {
    const drift = roleFiles.filter(
      ({ file, data }) =>
        owners.get(`/${file}`)?.join(' ') !== data.owners.join(' '),
    );

    expect(drift.map(({ file }) => file)).toEqual([]);
  });

  it('gives policies and exceptions to GRC and workflows to platform', () => {
    expect(owners.get('/policies/')).toEqual(['@acme/grc']);
    expect(owners.get('/exceptions/')).toEqual(['@acme/grc']);
    expect(owners.get('/.github/')).toEqual(['@acme/platform']);
  });
});
