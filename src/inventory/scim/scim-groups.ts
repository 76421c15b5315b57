import type { Logger } from '../../logger.ts';
import type { AssignmentSource, Entitlement } from '../../model/index.ts';
import { truncate } from '../../errors.ts';
import type { InventoryBuilder } from '../inventory-builder.ts';
import { pointer } from '../json-file.ts';
import { optionalString, requiredString } from '../record-checks.ts';
import type { ScimResource } from './scim-resources.ts';
import { scimField } from './scim-resources.ts';
import type { ScimValue } from './scim-values.ts';
import { multiValued } from './scim-values.ts';

interface GroupNode {
  id: string;
  entitlement: Entitlement;
  group: ScimResource;
  members: ScimValue[];
  users: ScimValue[];
  groups: ScimValue[];
}

/** Every Group attribute the reader maps; a test checks them against RFC 7643. */
export const MAPPED_GROUP_ATTRIBUTES = ['displayName', 'members.value'];

/** The entitlement id of a group: its display name, else its id. */
export function groupEntitlementId(name: string): string {
  return `scim:group:${name}`;
}

/**
 * Turns Groups into entitlements and their members into assignments.
 * Direct members hold a group with source `direct`; members of nested
 * groups hold every enclosing group with source `group`. Cycles are cut.
 */
export function addGroups(
  groups: readonly ScimResource[],
  builder: InventoryBuilder,
  logger: Logger,
): void {
  const nodes = readGroups(groups, builder, logger);
  for (const node of nodes.values()) {
    for (const member of node.users) {
      builder.addAssignment(assignment(member.value, node, 'direct', member));
    }
    // Every user reachable through nested groups, each group visited once.
    const visited = new Set([node.id]);
    for (const first of node.groups) {
      const queue = [first.value];
      while (queue.length > 0) {
        const current = nodes.get(queue.shift() ?? '');
        if (current === undefined || visited.has(current.id)) {
          if (current?.id === node.id) {
            logger.warn('SCIM group membership cycle; cut', { group: node.id });
          }
          continue;
        }
        visited.add(current.id);
        for (const member of current.users) {
          builder.addAssignment(assignment(member.value, node, 'group', first));
        }
        queue.push(...current.groups.map((g) => g.value));
      }
    }
  }
}

/** Reads each Group once and sorts its members into users and groups. */
function readGroups(
  groups: readonly ScimResource[],
  builder: InventoryBuilder,
  logger: Logger,
): Map<string, GroupNode> {
  const nodes = new Map<string, GroupNode>();

  for (const group of groups) {
    const { resource, path, reporter } = group;
    const id = requiredString(reporter, scimField(resource, 'id'), path, 'id');
    if (id === undefined) continue;
    if (nodes.has(id) || builder.findIdentity(id) !== undefined) {
      reporter.report(
        path,
        `id ${truncate(id)} is used by another resource`,
        'ids unique across Users and Groups',
      );
      continue;
    }
    const display = optionalString(
      reporter,
      scimField(resource, 'displayName'),
      pointer(path, 'displayName'),
      'displayName',
    );
    const name = display === undefined || display.trim() === '' ? id : display;
    let entitlementId = groupEntitlementId(name);
    if (builder.findEntitlement(entitlementId) !== undefined) {
      // Display names need not be unique; the id keeps the two apart.
      logger.warn('two SCIM groups share a display name', { name, id });
      entitlementId = `${entitlementId}#${id}`;
    }
    const entitlement = builder.ensureEntitlement({
      id: entitlementId,
      system: 'scim',
      name,
      provenance: [{ source: 'scim', file: reporter.file, path }],
    });
    const members = multiValued(reporter, resource, 'members', path);
    nodes.set(id, { id, entitlement, group, members, users: [], groups: [] });
  }

  // Members resolve only once every Group is known, across all files.
  for (const node of nodes.values()) {
    const { reporter } = node.group;
    for (const member of node.members) {
      if (builder.findIdentity(member.value) !== undefined)
        node.users.push(member);
      else if (nodes.has(member.value)) node.groups.push(member);
      else {
        reporter.report(
          member.path,
          `member ${truncate(member.value)} is neither a User nor a Group in the input`,
          'the id of a User or Group given in the same source',
        );
      }
    }
  }
  return nodes;
}

function assignment(
  identity: string,
  node: GroupNode,
  source: AssignmentSource,
  via: ScimValue,
): Parameters<InventoryBuilder['addAssignment']>[0] {
  const file = node.entitlement.provenance?.[0]?.file;
  return {
    identity,
    entitlement: node.entitlement.id,
    source,
    provenance: {
      source: 'scim',
      ...(file !== undefined && { file }),
      path: via.path,
    },
  };
}
