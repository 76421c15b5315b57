import type {
  Finding,
  PolicySet,
  PolicyTest,
  PolicyTestExpectation,
  PolicyTestFile,
  RoleEntry,
} from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { MitigationIndex } from './mitigations.ts';
import { indexMitigations } from './mitigations.ts';
import { evaluateRoleSets } from './role-sets.ts';
import type { SodIndex, SodOptions } from './sod-index.ts';
import { buildSodIndex, formatIds } from './sod-index.ts';
import { findRiskHits, identityFindings } from './sod-identities.ts';
import type { RoleProfile } from './sod-roles.ts';
import { profileRoles } from './sod-roles.ts';

interface TestContext {
  index: SodIndex;
  profiles: ReadonlyMap<string, RoleProfile>;
  mitigations: MitigationIndex;
  policies: PolicySet;
  options: SodOptions;
}

/**
 * Runs every policy test against the policies and roles given, and
 * returns one `policy-test.failed` per failing test. Unlike the catalogue
 * check, a conflict inside a single role counts here as the identity's
 * `sod.identity-conflict`: a test describes people, not role files.
 */
export function evaluatePolicyTests(
  files: PolicyTestFile[],
  roles: RoleEntry[],
  policies: PolicySet,
  options: SodOptions,
): Finding[] {
  const universe = new Set<string>();
  for (const { role } of roles) {
    for (const id of role.entitlements) universe.add(id);
  }
  for (const identity of files.flatMap((f) =>
    f.tests.flatMap((t) => t.identities),
  )) {
    for (const id of identity.entitlements) universe.add(id);
  }
  const index = buildSodIndex(policies, universe);
  const context: TestContext = {
    index,
    profiles: profileRoles(roles, index),
    mitigations: indexMitigations(policies),
    policies,
    options,
  };

  const findings: Finding[] = [];
  for (const file of files) {
    for (const test of file.tests) {
      const failure = runTest(test, context);
      if (failure === undefined) continue;
      findings.push({
        code: 'policy-test.failed',
        severity: 'error',
        ...failure,
        file: file.file,
        path: test.path,
      });
    }
  }
  return findings.sort(compareFindings);
}

function runTest(
  test: PolicyTest,
  context: TestContext,
): { message: string; hint: string } | undefined {
  const unknown = [
    ...new Set(
      test.identities.flatMap((i) =>
        i.roles.filter((role) => !context.profiles.has(role)),
      ),
    ),
  ].sort();
  if (unknown.length > 0) {
    return {
      message:
        `Policy test "${test.name}" uses unknown ` +
        `${unknown.length === 1 ? 'role' : 'roles'} ${formatIds(unknown)}.`,
      hint: 'Fix the role id in the test, or add the role under roles/ before testing it.',
    };
  }

  const { missing, unexpected } = compare(test.expect, observe(test, context));
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  const parts = [
    missing.length === 0
      ? ''
      : `missing ${formatIds(missing.map(formatExpectation))}`,
    unexpected.length === 0
      ? ''
      : `unexpected ${formatIds(unexpected.map(formatExpectation))}`,
  ].filter((part) => part !== '');
  return {
    message: `Policy test "${test.name}" failed: ${parts.join('; ')}.`,
    hint:
      "If the policy change is intended, update the test's expect list; " +
      'otherwise fix the policy so that it catches what the test describes.',
  };
}

/** SoD and role-set findings of a test's identities, as expectations. */
function observe(
  test: PolicyTest,
  context: TestContext,
): PolicyTestExpectation[] {
  const { index, profiles, mitigations, policies, options } = context;
  const findings: Finding[] = [];
  for (const identity of test.identities) {
    const roles = [...new Set(identity.roles)].flatMap(
      (id) => profiles.get(id) ?? [],
    );
    const holding = {
      kind: identity.kind,
      audiences: roles.reduce((bits, role) => bits | role.audiences, 0),
      roles,
      direct: identity.entitlements,
    };
    const hits = findRiskHits(holding, index, true);
    findings.push(
      ...identityFindings(identity.id, hits, mitigations, options.today),
    );
  }
  const access = {
    identities: test.identities.map((identity) => ({
      id: identity.id,
      kind: identity.kind,
      roles: identity.roles,
      direct: identity.entitlements,
    })),
  };
  findings.push(...evaluateRoleSets(access, policies, options));

  return findings.map((finding) => {
    const { identity, risk } = finding.subject ?? {};
    // Role-set findings carry their role-set id in `subject.risk`.
    const roleSetId = finding.code === 'sod.role-set' ? risk : undefined;
    return {
      code: finding.code,
      ...(identity !== undefined && { identity }),
      ...(roleSetId === undefined
        ? risk !== undefined && { risk }
        : { roleSet: roleSetId }),
    };
  });
}

/**
 * Pairs expectations with observed findings; an expectation compares only
 * the fields it gives. The most specific expectations pair first so that
 * a loose one cannot take the finding a precise one needs.
 */
function compare(
  expected: readonly PolicyTestExpectation[],
  observed: readonly PolicyTestExpectation[],
): { missing: PolicyTestExpectation[]; unexpected: PolicyTestExpectation[] } {
  const open = [...observed];
  const missing: PolicyTestExpectation[] = [];
  const bySpecificity = [...expected].sort(
    (a, b) => fieldCount(b) - fieldCount(a),
  );
  for (const expectation of bySpecificity) {
    const at = open.findIndex((found) => matches(expectation, found));
    if (at === -1) missing.push(expectation);
    else open.splice(at, 1);
  }
  missing.sort((a, b) => expected.indexOf(a) - expected.indexOf(b));
  return { missing, unexpected: open };
}

function fieldCount(e: PolicyTestExpectation): number {
  return [e.identity, e.risk, e.roleSet].filter((v) => v !== undefined).length;
}

function matches(
  expectation: PolicyTestExpectation,
  found: PolicyTestExpectation,
): boolean {
  return (
    expectation.code === found.code &&
    (expectation.identity === undefined ||
      expectation.identity === found.identity) &&
    (expectation.risk === undefined || expectation.risk === found.risk) &&
    (expectation.roleSet === undefined || expectation.roleSet === found.roleSet)
  );
}

function formatExpectation(e: PolicyTestExpectation): string {
  const parts = [e.code, e.identity, e.risk, e.roleSet];
  return parts.filter((part) => part !== undefined).join(' ');
}
