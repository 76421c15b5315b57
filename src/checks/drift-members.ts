import type { Finding, Identity, Role } from '../model/index.ts';
import { isDisabled, systemOf } from '../model/index.ts';
import type { DriftContext } from './drift-context.ts';
import { listIds } from './drift-context.ts';
import { attributeOf } from './effective-access.ts';

/**
 * Entitlements a role grants that some of its active members do not hold.
 * Judged only where the inventory covers the entitlement's system, and
 * only for members the inventory knows and has not disabled: those are
 * `drift.criteria-mismatch` instead.
 */
export function missingGrantFindings(context: DriftContext): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, via } of context.roles) {
    const { role, file } = entry;
    const active = [...via.keys()]
      .filter((id) => {
        const identity = context.identities.get(id);
        return identity !== undefined && !isDisabled(identity);
      })
      .sort();
    const seen = new Set<string>();
    role.entitlements.forEach((entitlement, index) => {
      // A repeated entitlement is reported by check; judge it once.
      if (seen.has(entitlement)) return;
      seen.add(entitlement);
      if (!context.inventorySystems.has(systemOf(entitlement))) return;
      const missing = active.filter(
        (id) => context.held.get(id)?.has(entitlement) !== true,
      );
      if (missing.length === 0) return;
      const who =
        missing.length === 1
          ? `member ${missing.join('')} does not hold it`
          : `${missing.length} of ${active.length} members do not hold it: ${listIds(missing)}`;
      findings.push({
        code: 'drift.missing-grant',
        severity: 'warning',
        file,
        path: `/entitlements/${index}`,
        message: `Role ${role.id} grants ${entitlement}, but ${who}`,
        hint:
          'Provision it in the source system, or remove it from the role if ' +
          'its members do not need it.',
        subject: {
          role: role.id,
          entitlements: [entitlement],
          ...(missing.length === 1 && { identity: missing.join('') }),
        },
      });
    });
  }
  return findings;
}

/**
 * Explicitly named members the catalogue should no longer name: gone from
 * the inventory, disabled there, or (for a role with attribute criteria)
 * no longer matching any of them. One finding per member, the first of
 * those reasons that applies.
 */
export function criteriaMismatchFindings(context: DriftContext): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, via } of context.roles) {
    const { role, file } = entry;
    const matched = new Set<string>();
    for (const criteria of role.membership.criteria) {
      for (const id of context.members.matchEntry(criteria)) matched.add(id);
    }
    role.membership.identities.forEach((id, index) => {
      const path = `/membership/identities/${index}`;
      // Repeated members are check's role.duplicate-member; judge once.
      if (via.get(id) !== path) return;
      const problem = memberProblem(role, context.identities.get(id), matched);
      if (problem === undefined) return;
      findings.push({
        code: 'drift.criteria-mismatch',
        severity: 'warning',
        file,
        path,
        message: `Role ${role.id} names member ${id}, ${problem.why}`,
        hint: problem.hint,
        subject: { role: role.id, identity: id },
      });
    });
  }
  return findings;
}

function memberProblem(
  role: Role,
  identity: Identity | undefined,
  matched: ReadonlySet<string>,
): { why: string; hint: string } | undefined {
  if (identity === undefined) {
    return {
      why: 'who is not in the inventory',
      hint: 'Remove the member if the identity is gone, or read the source that holds it.',
    };
  }
  if (isDisabled(identity)) {
    return {
      why: `whose account is ${identity.status ?? 'disabled'}`,
      hint: 'Remove the member, and revoke what the account still holds.',
    };
  }
  const { criteria } = role.membership;
  if (criteria.length === 0 || matched.has(identity.id)) return undefined;
  const attributes = [
    ...new Set(criteria.flatMap((entry) => entry.map((c) => c.attribute))),
  ].sort();
  const has = attributes
    .map((a) => `${a} ${attributeOf(identity, a) ?? '(none)'}`)
    .join(', ');
  const wants = criteria
    .map((entry) =>
      entry.map((c) => `${c.attribute} ${c.values.join('|')}`).join(' and '),
    )
    .join(' or ');
  return {
    why: `who no longer matches its criteria (${wants}; has ${has})`,
    hint:
      'Remove the member if they moved on; members who still fit get the ' +
      'role through its criteria.',
  };
}
