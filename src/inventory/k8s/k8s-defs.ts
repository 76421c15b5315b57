import type { ManifestDocument, PathStep } from './k8s-yaml.ts';

/** Where an object or field sits: file, line and a path inside the file. */
export interface K8sSite {
  file: string;
  line?: number;
  /** JSON Pointer, prefixed `document N` when the file holds several. */
  path?: string;
}

/** One rule of a Role or ClusterRole, with absent lists made empty. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface ServiceAccountDef {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  automountToken?: boolean;
  site: K8sSite;
}

/** `matchLabels` of one aggregation selector; expressions are not kept. */
export interface AggregationRule {
  selectors: Record<string, string>[];
  /** Selectors using `matchExpressions`, which this reader does not evaluate. */
  unevaluated: number;
}

export interface RoleDef {
  kind: 'Role' | 'ClusterRole';
  /** Set for Roles only. */
  namespace?: string;
  name: string;
  rules: PolicyRule[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  aggregation?: AggregationRule;
  site: K8sSite;
}

export type SubjectKind = 'ServiceAccount' | 'User' | 'Group';

export interface SubjectDef {
  kind: SubjectKind;
  name: string;
  /** Resolved: a RoleBinding's own namespace when the subject names none. */
  namespace?: string;
  site: K8sSite;
}

export interface BindingDef {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** Set for RoleBindings only. */
  namespace?: string;
  name: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  roleRefSite: K8sSite;
  subjects: SubjectDef[];
  site: K8sSite;
}

/** Everything RBAC the manifests hold, in file order. */
export interface RbacObjects {
  serviceAccounts: ServiceAccountDef[];
  roles: RoleDef[];
  bindings: BindingDef[];
  /** Objects of other kinds, counted by kind. */
  ignored: Map<string, number>;
}

export function emptyRbacObjects(): RbacObjects {
  return { serviceAccounts: [], roles: [], bindings: [], ignored: new Map() };
}

/** The site of the node at `path` in `doc`. */
export function siteOf(
  doc: ManifestDocument,
  path: readonly PathStep[],
): K8sSite {
  const pointer = path
    .map(
      (step) => `/${String(step).replaceAll('~', '~0').replaceAll('/', '~1')}`,
    )
    .join('');
  const where =
    doc.count > 1 ? `document ${doc.index}${pointer === '' ? '' : ' '}` : '';
  const line = doc.lineOf(path);
  const text = where + pointer;
  return {
    file: doc.file,
    ...(line !== undefined && { line }),
    ...(text !== '' && { path: text }),
  };
}
