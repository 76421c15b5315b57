import type { Identity } from '../../model/index.ts';
import { pointer } from '../json-file.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import {
  isObject,
  optionalArray,
  requiredString,
  typeOf,
} from '../record-checks.ts';
import { classifyIdentity } from '../scim/scim-kind.ts';
import type { KindDecision } from '../scim/scim-kind.ts';
import type { Attachment, InlinePolicy } from './aws-policies.ts';
import { readAttachments, readInlinePolicies } from './aws-policies.ts';
import { isoTimestamp, readAttributes } from './aws-attributes.ts';
import { decodePolicyDocument } from './aws-policy-document.ts';
import { roleKind, trustPrincipals } from './aws-trust.ts';

/** A user, group or role with the policies it holds itself. */
export interface AwsPrincipal {
  arn: string;
  name: string;
  path: string;
  attachments: Attachment[];
  inline: InlinePolicy[];
}

export interface AwsUser extends AwsPrincipal {
  identity: Identity;
  groups: { name: string; path: string }[];
}

export interface AwsRole extends AwsPrincipal {
  identity: Identity;
  /** When the role was last assumed, ISO 8601. */
  lastUsedAt?: string;
}

type Kind = 'User' | 'Group' | 'Role';

/** The parts every principal has; undefined (reported) without a name or ARN. */
export function readPrincipal(
  reporter: RecordReporter,
  raw: unknown,
  path: string,
  kind: Kind,
): AwsPrincipal | undefined {
  if (!isObject(raw)) {
    reporter.report(
      path,
      `the ${kind.toLowerCase()} is ${typeOf(raw)}`,
      `a JSON object with ${kind}Name and Arn`,
    );
    return undefined;
  }
  const name = requiredString(
    reporter,
    raw[`${kind}Name`],
    path,
    `${kind}Name`,
  );
  if (name === undefined) return undefined;
  const arn = requiredString(reporter, raw.Arn, path, 'Arn');
  if (arn === undefined) return undefined;
  return {
    arn,
    name,
    path,
    attachments: readAttachments(reporter, raw, path),
    inline: readInlinePolicies(reporter, raw, `${kind}PolicyList`, path),
  };
}

/** An IAM user: a person unless its name says it is a machine. */
export function parseUser(
  reporter: RecordReporter,
  raw: unknown,
  path: string,
): AwsUser | undefined {
  const principal = readPrincipal(reporter, raw, path, 'User');
  if (principal === undefined || !isObject(raw)) return undefined;
  const groupsPath = pointer(path, 'GroupList');
  const groups: AwsUser['groups'] = [];
  optionalArray(reporter, raw.GroupList, groupsPath, 'GroupList').forEach(
    (group, index) => {
      const at = pointer(groupsPath, index);
      if (typeof group === 'string' && group !== '')
        groups.push({ name: group, path: at });
      else
        reporter.report(
          at,
          `the group name is ${typeOf(group)}`,
          'a group name such as "admin"',
        );
    },
  );
  const decision = classifyIdentity(undefined, [principal.name], 'iam_user');
  return {
    ...principal,
    groups,
    identity: identity(reporter, raw, principal, 'UserId', decision, {}),
  };
}

/** An IAM role: a machine identity, classified by who may assume it. */
export function parseRole(
  reporter: RecordReporter,
  raw: unknown,
  path: string,
): AwsRole | undefined {
  const principal = readPrincipal(reporter, raw, path, 'Role');
  if (principal === undefined || !isObject(raw)) return undefined;
  const extra: Record<string, string> = {};

  let principals: string[] | undefined;
  if (raw.AssumeRolePolicyDocument !== undefined) {
    const trust = decodePolicyDocument(raw.AssumeRolePolicyDocument);
    if (trust === undefined) {
      reporter.report(
        pointer(path, 'AssumeRolePolicyDocument'),
        'the trust policy cannot be read',
        'a policy document as a JSON object or URL-encoded JSON text',
      );
    } else {
      principals = trustPrincipals(trust);
      extra.trusted_by = principals.join(',');
    }
  }
  const profiles = optionalArray(
    reporter,
    raw.InstanceProfileList,
    pointer(path, 'InstanceProfileList'),
    'InstanceProfileList',
  )
    .map((p) =>
      isObject(p) && typeof p.InstanceProfileName === 'string'
        ? p.InstanceProfileName
        : '',
    )
    .filter((name) => name !== '');
  // An instance profile hands the role to EC2 instances: worth seeing.
  if (profiles.length > 0) extra.instance_profiles = profiles.join(',');
  if (
    typeof raw.Path === 'string' &&
    raw.Path.startsWith('/aws-service-role/')
  ) {
    extra.service_linked = 'true';
  }

  const lastUsed = isObject(raw.RoleLastUsed) ? raw.RoleLastUsed : {};
  const lastUsedAt =
    typeof lastUsed.LastUsedDate === 'string'
      ? isoTimestamp(lastUsed.LastUsedDate)
      : undefined;
  if (lastUsedAt !== undefined) extra.last_used_at = lastUsedAt;
  if (typeof lastUsed.Region === 'string')
    extra.last_used_region = lastUsed.Region;

  const decision = roleKind(principals);
  return {
    ...principal,
    identity: identity(reporter, raw, principal, 'RoleId', decision, extra),
    ...(lastUsedAt !== undefined && { lastUsedAt }),
  };
}

function identity(
  reporter: RecordReporter,
  raw: JsonObject,
  principal: AwsPrincipal,
  idKey: string,
  decision: KindDecision,
  extra: Record<string, string>,
): Identity {
  const read = readAttributes(
    reporter,
    raw,
    principal.arn,
    idKey,
    principal.path,
  );
  return {
    id: principal.arn,
    kind: decision.kind,
    name: principal.name,
    ...(read.email !== undefined && { email: read.email }),
    ...(read.owner !== undefined && { owner: read.owner }),
    attributes: { ...read.attributes, ...extra, kind_reason: decision.reason },
    provenance: [
      { source: 'aws-iam', file: reporter.file, path: principal.path },
    ],
  };
}
