import { audienceOf, compareFindings, systemOf } from '../model/index.ts';
import type {
  Catalogue,
  Finding,
  Identity,
  Inventory,
  RoleEntry,
} from '../model/index.ts';
import { indexMembers } from './effective-access.ts';
import type { MemberIndex } from './effective-access.ts';

interface Known {
  entitlements: Set<string>;
  /** Systems the inventory speaks for; others cannot be judged. */
  systems: Set<string>;
  identities: Map<string, Identity>;
  members: MemberIndex;
}

/**
 * Compares the catalogue with who-has-what: entitlements that do not
 * exist, members nobody knows, and roles mixing people with machines.
 *
 * An entitlement is judged only when the inventory covers its system, so
 * an inventory exported from SAP alone does not flag every GitHub grant.
 */
export function evaluateAgainstInventory(
  catalogue: Catalogue,
  inventory: Inventory,
): Finding[] {
  const entitlements = new Set([
    ...inventory.entitlements.map((entitlement) => entitlement.id),
    ...inventory.assignments.map((assignment) => assignment.entitlement),
  ]);
  const identities = new Map<string, Identity>();
  for (const identity of inventory.identities) {
    if (!identities.has(identity.id)) identities.set(identity.id, identity);
  }
  const known: Known = {
    entitlements,
    systems: new Set([...entitlements].map(systemOf)),
    identities,
    members: indexMembers(inventory),
  };
  const findings = catalogue.roles.flatMap((entry) => [
    ...entitlementFindings(entry, known),
    ...memberFindings(entry, known),
    ...criteriaFindings(entry, known),
  ]);
  return findings.sort(
    (a, b) =>
      compareFindings(a, b) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
}

function entitlementFindings(
  { role, file }: RoleEntry,
  known: Known,
): Finding[] {
  return role.entitlements.flatMap((entitlement, index): Finding[] => {
    if (known.entitlements.has(entitlement)) return [];
    if (!known.systems.has(systemOf(entitlement))) return [];
    return [
      {
        code: 'inventory.unknown-entitlement',
        // An id the system does not know is almost always a typo, and a
        // typo grants nothing while the author believes it does.
        severity: 'error',
        file,
        path: `/entitlements/${index}`,
        message: `Role ${role.id} grants ${entitlement}, which the inventory does not know`,
        hint: 'Check the spelling against the inventory export.',
        subject: { role: role.id, entitlements: [entitlement] },
      },
    ];
  });
}

function memberFindings({ role, file }: RoleEntry, known: Known): Finding[] {
  return role.membership.identities.flatMap((id, index): Finding[] => {
    const path = `/membership/identities/${index}`;
    const identity = known.identities.get(id);
    if (identity === undefined) {
      return [
        {
          code: 'inventory.unknown-identity',
          severity: 'warning',
          file,
          path,
          message: `Role ${role.id} names member ${id}, who is not in the inventory`,
          hint: 'Remove the member if the identity is gone, or refresh the inventory.',
          subject: { role: role.id, identity: id },
        },
      ];
    }
    const mismatch = audienceMismatch(role.id, role.audience, identity);
    return mismatch === undefined ? [] : [{ ...mismatch, file, path }];
  });
}

function criteriaFindings({ role, file }: RoleEntry, known: Known): Finding[] {
  // Explicit members were judged with their own path; report each identity
  // once, at the first criteria entry that lets it in.
  const seen = new Set(role.membership.identities);
  return role.membership.criteria.flatMap((entry, index): Finding[] =>
    known.members.matchEntry(entry).flatMap((id): Finding[] => {
      const identity = known.identities.get(id);
      if (seen.has(id) || identity === undefined) return [];
      seen.add(id);
      const mismatch = audienceMismatch(role.id, role.audience, identity);
      if (mismatch === undefined) return [];
      return [{ ...mismatch, file, path: `/membership/criteria/${index}` }];
    }),
  );
}

function audienceMismatch(
  roleId: string,
  audience: 'human' | 'machine',
  identity: Identity,
): Finding | undefined {
  // A default kind (pair files) says nothing about what the identity is.
  if (identity.kindAssumed === true) return undefined;
  const actual = audienceOf(identity.kind);
  if (actual === audience) return undefined;
  return {
    code: 'role.audience-mismatch',
    // People and machines never share a role: a machine credential in a
    // human role escapes the controls that assume a person.
    severity: 'error',
    message:
      `Role ${roleId} is for ${audience} identities but ` +
      `${identity.id} is a ${identity.kind}`,
    hint: `Move ${identity.id} to a role whose audience is ${actual}.`,
    subject: { role: roleId, identity: identity.id },
  };
}
