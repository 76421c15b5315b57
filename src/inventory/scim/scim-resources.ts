import type { Logger } from '../../logger.ts';
import { pointer } from '../json-file.ts';
import type { JsonObject, RecordReporter } from '../record-checks.ts';
import { isObject, typeOf } from '../record-checks.ts';

export const SCIM_URN = 'urn:ietf:params:scim:';
export const LIST_RESPONSE =
  'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA =
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** One User or Group, with where it sits in which file. */
export interface ScimResource {
  type: 'User' | 'Group';
  resource: JsonObject;
  path: string;
  reporter: RecordReporter;
}

/**
 * SCIM attribute names are case-insensitive (RFC 7643 section 2.1): try
 * the exact name first, then any casing.
 */
export function scimField(object: JsonObject, name: string): unknown {
  const key = scimKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** The key `name` is spelt with in `object`, if present in any casing. */
export function scimKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/**
 * The Users and Groups of one parsed file: a ListResponse or a single
 * resource. Other SCIM resources (Schema, ResourceType, …) carry no
 * access; they are logged and passed over.
 */
export function collectResources(
  reporter: RecordReporter,
  value: unknown,
  logger: Logger,
): ScimResource[] {
  if (!isObject(value)) {
    reporter.report('', `the document is ${typeOf(value)}`, EXPECTED_DOCUMENT);
    return [];
  }
  if (!isListResponse(value)) return classify(reporter, value, '', logger);

  const resources = scimField(value, 'Resources') ?? [];
  if (!Array.isArray(resources)) {
    reporter.report(
      '/Resources',
      `Resources is ${typeOf(resources)}`,
      'a JSON array of resources',
    );
    return [];
  }
  const total = scimField(value, 'totalResults');
  if (typeof total === 'number' && total > resources.length) {
    logger.warn('SCIM ListResponse holds one page of a longer list', {
      file: reporter.file,
      resources: resources.length,
      totalResults: total,
    });
  }
  const found: ScimResource[] = [];
  resources.forEach((item, index) => {
    found.push(
      ...classify(reporter, item, pointer('/Resources', index), logger),
    );
  });
  return found;
}

function isListResponse(value: JsonObject): boolean {
  return (
    schemasOf(value).includes(LIST_RESPONSE) ||
    Array.isArray(scimField(value, 'Resources'))
  );
}

function classify(
  reporter: RecordReporter,
  item: unknown,
  path: string,
  logger: Logger,
): ScimResource[] {
  if (!isObject(item)) {
    reporter.report(path, `the resource is ${typeOf(item)}`, EXPECTED_RESOURCE);
    return [];
  }
  const type = resourceType(item);
  if (type === 'User' || type === 'Group') {
    return [{ type, resource: item, path, reporter }];
  }
  if (type !== undefined) {
    logger.info('passing over a SCIM resource that grants no access', {
      file: reporter.file,
      path,
      type,
    });
    return [];
  }
  reporter.report(
    path,
    'the resource is neither a SCIM User nor a Group',
    EXPECTED_RESOURCE,
  );
  return [];
}

/**
 * The resource type from `schemas`, then `meta.resourceType`, then the
 * shape (a `userName` means a User, `members` a Group) for exports that
 * drop both.
 */
function resourceType(item: JsonObject): string | undefined {
  const schemas = schemasOf(item);
  if (
    schemas.includes(USER_SCHEMA) ||
    schemas.includes(ENTERPRISE_USER_SCHEMA)
  ) {
    return 'User';
  }
  if (schemas.includes(GROUP_SCHEMA)) return 'Group';
  const meta = scimField(item, 'meta');
  const declared = isObject(meta) ? scimField(meta, 'resourceType') : undefined;
  if (declared === 'User' || declared === 'Group') return declared;
  const scimSchema = schemas.find((s) => s.startsWith(SCIM_URN));
  if (typeof declared === 'string') return declared;
  if (scimSchema !== undefined) return scimSchema;
  if (scimField(item, 'userName') !== undefined) return 'User';
  if (scimField(item, 'members') !== undefined) return 'Group';
  return undefined;
}

function schemasOf(item: JsonObject): string[] {
  const schemas = scimField(item, 'schemas');
  return Array.isArray(schemas)
    ? schemas.filter((s): s is string => typeof s === 'string')
    : [];
}

const EXPECTED_RESOURCE =
  `a JSON object whose "schemas" holds "${USER_SCHEMA}" ` +
  `or "${GROUP_SCHEMA}"`;
const EXPECTED_DOCUMENT =
  `a SCIM ListResponse ({"schemas": ["${LIST_RESPONSE}"], "Resources": […]}) ` +
  'or a single User or Group';
