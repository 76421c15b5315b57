import { compareFindings } from '../model/index.ts';
import type {
  Catalogue,
  Finding,
  FindingSubject,
  PolicyOrigin,
  PolicySet,
  RoleEntry,
} from '../model/index.ts';

/**
 * Checks that the catalogue hangs together: ids are unique, lists hold no
 * duplicates and every policy reference names something that exists.
 *
 * Policy duplicates are found in the merged lists, but `origins` keeps one
 * site per id, so such a finding points at that site only. The catalogue
 * reader sees every file and may report the same duplicate with exact
 * locations; the pipeline should keep one of the two.
 */
export function evaluateIntegrity(catalogue: Catalogue): Finding[] {
  const { policies } = catalogue;
  const refs: References = {
    policies,
    functions: new Set(policies.functions.map((fn) => fn.id)),
    risks: new Set(policies.risks.map((risk) => risk.id)),
    roles: new Set(catalogue.roles.map((entry) => entry.role.id)),
  };
  const findings = [
    ...roleIdFindings(catalogue.roles),
    ...catalogue.roles.flatMap(roleListFindings),
    ...policyIdFindings(policies),
    ...emptyFunctionFindings(policies),
    ...riskFindings(refs),
    ...roleSetFindings(refs),
    ...mitigationFindings(refs),
  ];
  return findings.sort(byFinding);
}

function roleIdFindings(entries: readonly RoleEntry[]): Finding[] {
  const first = new Map<string, string>();
  const findings: Finding[] = [];
  for (const { role, file } of entries) {
    const earlier = first.get(role.id);
    if (earlier === undefined) {
      first.set(role.id, file);
      continue;
    }
    findings.push({
      code: 'role.duplicate-id',
      severity: 'error',
      file,
      path: '/id',
      message: `Role id ${role.id} is already declared in ${earlier}`,
      hint: 'Give each role its own id, or merge the two files.',
      subject: { role: role.id },
    });
  }
  return findings;
}

function roleListFindings({ role, file }: RoleEntry): Finding[] {
  const entitlements = repeats(role.entitlements).map(
    ([index, entitlement]): Finding => ({
      code: 'role.duplicate-entitlement',
      severity: 'warning',
      file,
      path: `/entitlements/${index}`,
      message: `Role ${role.id} lists entitlement ${entitlement} twice`,
      hint: 'Remove the repeated entry.',
      subject: { role: role.id, entitlements: [entitlement] },
    }),
  );
  const members = repeats(role.membership.identities).map(
    ([index, identity]): Finding => ({
      code: 'role.duplicate-member',
      severity: 'warning',
      file,
      path: `/membership/identities/${index}`,
      message: `Role ${role.id} lists member ${identity} twice`,
      hint: 'Remove the repeated entry.',
      subject: { role: role.id, identity },
    }),
  );
  return [...entitlements, ...members];
}

/** Index and value of every entry that repeats an earlier one. */
function repeats(values: readonly string[]): [number, string][] {
  const seen = new Set<string>();
  const found: [number, string][] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) found.push([index, value]);
    else seen.add(value);
  });
  return found;
}

const POLICY_KINDS = [
  ['function', 'functions'],
  ['risk', 'risks'],
  ['role-set', 'roleSets'],
  ['mitigation', 'mitigations'],
] as const;

function policyIdFindings(policies: PolicySet): Finding[] {
  return POLICY_KINDS.flatMap(([kind, key]) => {
    const ids = policies[key].map((item) => item.id);
    return [...new Set(repeats(ids).map(([, id]) => id))].map(
      (id): Finding => ({
        code: 'policy.duplicate-id',
        severity: 'error',
        ...at(policies.origins[`${kind}:${id}`]),
        message: `Policy ${kind} id ${id} is declared more than once`,
        hint: 'Ids are unique across all policy files; rename or remove one.',
        ...(kind === 'risk' && { subject: { risk: id } }),
      }),
    );
  });
}

interface References {
  policies: PolicySet;
  functions: Set<string>;
  risks: Set<string>;
  roles: Set<string>;
}

function emptyFunctionFindings(policies: PolicySet): Finding[] {
  return policies.functions
    .filter((fn) => fn.entitlements.length === 0)
    .map((fn) => ({
      code: 'policy.empty-function',
      severity: 'warning',
      ...at(policies.origins[`function:${fn.id}`], '/entitlements'),
      message: `Function ${fn.id} has no entitlements, so no risk using it can fire`,
      hint: 'List the entitlements or patterns the function stands for.',
    }));
}

function riskFindings({ policies, functions }: References): Finding[] {
  return policies.risks.flatMap((risk) => {
    const site = policies.origins[`risk:${risk.id}`];
    return unknown(risk.functions, functions).map(([i, id]) =>
      dangling(
        'policy.unknown-function',
        at(site, `/functions/${i}`),
        `Risk ${risk.id} refers to unknown function ${id}`,
        { risk: risk.id },
      ),
    );
  });
}

function roleSetFindings({ policies, roles }: References): Finding[] {
  return policies.roleSets.flatMap((set) => {
    const site = policies.origins[`role-set:${set.id}`];
    const findings = unknown(set.roles, roles).map(([i, id]) =>
      dangling(
        'policy.unknown-role',
        at(site, `/roles/${i}`),
        `Role set ${set.id} refers to unknown role ${id}`,
        { role: id },
      ),
    );
    // Below 2 every holder of one role is a violation; above the number of
    // roles the constraint can never fire. Both are mistakes.
    const distinct = new Set(set.roles).size;
    const { cardinality } = set;
    const valid =
      Number.isInteger(cardinality) &&
      cardinality >= 2 &&
      cardinality <= distinct;
    if (valid) return findings;
    findings.push({
      code: 'role-set.cardinality',
      severity: 'error',
      ...at(site, '/cardinality'),
      message:
        `Role set ${set.id} has cardinality ${cardinality}; it must be a ` +
        `whole number from 2 to ${distinct}, the number of its roles`,
      hint: 'A cardinality of 2 means no identity may hold two of the roles.',
      subject: { roles: [...set.roles] },
    });
    return findings;
  });
}

/** Index and id of every reference that names nothing known. */
function unknown(
  ids: readonly string[],
  known: ReadonlySet<string>,
): [number, string][] {
  return ids.flatMap((id, i): [number, string][] =>
    known.has(id) ? [] : [[i, id]],
  );
}

function mitigationFindings({ policies, risks, roles }: References): Finding[] {
  return policies.mitigations.flatMap(({ id, risk, role }) => {
    const site = policies.origins[`mitigation:${id}`];
    const findings: Finding[] = [];
    if (!risks.has(risk)) {
      const message = `Mitigation ${id} refers to unknown risk ${risk}`;
      const where = at(site, '/risk');
      findings.push(dangling('policy.unknown-risk', where, message, { risk }));
    }
    if (role !== undefined && !roles.has(role)) {
      const message = `Mitigation ${id} refers to unknown role ${role}`;
      const subject = { role, risk };
      const where = at(site, '/role');
      findings.push(dangling('policy.unknown-role', where, message, subject));
    }
    return findings;
  });
}

function dangling(
  code: string,
  where: Pick<Finding, 'file' | 'path'>,
  message: string,
  subject: FindingSubject,
): Finding {
  const hint = 'Fix the id, or declare the item it refers to.';
  return { code, severity: 'error', ...where, message, hint, subject };
}

/** File and path of a policy site, with a pointer below it. */
function at(
  site: PolicyOrigin | undefined,
  suffix = '',
): Pick<Finding, 'file' | 'path'> {
  if (site === undefined) return {};
  return { file: site.file, path: `${site.path}${suffix}` };
}

function byFinding(a: Finding, b: Finding): number {
  return compareFindings(a, b) || (a.path ?? '').localeCompare(b.path ?? '');
}
