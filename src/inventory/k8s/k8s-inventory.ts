import type {
  Assignment,
  AssignmentSource,
  Entitlement,
  Identity,
  Provenance,
} from '../../model/index.ts';
import type { Logger } from '../../logger.ts';
import type {
  BindingDef,
  K8sSite,
  RbacObjects,
  RoleDef,
  SubjectDef,
} from './k8s-defs.ts';
import type { RoleIndex } from './k8s-entitlements.ts';
import {
  buildEntitlement,
  CLUSTER_SCOPE,
  entitlementId,
  provenanceOf,
  roleKey,
} from './k8s-entitlements.ts';
import { IdentityBook } from './k8s-identities.ts';

/** A Group subject: who is in it is known to the authenticator only. */
export interface K8sGroupBinding {
  group: string;
  entitlement: string;
  /** `system:` groups, whose members Kubernetes defines; worth a look. */
  system: boolean;
  /** Members the `groupMembers` mapping gave; 0 when it names none. */
  members: number;
  provenance: Provenance;
}

export interface K8sBuildOptions {
  /** Source name in provenance. */
  source: string;
  /** Group name to member usernames, for expanding Group subjects. */
  groupMembers: Readonly<Record<string, readonly string[]>>;
  logger: Logger;
}

export interface K8sInventoryParts {
  identities: Identity[];
  entitlements: Entitlement[];
  assignments: Assignment[];
  groupBindings: K8sGroupBinding[];
}

/**
 * Turns RBAC objects into identities, entitlements and assignments: one
 * assignment per subject and role reference. Pure apart from logging.
 */
export function buildK8sInventory(
  objects: RbacObjects,
  options: K8sBuildOptions,
): K8sInventoryParts {
  const { source, logger } = options;
  const book = new IdentityBook(source, logger);
  for (const account of objects.serviceAccounts) book.define(account);
  const roles = indexRoles(objects.roles, logger);

  const entitlements = new Map<string, Entitlement>();
  const ensure = (
    ref: BindingDef['roleRef'],
    scope: string,
    site: K8sSite,
  ): string => {
    const id = entitlementId(ref.kind, ref.name, scope);
    if (!entitlements.has(id)) {
      entitlements.set(id, buildEntitlement(ref, scope, roles, source, site));
    }
    return id;
  };
  // Defined roles are entitlements even when unbound: dead roles matter.
  for (const role of roles.values()) {
    ensure(role, role.namespace ?? CLUSTER_SCOPE, role.site);
  }

  const assignments: Assignment[] = [];
  const seen = new Set<string>();
  const assign = (
    identity: string,
    entitlement: string,
    how: AssignmentSource,
    subject: SubjectDef,
  ) => {
    const key = `${identity}\u0000${entitlement}`;
    if (seen.has(key)) return;
    seen.add(key);
    assignments.push({
      identity,
      entitlement,
      source: how,
      provenance: provenanceOf(source, subject.site),
    });
  };

  const groupBindings: K8sGroupBinding[] = [];
  for (const binding of objects.bindings) {
    const scope = binding.namespace ?? CLUSTER_SCOPE;
    if (
      scope === CLUSTER_SCOPE &&
      binding.kind === 'RoleBinding' &&
      binding.roleRef.kind === 'ClusterRole'
    ) {
      // `k8s:cluster:` would then mean two things; see docs/inventory-k8s.md.
      logger.warn(
        'a namespace named "cluster" shares ids with cluster-wide grants',
        {
          binding: binding.name,
          ...binding.site,
        },
      );
    }
    const entitlement = ensure(binding.roleRef, scope, binding.roleRefSite);
    if (binding.subjects.length === 0) {
      logger.debug('a binding has no subjects', {
        entitlement,
        ...binding.site,
      });
    }
    for (const subject of binding.subjects) {
      if (subject.kind !== 'Group') {
        assign(book.resolve(subject), entitlement, 'direct', subject);
        continue;
      }
      const members = Object.hasOwn(options.groupMembers, subject.name)
        ? (options.groupMembers[subject.name] ?? [])
        : [];
      for (const member of members) {
        assign(
          book.resolveUsername(member, subject),
          entitlement,
          'group',
          subject,
        );
      }
      const system = subject.name.startsWith('system:');
      const record: K8sGroupBinding = {
        group: subject.name,
        entitlement,
        system,
        members: members.length,
        provenance: provenanceOf(source, subject.site),
      };
      groupBindings.push(record);
      if (system) {
        logger.warn('a binding grants access to a Kubernetes system group', {
          ...record,
        });
      } else if (members.length === 0) {
        logger.debug('a group subject is not expanded (no member mapping)', {
          ...record,
        });
      }
    }
  }

  const byId = <T extends { id: string }>(a: T, b: T) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    identities: book.all().sort(byId),
    entitlements: [...entitlements.values()].sort(byId),
    assignments,
    groupBindings,
  };
}

function indexRoles(defs: readonly RoleDef[], logger: Logger): RoleIndex {
  const roles = new Map<string, RoleDef>();
  for (const role of defs) {
    const key = roleKey(role.kind, role.name, role.namespace);
    const earlier = roles.get(key);
    if (earlier !== undefined) {
      // `kubectl apply` of the same files would leave the last one.
      logger.warn('a role is defined twice; the last definition is used', {
        role: key,
        first: earlier.site,
        again: role.site,
      });
    }
    roles.set(key, role);
  }
  return roles;
}
