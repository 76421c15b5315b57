import type { JsonObject } from '../record-checks.ts';
import { isObject } from '../record-checks.ts';
import { statementsOf, stringList } from './aws-policy-document.ts';
import type { KindDecision } from '../scim/scim-kind.ts';

/** Principal types as IAM spells them, and how `trusted_by` names them. */
const PRINCIPAL_TYPES: Record<string, string> = {
  Service: 'service',
  AWS: 'aws',
  Federated: 'federated',
  CanonicalUser: 'canonical_user',
};

/**
 * Who may assume a role: the principals of the Allow statements of its
 * trust policy, as `service:ec2.amazonaws.com`, `aws:<arn or account>`,
 * `federated:<provider>` or `*` for anyone. Sorted, each once.
 */
export function trustPrincipals(document: JsonObject): string[] {
  const found = new Set<string>();
  for (const statement of statementsOf(document)) {
    if (statement.effect.toLowerCase() !== 'allow') continue;
    const principal = statement.principal;
    if (principal === '*') found.add('*');
    if (!isObject(principal)) continue;
    for (const [type, values] of Object.entries(principal)) {
      const prefix = PRINCIPAL_TYPES[type] ?? type.toLowerCase();
      for (const value of stringList(values)) {
        found.add(type === 'AWS' && value === '*' ? '*' : `${prefix}:${value}`);
      }
    }
  }
  return [...found].sort();
}

/**
 * A role an AWS service assumes (a `Service` principal such as
 * `lambda.amazonaws.com`) runs a workload; a role assumed by accounts,
 * users, roles or federated sessions is a service account.
 */
export function roleKind(
  principals: readonly string[] | undefined,
): KindDecision {
  if (principals === undefined)
    return { kind: 'service-account', reason: 'trust:unknown' };
  return principals.some((p) => p.startsWith('service:'))
    ? { kind: 'workload', reason: 'trust:service_principal' }
    : { kind: 'service-account', reason: 'trust:no_service_principal' };
}
