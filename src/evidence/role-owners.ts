import { compilePatterns } from '../checks/patterns.ts';
import type { Entitlement, LeastPrivilegeRules } from '../model/index.ts';

/**
 * The owners a new role starts with: the ones asked for, then the owners
 * of each critical entitlement it grants, as the inventory records them.
 * Whoever is accountable for the riskiest access should review the role
 * that hands it out, and that also meets the policies' rule that critical
 * access needs more than one owner, with people who know the system
 * rather than a second name picked to satisfy the check.
 *
 * Critical means named critical by the least-privilege rules, or rated
 * critical by the source. Only owners written as GitHub handles (`@…`)
 * are added, since CODEOWNERS routes reviews by them.
 */
export function initialOwners(
  requested: readonly string[],
  entitlements: readonly string[],
  catalogue: ReadonlyMap<string, Entitlement>,
  rules: Pick<LeastPrivilegeRules, 'critical'> | undefined,
): string[] {
  const critical = compilePatterns(rules?.critical ?? []);
  const added = new Set<string>();
  for (const id of entitlements) {
    const entitlement = catalogue.get(id);
    if (!critical(id) && entitlement?.risk !== 'critical') continue;
    const owner = entitlement?.owner?.trim();
    if (owner?.startsWith('@') === true && !requested.includes(owner)) {
      added.add(owner);
    }
  }
  return [...requested, ...[...added].sort()];
}
