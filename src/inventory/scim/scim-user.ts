import type { Identity } from '../../model/index.ts';
import { isMachineKind } from '../../model/index.ts';
import { pointer } from '../json-file.ts';
import { classifyIdentity } from './scim-kind.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import {
  isObject,
  optionalString,
  requiredString,
  typeOf,
} from '../record-checks.ts';
import type { ScimResource } from './scim-resources.ts';
import {
  ENTERPRISE_USER_SCHEMA,
  scimField,
  scimKey,
} from './scim-resources.ts';
import type { ScimValue } from './scim-values.ts';
import { multiValued, primaryOrFirst } from './scim-values.ts';

/** Core string attributes copied to identity attributes (snake_case). */
const CORE_ATTRIBUTES = [
  ['userName', 'user_name'],
  ['title', 'title'],
  ['userType', 'user_type'],
] as const;

/** Enterprise User extension attributes (RFC 7643 section 4.3). */
const ENTERPRISE_ATTRIBUTES = [
  ['employeeNumber', 'employee_number'],
  ['costCenter', 'cost_center'],
  ['organization', 'organization'],
  ['division', 'division'],
  ['department', 'department'],
] as const;

/** Attributes every resource has (RFC 7643 section 3.1), not in schemas. */
export const MAPPED_COMMON_ATTRIBUTES = ['id', 'externalId'];

/** Every User attribute the reader maps; a test checks them against RFC 7643. */
export const MAPPED_USER_ATTRIBUTES = [
  ...CORE_ATTRIBUTES.map(([name]) => name),
  ...['displayName', 'name.formatted', 'name.givenName', 'name.familyName'],
  ...['active', 'emails.value', 'emails.primary'],
  ...['addresses.type', 'addresses.locality', 'addresses.country'],
  ...[
    'entitlements.value',
    'entitlements.display',
    'roles.value',
    'roles.display',
  ],
  ...['groups.value', 'groups.display', 'groups.type'],
];

export const MAPPED_ENTERPRISE_ATTRIBUTES = [
  ...ENTERPRISE_ATTRIBUTES.map(([name]) => name),
  'manager.value',
];

/** A User read into an identity, with the access it states itself. */
export interface ScimUser {
  identity: Identity;
  entitlements: ScimValue[];
  roles: ScimValue[];
  /** Read-only back-references; used only when no Groups were given. */
  groups: ScimValue[];
}

/** Reads one User; undefined (reported) when it has no usable id. */
export function parseUser({
  resource,
  path,
  reporter,
}: ScimResource): ScimUser | undefined {
  const id = requiredString(reporter, scimField(resource, 'id'), path, 'id');
  if (id === undefined) return undefined;

  const attributes: Record<string, string> = {};
  const externalId = text(reporter, resource, 'externalId', path);
  if (externalId !== undefined) attributes.external_id = externalId;
  for (const [name, key] of CORE_ATTRIBUTES) {
    const value = text(reporter, resource, name, path);
    if (value !== undefined) attributes[key] = value;
  }
  const manager = readEnterprise(reporter, resource, path, attributes);
  readLocation(reporter, resource, path, attributes);

  const userName = attributes.user_name;
  const decision = classifyIdentity(
    attributes.user_type,
    [userName],
    'default',
  );
  attributes.kind_reason = decision.reason;
  const email = primaryOrFirst(multiValued(reporter, resource, 'emails', path));
  const status = readActive(reporter, resource, path);
  const name = displayName(reporter, resource, path) ?? userName;

  const identity: Identity = {
    id,
    kind: decision.kind,
    ...(name !== undefined && { name }),
    ...(email !== undefined && { email: email.value }),
    ...(status !== undefined && { status }),
    // The manager of a machine identity is the person accountable for it.
    ...(manager !== undefined &&
      isMachineKind(decision.kind) && { owner: manager }),
    attributes,
    provenance: [{ source: 'scim', file: reporter.file, path }],
  };
  return {
    identity,
    entitlements: multiValued(reporter, resource, 'entitlements', path),
    roles: multiValued(reporter, resource, 'roles', path),
    groups: multiValued(reporter, resource, 'groups', path),
  };
}

/** A non-empty string attribute; wrong types are reported. */
function text(
  reporter: RecordReporter,
  object: JsonObject,
  name: string,
  base: string,
): string | undefined {
  const key = scimKey(object, name) ?? name;
  const value = optionalString(reporter, object[key], pointer(base, key), name);
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Copies the enterprise extension; returns the manager's id. */
function readEnterprise(
  reporter: RecordReporter,
  resource: JsonObject,
  path: string,
  attributes: Record<string, string>,
): string | undefined {
  const key = scimKey(resource, ENTERPRISE_USER_SCHEMA);
  if (key === undefined) return undefined;
  const extension = resource[key];
  const base = pointer(path, key);
  if (!isObject(extension)) {
    reporter.report(
      base,
      `the enterprise extension is ${typeOf(extension)}`,
      'a JSON object',
    );
    return undefined;
  }
  for (const [name, attribute] of ENTERPRISE_ATTRIBUTES) {
    const value = text(reporter, extension, name, base);
    if (value !== undefined) attributes[attribute] = value;
  }
  const managerKey = scimKey(extension, 'manager') ?? 'manager';
  const manager = extension[managerKey];
  // Some providers send the manager's id as a bare string.
  const managerId = isObject(manager)
    ? text(reporter, manager, 'value', pointer(base, managerKey))
    : text(reporter, extension, managerKey, base);
  if (managerId !== undefined) attributes.manager = managerId;
  return managerId;
}

/** `location` and `country` from the work address, else the first. */
function readLocation(
  reporter: RecordReporter,
  resource: JsonObject,
  path: string,
  attributes: Record<string, string>,
): void {
  const key = scimKey(resource, 'addresses') ?? 'addresses';
  const addresses = resource[key];
  if (addresses === undefined || addresses === null) return;
  if (!Array.isArray(addresses)) {
    reporter.report(
      pointer(path, key),
      `addresses is ${typeOf(addresses)}`,
      'a JSON array',
    );
    return;
  }
  const index = Math.max(
    0,
    addresses.findIndex((a) => isObject(a) && scimField(a, 'type') === 'work'),
  );
  const address: unknown = addresses[index];
  if (!isObject(address)) return;
  const base = pointer(path, key, index);
  const locality = text(reporter, address, 'locality', base);
  const country = text(reporter, address, 'country', base);
  if (locality !== undefined) attributes.location = locality;
  if (country !== undefined) attributes.country = country;
}

/**
 * `active` as a status. Azure AD is known to send "True"/"False" strings,
 * which are read as the booleans they mean; other types are reported.
 */
function readActive(
  reporter: RecordReporter,
  resource: JsonObject,
  path: string,
): string | undefined {
  const key = scimKey(resource, 'active') ?? 'active';
  const value = resource[key];
  if (value === undefined || value === null) return undefined;
  const flag = typeof value === 'string' ? value.toLowerCase() : value;
  if (flag === true || flag === 'true') return 'active';
  if (flag === false || flag === 'false') return 'disabled';
  reporter.report(
    pointer(path, key),
    `active is ${typeOf(value)}`,
    'active as true or false',
  );
  return undefined;
}

function displayName(
  reporter: RecordReporter,
  resource: JsonObject,
  path: string,
): string | undefined {
  const display = text(reporter, resource, 'displayName', path);
  if (display !== undefined) return display;
  const key = scimKey(resource, 'name') ?? 'name';
  const name = resource[key];
  if (!isObject(name)) return undefined;
  const base = pointer(path, key);
  const formatted = text(reporter, name, 'formatted', base);
  if (formatted !== undefined) return formatted;
  const parts = [
    text(reporter, name, 'givenName', base),
    text(reporter, name, 'familyName', base),
  ];
  const joined = parts.filter((p) => p !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}
