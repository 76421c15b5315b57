import { truncate } from '../../errors.ts';
import type { BindingDef, SubjectDef, SubjectKind } from './k8s-defs.ts';
import { siteOf } from './k8s-defs.ts';
import { isRecord, textOf } from './k8s-narrow.ts';
import type { ManifestObject, ParseContext } from './k8s-parse.ts';
import { fail, parseMetadata } from './k8s-parse.ts';

const SUBJECT_KINDS: readonly SubjectKind[] = [
  'ServiceAccount',
  'User',
  'Group',
];

function isSubjectKind(kind: string | undefined): kind is SubjectKind {
  return (SUBJECT_KINDS as readonly (string | undefined)[]).includes(kind);
}

/**
 * Narrows a RoleBinding or ClusterRoleBinding. A bad roleRef loses the
 * binding; a bad subject only itself, reported with its own line.
 */
export function parseBinding(
  object: ManifestObject,
  context: ParseContext,
): BindingDef | undefined {
  const kind =
    object.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  const meta = parseMetadata(object, context);
  if (meta === undefined) return undefined;
  const ref = object.body.roleRef;
  const refKind = isRecord(ref) ? ref.kind : undefined;
  const refName = isRecord(ref) ? textOf(ref.name) : undefined;
  const allowed =
    kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (
    refName === undefined ||
    (refKind !== 'Role' && refKind !== 'ClusterRole') ||
    !allowed.includes(refKind)
  ) {
    context.bad(
      siteOf(object.doc, [
        ...object.path,
        ...(isRecord(ref) ? ['roleRef'] : []),
      ]),
      `${kind} "${truncate(meta.name)}" has no usable roleRef`,
      `roleRef with kind ${allowed.join(' or ')} and a name, e.g. {kind: ClusterRole, name: view}`,
    );
    return undefined;
  }
  const namespace =
    kind === 'RoleBinding'
      ? (meta.namespace ?? context.defaultNamespace)
      : undefined;
  const subjects = object.body.subjects ?? [];
  if (!Array.isArray(subjects)) {
    fail(
      object,
      ['subjects'],
      context,
      `${kind} "${truncate(meta.name)}" has subjects that are not a list`,
      'subjects: a list of {kind, name, namespace}',
    );
    return undefined;
  }
  const parsed: SubjectDef[] = [];
  for (const [index, subject] of subjects.entries()) {
    const at = siteOf(object.doc, [...object.path, 'subjects', index]);
    const result = parseSubject(subject, namespace);
    if (typeof result === 'string') {
      context.bad(
        at,
        result,
        'a subject such as {kind: ServiceAccount, name: app, namespace: shop}',
      );
      continue;
    }
    parsed.push({ ...result, site: at });
  }
  return {
    kind,
    ...(namespace !== undefined && { namespace }),
    name: meta.name,
    roleRef: { kind: refKind, name: refName },
    roleRefSite: siteOf(object.doc, [...object.path, 'roleRef']),
    subjects: parsed,
    site: siteOf(object.doc, object.path),
  };
}

function parseSubject(
  value: unknown,
  bindingNamespace: string | undefined,
): Omit<SubjectDef, 'site'> | string {
  if (!isRecord(value)) return 'a subject is not a mapping';
  const kind = textOf(value.kind);
  const name = textOf(value.name);
  if (!isSubjectKind(kind)) {
    return kind === undefined
      ? 'a subject has no kind'
      : `subject kind "${truncate(kind)}" is not ServiceAccount, User or Group`;
  }
  if (name === undefined) return `a ${kind} subject has no name`;
  if (kind !== 'ServiceAccount') return { kind, name };
  // The authorizer reads a missing namespace as the RoleBinding's own.
  const namespace = textOf(value.namespace) ?? bindingNamespace;
  if (namespace === undefined) {
    return `ServiceAccount subject "${truncate(name)}" of a ClusterRoleBinding has no namespace`;
  }
  return { kind: 'ServiceAccount', name, namespace };
}
