import type { RbacObjects } from './k8s-defs.ts';
import { siteOf } from './k8s-defs.ts';
import { isRecord } from './k8s-narrow.ts';
import type { ManifestObject, ParseContext } from './k8s-parse.ts';
import { parseBinding } from './k8s-binding.ts';
import { parseRole, parseServiceAccount } from './k8s-parse.ts';
import type { ManifestDocument, PathStep } from './k8s-yaml.ts';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

const RBAC_KINDS: readonly string[] = [
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
];

/** Lists inside lists are legal but rare; this deep is surely a mistake. */
const MAX_LIST_DEPTH = 4;

/** What a document that is not a Kubernetes object is counted as. */
export const NOT_AN_OBJECT = '(not a Kubernetes object)';

interface Frame {
  doc: ManifestDocument;
  path: PathStep[];
  depth: number;
  /** Kind and apiVersion a typed list (`RoleList`) gives items lacking them. */
  itemKind?: string;
  itemApiVersion?: string;
}

/**
 * Adds the RBAC objects of one parsed document to `into`, unwrapping
 * `List` and typed lists such as `RoleBindingList`. Other kinds are only
 * counted: a folder of manifests holds Deployments too.
 */
export function collectRbacObjects(
  doc: ManifestDocument,
  into: RbacObjects,
  context: ParseContext,
): void {
  visit(doc.data, { doc, path: [], depth: 0 }, into, context);
}

function visit(
  value: unknown,
  frame: Frame,
  into: RbacObjects,
  context: ParseContext,
): void {
  const inList = frame.depth > 0;
  // An empty document (a trailing `---`) holds nothing, which is fine.
  if (value === null || value === undefined) {
    if (inList) bad(frame, context, 'a list item is empty');
    return;
  }
  if (!isRecord(value)) {
    if (inList) bad(frame, context, 'a list item is not a mapping');
    else count(into, NOT_AN_OBJECT);
    return;
  }

  const kind = value.kind ?? frame.itemKind;
  const apiVersion = value.apiVersion ?? frame.itemApiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
    // Other YAML (Helm's Chart.yaml, CI files) may share the folder; a
    // list item, or an object that looks like RBAC, is a broken manifest.
    if (inList || looksLikeRbac(value, kind)) {
      bad(frame, context, 'an object has no string apiVersion and kind');
    } else {
      count(into, NOT_AN_OBJECT);
    }
    return;
  }

  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (kind.endsWith('List') && 'items' in value) {
    visitList(value.items, kind, apiVersion, frame, into, context);
    return;
  }
  const object: ManifestObject = {
    kind,
    body: value,
    doc: frame.doc,
    path: frame.path,
  };
  if (kind === 'ServiceAccount' && group === '') {
    const account = parseServiceAccount(object, context);
    if (account !== undefined) into.serviceAccounts.push(account);
  } else if (
    group === RBAC_GROUP &&
    (kind === 'Role' || kind === 'ClusterRole')
  ) {
    const role = parseRole(object, context);
    if (role !== undefined) into.roles.push(role);
  } else if (
    group === RBAC_GROUP &&
    (kind === 'RoleBinding' || kind === 'ClusterRoleBinding')
  ) {
    const binding = parseBinding(object, context);
    if (binding !== undefined) into.bindings.push(binding);
  } else {
    count(into, kind);
  }
}

function visitList(
  items: unknown,
  kind: string,
  apiVersion: string,
  frame: Frame,
  into: RbacObjects,
  context: ParseContext,
): void {
  const path = [...frame.path, 'items'];
  if (!Array.isArray(items)) {
    bad({ ...frame, path }, context, `${kind}.items is not a list`);
    return;
  }
  if (frame.depth >= MAX_LIST_DEPTH) {
    bad(frame, context, `lists are nested more than ${MAX_LIST_DEPTH} deep`);
    return;
  }
  // A typed list's items may omit kind and apiVersion, as the API sends them.
  const typed = kind !== 'List';
  items.forEach((item: unknown, index) => {
    visit(
      item,
      {
        doc: frame.doc,
        path: [...path, index],
        depth: frame.depth + 1,
        ...(typed && { itemKind: kind.slice(0, -'List'.length) }),
        ...(typed && { itemApiVersion: apiVersion }),
      },
      into,
      context,
    );
  });
}

function looksLikeRbac(value: Record<string, unknown>, kind: unknown): boolean {
  return (
    'roleRef' in value ||
    'subjects' in value ||
    'rules' in value ||
    (typeof kind === 'string' && RBAC_KINDS.includes(kind))
  );
}

function count(into: RbacObjects, kind: string): void {
  into.ignored.set(kind, (into.ignored.get(kind) ?? 0) + 1);
}

function bad(frame: Frame, context: ParseContext, message: string): void {
  context.bad(
    siteOf(frame.doc, frame.path),
    message,
    'a Kubernetes object with apiVersion and kind, e.g. apiVersion: ' +
      'rbac.authorization.k8s.io/v1, kind: RoleBinding',
  );
}
