import type { Catalogue, Finding, Inventory } from '../model/index.ts';
import { compareFindings } from '../model/index.ts';
import type { AccessImpact } from './access-impact.ts';
import { computeAccessImpact, impactFindings } from './access-impact.ts';
import { resolveAccess } from './effective-access.ts';
import { evaluateIntegrity } from './integrity.ts';
import { evaluateAgainstInventory } from './inventory.ts';
import { evaluateInventorySod } from './inventory-sod.ts';
import { evaluateLeastPrivilege } from './least-privilege.ts';
import { evaluateMitigationExpiry } from './mitigations.ts';
import { evaluatePolicyTests } from './policy-tests.ts';
import { evaluateRoleSets } from './role-sets.ts';
import { buildSodIndex } from './sod-index.ts';
import { evaluateIdentitySod } from './sod-identities.ts';
import { evaluateRoleSod } from './sod-roles.ts';

export interface EvaluateOptions {
  /** YYYY-MM-DD; every date rule is judged as of this day. */
  today: string;
  inventory?: Inventory;
}

/**
 * Every rule of `rolesmith check` over one catalogue, as findings. The
 * catalogue's policies are the rules: under `check --base` the caller
 * passes the base branch's policies here.
 */
export function evaluateCatalogue(
  catalogue: Catalogue,
  options: EvaluateOptions,
): Finding[] {
  const { today, inventory } = options;
  const findings: Finding[] = [];
  const sodOptions = { today };

  findings.push(...evaluateIntegrity(catalogue));
  findings.push(...evaluateLeastPrivilege(catalogue, { today }));

  const access = resolveAccess(catalogue, inventory, { today });
  const index = buildSodIndex(
    catalogue.policies,
    universeOf(catalogue, inventory),
  );
  const { roles, policies } = catalogue;
  findings.push(...evaluateRoleSod(roles, policies, index, sodOptions));
  findings.push(
    ...evaluateIdentitySod(access, roles, policies, index, sodOptions),
  );
  findings.push(...evaluateRoleSets(access, policies, sodOptions));
  findings.push(...evaluateMitigationExpiry(policies, sodOptions));
  findings.push(
    ...evaluatePolicyTests(catalogue.policyTests, roles, policies, sodOptions),
  );

  if (inventory !== undefined) {
    findings.push(...evaluateAgainstInventory(catalogue, inventory));
    findings.push(...evaluateInventorySod(inventory, policies, sodOptions));
  }
  return findings.sort(compareFindings);
}

export interface ChangeOptions extends EvaluateOptions {
  baseRef: string;
  policyChanges: AccessImpact['policyChanges'];
}

/** The access impact of moving from `before` to `after`, and its findings. */
export function evaluateChange(
  before: Catalogue,
  after: Catalogue,
  options: ChangeOptions,
): { impact: AccessImpact; findings: Finding[] } {
  const impact = computeAccessImpact(before, after, {
    today: options.today,
    baseRef: options.baseRef,
    policyChanges: options.policyChanges,
    ...(options.inventory !== undefined && { inventory: options.inventory }),
  });
  const locate = grantLocator(impact, after);
  const findings = impactFindings(impact).map((finding) => {
    const identity = finding.subject?.identity;
    const entitlement = finding.subject?.entitlements?.[0];
    if (finding.file !== undefined || identity === undefined) return finding;
    if (entitlement === undefined) return finding;
    return { ...finding, ...locate(identity, entitlement) };
  });
  if (options.inventory === undefined) {
    findings.push(...unresolvedCriteria(before, after));
  }
  return { impact, findings: findings.sort(compareFindings) };
}

/**
 * Without an inventory, attribute criteria resolve to nobody, so a change
 * to them shows no impact at all; say so rather than report "no change".
 */
function unresolvedCriteria(before: Catalogue, after: Catalogue): Finding[] {
  const old = new Map(
    before.roles.map((e) => [
      e.role.id,
      JSON.stringify(e.role.membership.criteria),
    ]),
  );
  return after.roles
    .filter(
      (e) =>
        e.role.membership.criteria.length > 0 &&
        old.get(e.role.id) !== JSON.stringify(e.role.membership.criteria),
    )
    .map((e) => ({
      code: 'impact.criteria-unresolved',
      severity: 'warning',
      file: e.file,
      path: '/membership/criteria',
      message:
        `The membership criteria of ${e.role.id} changed, but ` +
        'without an inventory nobody can be resolved, so their ' +
        'access impact is not shown',
      hint:
        'run check --base with --inventory (a source with identity ' +
        'attributes) to see who gains or loses access',
      subject: { role: e.role.id },
    }));
}

/**
 * Impact findings are about identities; this points each one at the role
 * file (and entitlement line) or exceptions file that grants the access,
 * so it lands on the pull request's diff and code scanning can place it.
 */
function grantLocator(
  impact: AccessImpact,
  after: Catalogue,
): (identity: string, entitlement: string) => Partial<Finding> {
  const via = new Map<string, string[]>();
  for (const gain of impact.gains) {
    via.set(`${gain.identity}\u0000${gain.entitlement}`, gain.via);
  }
  const roles = new Map(after.roles.map((entry) => [entry.role.id, entry]));
  const exceptions = new Map(
    after.exceptions.map((entry) => [
      `${entry.exception.identity}\u0000${entry.exception.entitlement}`,
      entry.file,
    ]),
  );
  return (identity, entitlement) => {
    const key = `${identity}\u0000${entitlement}`;
    for (const grant of via.get(key) ?? []) {
      const entry = roles.get(grant);
      if (entry === undefined) continue;
      const index = entry.role.entitlements.indexOf(entitlement);
      return { file: entry.file, path: `/entitlements/${index}` };
    }
    const file = exceptions.get(key);
    return file === undefined ? {} : { file };
  };
}

function universeOf(catalogue: Catalogue, inventory?: Inventory): Set<string> {
  const universe = new Set<string>();
  for (const { role } of catalogue.roles) {
    for (const id of role.entitlements) universe.add(id);
  }
  for (const { exception } of catalogue.exceptions) {
    universe.add(exception.entitlement);
  }
  for (const file of catalogue.policyTests) {
    for (const test of file.tests) {
      for (const identity of test.identities) {
        for (const id of identity.entitlements) universe.add(id);
      }
    }
  }
  if (inventory !== undefined) {
    for (const entitlement of inventory.entitlements)
      universe.add(entitlement.id);
    for (const assignment of inventory.assignments) {
      universe.add(assignment.entitlement);
    }
  }
  return universe;
}
