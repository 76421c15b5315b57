import type { RiskLevel } from '../../model/index.ts';

export interface BuiltinRole {
  risk: RiskLevel;
  description: string;
}

/**
 * Default roles every cluster ships, which manifests bind without
 * defining. Only the common ones: an unknown role keeps no risk, and the
 * data-quality report names it, which beats a guess.
 */
const CLUSTER_ROLES: ReadonlyMap<string, BuiltinRole> = new Map([
  [
    'cluster-admin',
    {
      risk: 'critical',
      description: 'built-in: every verb on every resource and URL',
    },
  ],
  [
    'admin',
    {
      risk: 'high',
      description:
        'built-in: read and write most namespaced resources, secrets, ' +
        'roles and role bindings included',
    },
  ],
  [
    'edit',
    {
      risk: 'high',
      description:
        'built-in: read and write most namespaced resources, secrets and ' +
        'pods/exec included; no roles',
    },
  ],
  [
    'view',
    {
      risk: 'low',
      description: 'built-in: read most namespaced resources, secrets excluded',
    },
  ],
  [
    'system:auth-delegator',
    {
      risk: 'medium',
      description:
        'built-in: create tokenreviews and subjectaccessreviews (delegated ' +
        'authentication and authorization)',
    },
  ],
]);

/** Built-in Roles, keyed `namespace/name`. */
const ROLES: ReadonlyMap<string, BuiltinRole> = new Map([
  [
    'kube-system/extension-apiserver-authentication-reader',
    {
      risk: 'low',
      description:
        'built-in: get, list and watch the configmap extension-apiserver-authentication',
    },
  ],
]);

export function findBuiltinRole(
  kind: 'Role' | 'ClusterRole',
  name: string,
  namespace?: string,
): BuiltinRole | undefined {
  return kind === 'ClusterRole'
    ? CLUSTER_ROLES.get(name)
    : ROLES.get(`${namespace ?? ''}/${name}`);
}
