import type { Identity } from '../../model/index.ts';
import type { Logger } from '../../logger.ts';
import type { K8sSite, ServiceAccountDef, SubjectDef } from './k8s-defs.ts';
import { ownerOf, provenanceOf } from './k8s-entitlements.ts';

/** Recommended labels that say what a service account is for. */
const LABEL_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['app.kubernetes.io/name', 'app'],
  ['app', 'app'],
  ['app.kubernetes.io/component', 'component'],
  ['app.kubernetes.io/part-of', 'part_of'],
  ['app.kubernetes.io/instance', 'instance'],
];

/** How the API server names a service account when it acts as a user. */
const SA_USERNAME = /^system:serviceaccount:([^:]+):([^:]+)$/;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function serviceAccountId(namespace: string, name: string): string {
  return `k8s:sa:${namespace}/${name}`;
}

/** `k8s:sa:<namespace>/<name>` for `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountOfUsername(username: string): string | undefined {
  const account = SA_USERNAME.exec(username);
  return account?.[1] === undefined || account[2] === undefined
    ? undefined
    : serviceAccountId(account[1], account[2]);
}

export function userId(name: string): string {
  return `k8s:user:${name}`;
}

/** The identities a manifest set names, made once each, first site kept. */
export class IdentityBook {
  private readonly byId = new Map<string, Identity>();

  constructor(
    private readonly source: string,
    private readonly logger: Logger,
  ) {}

  define(account: ServiceAccountDef): void {
    const id = serviceAccountId(account.namespace, account.name);
    const earlier = this.byId.get(id);
    if (earlier !== undefined) {
      this.logger.warn(
        'a service account is defined twice; the last definition is used',
        { identity: id, first: earlier.provenance?.[0], again: account.site },
      );
    }
    const owner = ownerOf(account.annotations);
    const attributes: Record<string, string> = {
      namespace: account.namespace,
    };
    for (const [label, key] of LABEL_ATTRIBUTES) {
      const value = account.labels[label];
      if (value !== undefined && attributes[key] === undefined) {
        attributes[key] = value;
      }
    }
    if (account.automountToken !== undefined) {
      attributes.automount_token = String(account.automountToken);
    }
    this.byId.set(id, {
      id,
      kind: 'service-account',
      name: account.name,
      ...(owner !== undefined && { owner }),
      attributes,
      provenance: [provenanceOf(this.source, account.site)],
    });
  }

  /** The identity id of a ServiceAccount or User subject. */
  resolve(subject: SubjectDef): string {
    if (subject.kind === 'ServiceAccount' && subject.namespace !== undefined) {
      return this.account(subject.namespace, subject.name, subject.site);
    }
    return this.resolveUsername(subject.name, subject);
  }

  /**
   * The identity behind a Kubernetes username: a service account in its
   * `system:serviceaccount:` form, a component for other `system:` names,
   * else a person.
   */
  resolveUsername(username: string, subject: SubjectDef): string {
    const account = SA_USERNAME.exec(username);
    if (account?.[1] !== undefined && account[2] !== undefined) {
      return this.account(account[1], account[2], subject.site);
    }
    const id = userId(username);
    if (this.byId.has(id)) return id;
    const component = username.startsWith('system:');
    if (username === 'system:anonymous') {
      this.logger.warn('a binding grants access to anonymous requests', {
        identity: id,
        ...subject.site,
      });
    }
    this.byId.set(id, {
      id,
      kind: component ? 'workload' : 'human',
      name: username,
      ...(EMAIL.test(username) && { email: username }),
      attributes: {},
      provenance: [provenanceOf(this.source, subject.site)],
    });
    return id;
  }

  all(): Identity[] {
    return [...this.byId.values()];
  }

  private account(namespace: string, name: string, site: K8sSite): string {
    const id = serviceAccountId(namespace, name);
    if (this.byId.has(id)) return id;
    // Bound but not defined here: it may live in another repository.
    this.logger.debug('a bound service account is not in the manifests', {
      identity: id,
      ...site,
    });
    this.byId.set(id, {
      id,
      kind: 'service-account',
      name,
      attributes: { namespace },
      provenance: [provenanceOf(this.source, site)],
    });
    return id;
  }
}
